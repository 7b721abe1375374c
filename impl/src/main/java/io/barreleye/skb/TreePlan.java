package io.barreleye.skb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer to a {@link TreeQuery}: each member's children in the order it sends to them, the
 * latest delivery under the query's objective, and how it was found.
 *
 * @param root            the sender
 * @param children        every member's children in sending order (leaves map to an empty list)
 * @param latestDelivery  the objective: nanoseconds until the last member has the message
 * @param method          solver or greedy, see {@link Method}
 * @param solveNanos      wall-clock time the query took
 */
public record TreePlan(int root, Map<Integer, List<Integer>> children, long latestDelivery, Method method,
                       long solveNanos) {
    public TreePlan {
        Map<Integer, List<Integer>> copy = new LinkedHashMap<>();
        children.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        children = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The plan for the tree given by {@code parent} (member to its parent, the root to itself),
     * with every core's children put in the best sending order for the objective: farthest
     * remaining subtree first (an exchange argument shows no order does better), ties by id.
     */
    static TreePlan fromParents(TreeQuery q, Map<Integer, Integer> parent, Method method, long solveNanos) {
        Map<Integer, List<Integer>> kids = new LinkedHashMap<>();
        for (int c : q.members()) kids.put(c, new ArrayList<>());
        for (int c : q.members()) {
            if (c != q.root()) kids.get(parent.get(c)).add(c);
        }
        Map<Integer, Long> tail = new java.util.HashMap<>();
        tail(q, q.root(), kids, tail);
        for (Map.Entry<Integer, List<Integer>> e : kids.entrySet()) {
            int p = e.getKey();
            e.getValue().sort(Comparator.comparingLong((Integer c) -> -(q.lat(p, c) + tail.get(c)))
                    .thenComparingInt(c -> c));
        }
        return new TreePlan(q.root(), kids, tail.get(q.root()), method, solveNanos);
    }

    /** Time from c having the message until its whole subtree has it, with children in best order. */
    private static long tail(TreeQuery q, int c, Map<Integer, List<Integer>> kids, Map<Integer, Long> out) {
        List<Long> need = new ArrayList<>();
        for (int k : kids.get(c)) need.add(q.lat(c, k) + tail(q, k, kids, out));
        need.sort(Comparator.reverseOrder());
        long worst = 0;
        for (int i = 0; i < need.size(); i++) {
            worst = Math.max(worst, (i + 1) * q.sendCostNanos() + need.get(i));
        }
        out.put(c, worst);
        return worst;
    }

    /** The latest delivery of the tree exactly as given (children sent in the listed order). */
    public static long latestDelivery(TreeQuery q, Map<Integer, List<Integer>> children) {
        return deliver(q, q.root(), 0, children);
    }

    private static long deliver(TreeQuery q, int c, long at, Map<Integer, List<Integer>> children) {
        long worst = at;
        List<Integer> kids = children.getOrDefault(c, List.of());
        for (int i = 0; i < kids.size(); i++) {
            int k = kids.get(i);
            worst = Math.max(worst, deliver(q, k, at + (i + 1) * q.sendCostNanos() + q.lat(c, k), children));
        }
        return worst;
    }

    /** c's parent (the root for itself), or -1 when c is not a member. */
    public int parent(int c) {
        if (c == root) return root;
        for (Map.Entry<Integer, List<Integer>> e : children.entrySet()) {
            if (e.getValue().contains(c)) return e.getKey();
        }
        return -1;
    }

    /** Hops from the root to the deepest member. */
    public int depth() {
        int max = 0;
        for (int c : children.keySet()) {
            int d = 0;
            for (int x = c; x != root; x = parent(x)) d++;
            max = Math.max(max, d);
        }
        return max;
    }

    /** The largest number of children any member has. */
    public int maxFanOut() {
        return children.values().stream().mapToInt(List::size).max().orElse(0);
    }
}
