package io.barreleye.skb;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference answer to a small {@link TreeQuery}: every assignment of a parent to every
 * member but the root, kept when it is a tree within the fan-out bound, each evaluated with its
 * best sending order. (n-1)^(n-1) assignments, so only for n up to about 8.
 */
final class ExhaustiveTree {
    private ExhaustiveTree() {
    }

    static long best(TreeQuery q) {
        List<Integer> ms = q.members();
        List<Integer> others = ms.stream().filter(c -> c != q.root()).toList();
        int[] choice = new int[others.size()];
        long best = Long.MAX_VALUE;
        while (true) {
            Map<Integer, Integer> parent = new HashMap<>();
            parent.put(q.root(), q.root());
            Map<Integer, Integer> fan = new HashMap<>();
            boolean ok = true;
            for (int i = 0; i < others.size() && ok; i++) {
                int p = candidates(ms, others.get(i)).get(choice[i]);
                parent.put(others.get(i), p);
                ok = fan.merge(p, 1, Integer::sum) <= q.fanOut();
            }
            if (ok && isTree(q.root(), parent)) {
                best = Math.min(best, TreePlan.fromParents(q, parent, Method.SOLVER_OPTIMAL, 0).latestDelivery());
            }
            int k = 0;
            while (k < choice.length && ++choice[k] == ms.size() - 1) choice[k++] = 0;
            if (k == choice.length) return best;
        }
    }

    private static List<Integer> candidates(List<Integer> ms, int c) {
        return ms.stream().filter(m -> m != c).toList();
    }

    private static boolean isTree(int root, Map<Integer, Integer> parent) {
        for (int c : parent.keySet()) {
            int x = c;
            for (int steps = 0; x != root; steps++) {
                if (steps > parent.size()) return false;
                x = parent.get(x);
            }
        }
        return true;
    }
}
