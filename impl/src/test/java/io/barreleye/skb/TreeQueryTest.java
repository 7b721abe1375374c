package io.barreleye.skb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TreeQueryTest {

    /** Every synthetic machine of up to 16 cores, random member sets of 3..7 cores, fan-out 1..3 and the default. */
    @Test
    void solverTreeIsOptimalOnEnumerableInstances() {
        long seed = 12;
        Random rnd = new Random(seed);
        int instances = 0;
        for (String name : Machines.names()) {
            if (name.equals(Machines.HOST)) continue;
            Topology t = Machines.named(name);
            if (t.size() > 16) continue;
            LatencyMatrix lat = LatencyMatrix.fromHopModel(t);
            for (int k = 0; k < 12; k++) {
                List<Integer> all = new ArrayList<>();
                for (int c = 0; c < t.size(); c++) all.add(c);
                Collections.shuffle(all, rnd);
                List<Integer> members = all.subList(0, 3 + rnd.nextInt(5));
                int fan = new int[] {1, 2, 3, TreeQuery.DEFAULT_FAN_OUT}[rnd.nextInt(4)];
                TreeQuery q = TreeQuery.of(lat, members.get(0), members).withFanOut(fan)
                        .withLimits(Duration.ofSeconds(30), Long.MAX_VALUE);
                TreePlan plan = SolverTree.plan(q);
                assertEquals(Method.SOLVER_OPTIMAL, plan.method(), name + " " + q.members());
                assertEquals(ExhaustiveTree.best(q), plan.latestDelivery(),
                        "seed " + seed + ", " + name + ", root " + q.root() + ", members " + q.members() + ", fan-out " + fan);
                assertEquals(plan.latestDelivery(), TreePlan.latestDelivery(q, plan.children()));
                assertTrue(plan.maxFanOut() <= fan);
                instances++;
            }
        }
        assertEquals(48, instances);
    }

    @Test
    void neverWorseThanGreedyOn16To64Cores() {
        for (String name : List.of("single-16", "amd-4x4", "amd-8x4", "amd-8x8")) {
            Topology t = Machines.named(name);
            LatencyMatrix lat = LatencyMatrix.fromHopModel(t);
            List<Integer> all = new ArrayList<>();
            for (int c = 0; c < t.size(); c++) all.add(c);
            for (int root : List.of(0, t.size() - 1)) {
                TreeQuery q = TreeQuery.of(lat, root, all);
                TreePlan solved = SolverTree.plan(q);
                TreePlan greedy = GreedyTree.plan(q);
                System.out.println(name + " root " + root + ": solver " + solved.latestDelivery() + " ns ("
                        + solved.method() + ", " + solved.solveNanos() / 1000 + " us), greedy " + greedy.latestDelivery() + " ns");
                assertTrue(solved.latestDelivery() <= greedy.latestDelivery(), name);
                assertEquals(all, List.copyOf(solved.children().keySet().stream().sorted().toList()));
                assertEquals(solved.latestDelivery(), TreePlan.latestDelivery(q, solved.children()));
            }
        }
    }
}
