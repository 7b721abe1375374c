package io.barreleye.skb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chocosolver.solver.Model;
import org.chocosolver.solver.Solver;
import org.chocosolver.solver.search.SearchState;
import org.chocosolver.solver.search.strategy.Search;
import org.chocosolver.solver.search.strategy.selectors.values.IntDomainMin;
import org.chocosolver.solver.search.strategy.selectors.variables.InputOrder;
import org.chocosolver.solver.variables.IntVar;

/**
 * The multicast-tree question as a Choco constraint model (see {@link TreeQuery} for the
 * objective). Members are numbered 0..n-1 in ascending core order; for every member i but the
 * root:
 * <pre>
 *   parent[i] in members \ {i}      pos[i] in 1..fanOut      (i is parent[i]'s pos[i]-th send)
 *   time[i] = time[parent[i]] + latency(parent[i], i) + sendCost * pos[i]      time[root] = 0
 *   allDifferent(parent[i] * (fanOut + 1) + pos[i])    (siblings take distinct send slots)
 *   minimise max(time)
 * </pre>
 * Times strictly increase away from the root, so every solution is a tree. The greedy tree's
 * delivery is the upper bound: the solver looks only for strictly better trees, so when its
 * search completes without one, the greedy tree is proved optimal; when it stops at a limit
 * without one, the greedy tree is the answer and says so.
 *
 * <p>Search: parents first, nearest members to the root first, each trying the parent that
 * would deliver earliest; a node limit bounds it deterministically (same question, same
 * answer), a time limit bounds it in wall-clock.
 */
final class SolverTree {
    private SolverTree() {
    }

    static TreePlan plan(TreeQuery q) {
        long start = System.nanoTime();
        List<Integer> ms = q.members();
        int n = ms.size();
        TreePlan greedy = GreedyTree.plan(q);
        if (n <= 2) {
            return retime(greedy, Method.SOLVER_OPTIMAL, start);
        }
        int r = ms.indexOf(q.root());
        int s = Math.toIntExact(q.sendCostNanos());
        int ub = Math.toIntExact(greedy.latestDelivery() - 1);
        Model model = new Model("skb-multicast-tree");
        IntVar[] parent = new IntVar[n];
        IntVar[] pos = new IntVar[n];
        IntVar[] time = new IntVar[n];
        IntVar[] slot = new IntVar[n - 1];
        for (int i = 0; i < n; i++) {
            if (i == r) {
                time[i] = model.intVar("time_root", 0);
                continue;
            }
            long nearest = Long.MAX_VALUE;
            for (int j = 0; j < n; j++) if (j != i) nearest = Math.min(nearest, q.lat(ms.get(j), ms.get(i)));
            time[i] = model.intVar("time_" + ms.get(i), (int) Math.min(ub, nearest + s), Math.max(0, ub));
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i == r) continue;
            int[] from = new int[n];
            int[] candidates = new int[n - 1];
            int c = 0;
            for (int j = 0; j < n; j++) {
                from[j] = Math.toIntExact(q.lat(ms.get(j), ms.get(i)));
                if (j != i) candidates[c++] = j;
            }
            parent[i] = model.intVar("parent_" + ms.get(i), candidates);
            pos[i] = model.intVar("pos_" + ms.get(i), 1, q.fanOut());
            IntVar parentTime = model.intVar("ptime_" + ms.get(i), 0, Math.max(0, ub));
            IntVar hop = model.intVar("lat_" + ms.get(i), from);
            model.element(parentTime, time, parent[i], 0).post();
            model.element(hop, from, parent[i]).post();
            model.scalar(new IntVar[] {parentTime, hop, pos[i], time[i]}, new int[] {1, 1, s, -1}, "=", 0).post();
            slot[k++] = model.intScaleView(parent[i], q.fanOut() + 1).add(pos[i]).intVar();
        }
        model.allDifferent(slot, "FC").post();
        IntVar latest = model.intVar("latest", 0, Math.max(0, ub));
        model.max(latest, time).post();
        model.setObjective(Model.MINIMIZE, latest);

        Solver solver = model.getSolver();
        List<IntVar> order = new ArrayList<>();
        List<Integer> byDistance = new ArrayList<>();
        for (int i = 0; i < n; i++) if (i != r) byDistance.add(i);
        byDistance.sort(Comparator.comparingLong((Integer i) -> q.lat(q.root(), ms.get(i))).thenComparingInt(i -> i));
        for (int i : byDistance) order.add(parent[i]);
        List<IntVar> rest = new ArrayList<>();
        for (int i : byDistance) rest.add(pos[i]);
        for (int i : byDistance) rest.add(time[i]);
        solver.setSearch(
                Search.intVarSearch(new InputOrder<>(model), v -> earliestParent(v, parent, time, ms, q),
                        order.toArray(new IntVar[0])),
                Search.intVarSearch(new InputOrder<>(model), new IntDomainMin(), rest.toArray(new IntVar[0])));
        solver.limitNode(q.nodeLimit());
        solver.limitTime(q.timeLimit().toMillis());
        Map<Integer, Integer> best = null;
        while (solver.solve()) {
            best = new HashMap<>();
            for (int i = 0; i < n; i++) {
                best.put(ms.get(i), i == r ? q.root() : ms.get(parent[i].getValue()));
            }
        }
        boolean complete = solver.getSearchState() == SearchState.TERMINATED;
        if (best == null) {
            return retime(greedy, complete ? Method.SOLVER_OPTIMAL : Method.GREEDY_FALLBACK, start);
        }
        return TreePlan.fromParents(q, best, complete ? Method.SOLVER_OPTIMAL : Method.SOLVER_LIMIT,
                System.nanoTime() - start);
    }

    /** Value choice for parent[i]: the candidate that would deliver to i earliest, ties by index. */
    private static int earliestParent(IntVar v, IntVar[] parent, IntVar[] time, List<Integer> ms, TreeQuery q) {
        int i = 0;
        while (parent[i] != v) i++;
        int best = v.getLB();
        long bestAt = Long.MAX_VALUE;
        for (int j = v.getLB(); j <= v.getUB(); j = v.nextValue(j)) {
            long at = time[j].getLB() + q.lat(ms.get(j), ms.get(i));
            if (at < bestAt) {
                bestAt = at;
                best = j;
            }
        }
        return best;
    }

    private static TreePlan retime(TreePlan p, Method m, long start) {
        return new TreePlan(p.root(), p.children(), p.latestDelivery(), m, System.nanoTime() - start);
    }
}
