package io.barreleye.vm;

import io.barreleye.skb.Skb;
import io.barreleye.skb.TreePlan;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tree an unmap travels along: rooted at the initiator, spanning a set of member cores
 * (the initiator's view when the unmap started, carried in the Unmap message as a bit mask so that
 * every core computes the same tree). {@link #parent} is the spec's {@code Parent(i, c)};
 * {@link #children} lists a core's children in the order it sends to them.
 */
public final class MulticastTree {
    private final TreeShape shape;
    private final int initiator;
    private final List<Integer> members;
    private final Map<Integer, Integer> parent = new LinkedHashMap<>();
    private final Map<Integer, List<Integer>> children = new LinkedHashMap<>();
    /** The SKB's answer this tree came from (SKB shape only). */
    private TreePlan plan;

    private MulticastTree(TreeShape shape, int initiator, List<Integer> members) {
        this.shape = shape;
        this.initiator = initiator;
        this.members = List.copyOf(members);
        for (int c : members) children.put(c, new ArrayList<>());
        parent.put(initiator, initiator);
    }

    /** The tree of {@code shape} rooted at {@code initiator} over {@code members} (the initiator is added if missing). */
    public static MulticastTree build(Topology topology, TreeShape shape, int initiator, Collection<Integer> members) {
        List<Integer> ms = new ArrayList<>(new java.util.TreeSet<>(members));
        if (!ms.contains(initiator)) {
            ms.add(initiator);
            ms.sort(Comparator.naturalOrder());
        }
        MulticastTree t = new MulticastTree(shape, initiator, ms);
        switch (shape) {
            case BROADCAST -> {
                for (int c : ms) if (c != initiator) t.link(initiator, c);
            }
            case UNICAST -> {
                int start = ms.indexOf(initiator);
                int prev = initiator;
                for (int k = 1; k < ms.size(); k++) {
                    int c = ms.get((start + k) % ms.size());
                    t.link(prev, c);
                    prev = c;
                }
            }
            case MULTICAST, NUMA_MULTICAST -> {
                Map<Integer, List<Integer>> byPkg = new TreeMap<>();
                for (int c : ms) byPkg.computeIfAbsent(topology.core(c).pkg(), p -> new ArrayList<>()).add(c);
                int home = topology.core(initiator).pkg();
                List<Integer> leaders = new ArrayList<>();
                for (Map.Entry<Integer, List<Integer>> e : byPkg.entrySet()) {
                    if (e.getKey() != home) leaders.add(e.getValue().get(0)); // lowest id member leads
                }
                if (shape == TreeShape.NUMA_MULTICAST) {
                    leaders.sort(Comparator.comparingInt((Integer l) -> -topology.hops(initiator, l))
                            .thenComparingInt(l -> l));
                }
                // remote packages first (their leaders still have to forward), then the initiator's package mates
                for (int l : leaders) t.link(initiator, l);
                for (int c : byPkg.get(home)) if (c != initiator) t.link(initiator, c);
                for (int l : leaders) {
                    for (int c : byPkg.get(topology.core(l).pkg())) if (c != l) t.link(l, c);
                }
            }
            case SKB -> {
                // The SKB remembers its answer per question, so every core builds this same tree.
                TreePlan plan = Skb.of(topology).unmapTree(initiator, ms);
                t.plan = plan;
                List<Integer> level = List.of(initiator);
                while (!level.isEmpty()) { // breadth-first, so a parent is linked before its children
                    List<Integer> next = new ArrayList<>();
                    for (int p : level) {
                        for (int c : plan.children().get(p)) {
                            t.link(p, c);
                            next.add(c);
                        }
                    }
                    level = next;
                }
            }
            default -> throw new IllegalArgumentException(shape.toString());
        }
        return t;
    }

    private void link(int p, int c) {
        parent.put(c, p);
        children.get(p).add(c);
    }

    /** For an {@link TreeShape#SKB} tree, the SKB's answer (objective value, solver or greedy); else null. */
    public TreePlan plan() {
        return plan;
    }

    public TreeShape shape() {
        return shape;
    }

    public int initiator() {
        return initiator;
    }

    /** The members the tree spans, ascending, the initiator included. */
    public List<Integer> members() {
        return members;
    }

    /** The spec's Parent(i, c): c's parent, the initiator for itself; -1 for a non-member. */
    public int parent(int c) {
        return parent.getOrDefault(c, -1);
    }

    /** c's children in sending order (empty for leaves and non-members). */
    public List<Integer> children(int c) {
        return children.getOrDefault(c, List.of());
    }

    /** Every core below c in the tree (not c itself). */
    public List<Integer> descendants(int c) {
        List<Integer> out = new ArrayList<>();
        ArrayList<Integer> stack = new ArrayList<>(children(c));
        while (!stack.isEmpty()) {
            int d = stack.remove(stack.size() - 1);
            out.add(d);
            stack.addAll(children(d));
        }
        return out;
    }

    /** Hops from the initiator to the deepest member. */
    public int depth() {
        int max = 0;
        for (int c : members) {
            int d = 0;
            for (int x = c; x != initiator; x = parent(x)) d++;
            max = Math.max(max, d);
        }
        return max;
    }

    /** Members as a bit mask (cores 0..63), as carried in Unmap messages. */
    public static long mask(Collection<Integer> cores) {
        long m = 0;
        for (int c : cores) {
            if (c < 0 || c >= 64) throw new IllegalArgumentException("core " + c + " does not fit a 64-bit member mask");
            m |= 1L << c;
        }
        return m;
    }

    public static List<Integer> fromMask(long mask) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < 64; c++) if ((mask & (1L << c)) != 0) out.add(c);
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(shape + " from " + initiator + ":");
        for (Map.Entry<Integer, List<Integer>> e : children.entrySet()) {
            if (!e.getValue().isEmpty()) sb.append(' ').append(e.getKey()).append("->").append(e.getValue());
        }
        return sb.toString();
    }
}
