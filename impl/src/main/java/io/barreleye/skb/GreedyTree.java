package io.barreleye.skb;

import java.util.HashMap;
import java.util.Map;

/**
 * The fast fallback for a {@link TreeQuery}: earliest delivery first. Starting from the root,
 * it repeatedly attaches the member that can be reached soonest, through whichever attached
 * core with a free fan-out slot would deliver to it earliest (its own delivery time, plus one
 * more send, plus the latency), ties broken by core id. Quadratic in the members per step; no
 * search, so it answers in microseconds for any machine.
 */
final class GreedyTree {
    private GreedyTree() {
    }

    static TreePlan plan(TreeQuery q) {
        long start = System.nanoTime();
        return TreePlan.fromParents(q, parents(q), Method.GREEDY_FALLBACK, System.nanoTime() - start);
    }

    /** The greedy tree as member to parent (the root to itself). */
    static Map<Integer, Integer> parents(TreeQuery q) {
        Map<Integer, Integer> parent = new HashMap<>();
        Map<Integer, Long> delivered = new HashMap<>();
        Map<Integer, Integer> sends = new HashMap<>();
        parent.put(q.root(), q.root());
        delivered.put(q.root(), 0L);
        sends.put(q.root(), 0);
        while (parent.size() < q.members().size()) {
            long best = Long.MAX_VALUE;
            int bestChild = -1;
            int bestParent = -1;
            for (int c : q.members()) {
                if (parent.containsKey(c)) continue;
                for (int p : q.members()) {
                    Integer s = sends.get(p);
                    if (s == null || s >= q.fanOut()) continue;
                    long at = delivered.get(p) + (s + 1) * q.sendCostNanos() + q.lat(p, c);
                    if (at < best) {
                        best = at;
                        bestChild = c;
                        bestParent = p;
                    }
                }
            }
            parent.put(bestChild, bestParent);
            delivered.put(bestChild, best);
            sends.put(bestChild, 0);
            sends.merge(bestParent, 1, Integer::sum);
        }
        return parent;
    }
}
