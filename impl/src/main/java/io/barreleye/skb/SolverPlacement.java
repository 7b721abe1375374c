package io.barreleye.skb;

import io.barreleye.topology.Topology;
import java.util.HashMap;
import java.util.Map;
import org.chocosolver.solver.Model;
import org.chocosolver.solver.Solver;
import org.chocosolver.solver.search.SearchState;
import org.chocosolver.solver.search.strategy.Search;
import org.chocosolver.solver.search.strategy.selectors.variables.FirstFail;
import org.chocosolver.solver.variables.IntVar;

/**
 * The placement question as a Choco model:
 * <pre>
 *   core[s] in allowed(s)                        (core type, pin, NUMA node)
 *   binPacking(core, load, coreLoad), coreLoad[c] in 0..capacity (0 for cores not offered)
 *   lat[t] = latency(core[a], core[b])           for every traffic pair t = (a, b, w)
 *   minimise sum of w * lat[t]
 * </pre>
 * Answers that cannot be met are named before the search ({@link PlacementDomains}); the
 * greedy placement, when it finds one, bounds the search from above, so the answer is never
 * worse than it, and is proved optimal when the search completes.
 */
final class SolverPlacement {
    private SolverPlacement() {
    }

    static Placement place(Topology topology, LatencyMatrix lat, PlacementQuery q) {
        long start = System.nanoTime();
        PlacementDomains d = new PlacementDomains(topology, q);
        String why = d.unsatisfiable();
        if (why != null) return Placement.impossible(why, System.nanoTime() - start);
        Map<String, Integer> greedy = GreedyPlacement.place(q, d, lat);
        long greedyCost = greedy == null ? Long.MAX_VALUE : Placement.cost(q, lat, greedy);
        if (greedy != null && greedyCost == 0) {
            return new Placement(greedy, 0, Method.SOLVER_OPTIMAL, System.nanoTime() - start, null);
        }
        int n = q.services().size();
        int bins = topology.size();
        long maxCost = 0;
        for (Traffic t : q.traffic()) maxCost += t.weight() * lat.max();
        int ub = Math.toIntExact(Math.min(maxCost, greedyCost - 1));

        Model model = new Model("skb-placement");
        IntVar[] core = new IntVar[n];
        int[] load = new int[n];
        for (int i = 0; i < n; i++) {
            core[i] = model.intVar(q.services().get(i).name(), d.allowed(i).stream().mapToInt(Integer::intValue).toArray());
            load[i] = q.services().get(i).load();
        }
        IntVar[] coreLoad = new IntVar[bins];
        for (int c = 0; c < bins; c++) coreLoad[c] = model.intVar("load_" + c, 0, q.cores().contains(c) ? q.capacity() : 0);
        model.binPacking(core, load, coreLoad, 0).post();
        int[] flat = new int[bins * bins];
        for (int a = 0; a < bins; a++) for (int b = 0; b < bins; b++) flat[a * bins + b] = Math.toIntExact(lat.nanos(a, b));
        IntVar[] terms = new IntVar[q.traffic().size()];
        int[] weights = new int[q.traffic().size()];
        for (int t = 0; t < terms.length; t++) {
            Traffic tr = q.traffic().get(t);
            IntVar pair = model.intVar("pair_" + t, 0, bins * bins - 1);
            model.scalar(new IntVar[] {core[q.indexOf(tr.a())], core[q.indexOf(tr.b())]}, new int[] {bins, 1}, "=", pair).post();
            terms[t] = model.intVar("lat_" + t, 0, Math.toIntExact(lat.max()));
            model.element(terms[t], flat, pair).post();
            weights[t] = tr.weight();
        }
        IntVar objective = model.intVar("cost", 0, Math.max(0, ub));
        model.scalar(terms, weights, "=", objective).post();
        model.setObjective(Model.MINIMIZE, objective);
        Solver solver = model.getSolver();
        solver.setSearch(Search.intVarSearch(new FirstFail(model), v -> closest(v, core, q, lat), core));
        solver.limitNode(q.nodeLimit());
        solver.limitTime(q.timeLimit().toMillis());
        Map<String, Integer> best = null;
        while (solver.solve()) {
            best = new HashMap<>();
            for (int i = 0; i < n; i++) best.put(q.services().get(i).name(), core[i].getValue());
        }
        boolean complete = solver.getSearchState() == SearchState.TERMINATED;
        long took = System.nanoTime() - start;
        if (best != null) {
            return new Placement(best, Placement.cost(q, lat, best), complete ? Method.SOLVER_OPTIMAL : Method.SOLVER_LIMIT,
                    took, null);
        }
        if (greedy != null) {
            return new Placement(greedy, greedyCost, complete ? Method.SOLVER_OPTIMAL : Method.GREEDY_FALLBACK, took, null);
        }
        if (complete) {
            return Placement.impossible("capacity: no packing of the services' loads into the offered cores ("
                    + q.capacity() + " units each) exists", took);
        }
        return new Placement(Map.of(), 0, Method.GREEDY_FALLBACK, took, "undecided: neither the greedy placement nor the solver"
                + " (within its limits) found a placement; the request may still be satisfiable");
    }

    /** Value choice: the allowed core nearest (traffic-weighted) to the partners already placed, ties by id. */
    private static int closest(IntVar v, IntVar[] core, PlacementQuery q, LatencyMatrix lat) {
        int i = 0;
        while (core[i] != v) i++;
        String name = q.services().get(i).name();
        int best = v.getLB();
        long bestCost = Long.MAX_VALUE;
        for (int c = v.getLB(); c <= v.getUB(); c = v.nextValue(c)) {
            long cost = 0;
            for (Traffic t : q.traffic()) {
                String other = t.a().equals(name) ? t.b() : t.b().equals(name) ? t.a() : null;
                if (other == null) continue;
                IntVar o = core[q.indexOf(other)];
                if (o.isInstantiated()) cost += t.weight() * lat.nanos(c, o.getValue());
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = c;
            }
        }
        return best;
    }
}
