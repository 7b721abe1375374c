package io.barreleye.skb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast fallback for a {@link PlacementQuery}: services with the fewest allowed cores first
 * (pinned ones, then NUMA-bound ones, ...), heavier talkers before lighter ones, each put on the
 * allowed core with room that adds the least traffic-weighted latency to the services already
 * placed, ties by core id. May fail to pack a request the solver can; returns null then.
 */
final class GreedyPlacement {
    private GreedyPlacement() {
    }

    static Map<String, Integer> place(PlacementQuery q, PlacementDomains d, LatencyMatrix lat) {
        int n = q.services().size();
        long[] talk = new long[n];
        for (Traffic t : q.traffic()) {
            talk[q.indexOf(t.a())] += t.weight();
            talk[q.indexOf(t.b())] += t.weight();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) order.add(i);
        order.sort(Comparator.comparingInt((Integer i) -> d.allowed(i).size()).thenComparingLong(i -> -talk[i])
                .thenComparing(i -> q.services().get(i).name()));
        Map<String, Integer> where = new HashMap<>();
        Map<Integer, Integer> used = new HashMap<>();
        for (int i : order) {
            ServiceSpec s = q.services().get(i);
            long best = Long.MAX_VALUE;
            int bestCore = -1;
            for (int c : d.allowed(i)) {
                if (used.getOrDefault(c, 0) + s.load() > q.capacity()) continue;
                long added = 0;
                for (Traffic t : q.traffic()) {
                    String other = t.a().equals(s.name()) ? t.b() : t.b().equals(s.name()) ? t.a() : null;
                    if (other != null && where.containsKey(other)) added += t.weight() * lat.nanos(c, where.get(other));
                }
                if (added < best) {
                    best = added;
                    bestCore = c;
                }
            }
            if (bestCore < 0) return null;
            where.put(s.name(), bestCore);
            used.merge(bestCore, s.load(), Integer::sum);
        }
        return where;
    }
}
