package io.barreleye.skb;

import java.util.Map;

/**
 * An answer to a {@link PlacementQuery}: service name to core and the objective's value, with
 * how it was found; or, when no placement can satisfy the request, {@code unsatisfiable} names
 * the constraint that cannot hold (and {@code where} is empty).
 */
public record Placement(Map<String, Integer> where, long cost, Method method, long solveNanos, String unsatisfiable) {
    public Placement {
        where = Map.copyOf(where);
    }

    static Placement impossible(String why, long solveNanos) {
        return new Placement(Map.of(), 0, Method.SOLVER_OPTIMAL, solveNanos, why);
    }

    public boolean satisfiable() {
        return unsatisfiable == null;
    }

    /** The objective for {@code where}: sum over traffic of weight times latency between the two cores. */
    static long cost(PlacementQuery q, LatencyMatrix lat, Map<String, Integer> where) {
        long sum = 0;
        for (Traffic t : q.traffic()) sum += t.weight() * lat.nanos(where.get(t.a()), where.get(t.b()));
        return sum;
    }
}
