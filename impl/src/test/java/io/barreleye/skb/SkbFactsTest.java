package io.barreleye.skb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.View;
import io.barreleye.membership.Membership;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import io.barreleye.vm.MulticastTree;
import io.barreleye.vm.TreeShape;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SkbFactsTest {

    @Test
    void bootAndMembershipTellTheSkbWhichCoresAreLive() {
        SimRuntime rt = new SimRuntime(4);
        Topology t = Machines.named("hetero-8");
        Machine m = Machine.boot(t, 6, Generation.EPOCH_ACK, 4, rt.clock());
        Membership.install(m, Set.of());
        Skb skb = Skb.of(t);
        assertSame(skb, Skb.of(m.topology()));
        assertEquals(List.of(0, 1, 2, 3, 4, 5), skb.facts().liveCores(), "the boot view");
        skb.placeServices(live -> SystemServices.standard(t, live));
        assertTrue(skb.facts().servicesOn(2).contains("monitor.2"));
        Kernel k = m.kernel(2);
        CompletableFuture<Outcome<View>> f = new CompletableFuture<>();
        k.post(() -> Membership.of(k).leave().thenAccept(f::complete));
        assertTrue(rt.run(m, f.thenApply(o -> null), 200_000), "the leave completes");
        assertTrue(f.join().succeeded(), f.join().toString());
        assertEquals(List.of(0, 1, 3, 4, 5), skb.facts().liveCores());
        assertEquals(List.of("core 2 left the view (view 2)"), skb.facts().changes());
        assertTrue(skb.facts().servicesOn(2).isEmpty());
        assertTrue(skb.replacements().get(0).startsWith("view 2 (live 0-1,3-5)"), skb.replacements().toString());
        // the next unmap's SKB tree spans the remaining members only
        MulticastTree tree = MulticastTree.build(t, TreeShape.SKB, 0, skb.facts().liveCores());
        assertEquals(4, tree.descendants(0).size());
        assertEquals(-1, tree.parent(2));
        assertTrue(tree.plan().latestDelivery() > 0);
    }

    @Test
    void cacheGroupsAndFactsListing() {
        Topology t = Machines.named("amd-4x4");
        Skb skb = Skb.of(t);
        assertEquals(List.of(List.of(0, 1), List.of(4)), skb.cacheGroups(List.of(0, 1, 4)));
        skb.facts().coreLeft(1, "crashed");
        skb.facts().coreLeft(1, "crashed");
        assertEquals(List.of(List.of(0), List.of(4)), skb.cacheGroups(List.of(0, 1, 4)));
        skb.facts().coreJoined(1);
        assertEquals(List.of("core 1 crashed", "core 1 joined"), skb.facts().changes());
        assertThrows(IndexOutOfBoundsException.class, () -> skb.facts().coreJoined(16));
        String text = SkbReport.factsText(skb);
        assertTrue(text.contains("cache groups (live): {0-3} {4-7} {8-11} {12-15}"), text);
        assertTrue(text.contains("    core 1 crashed\n"), text);
        String json = SkbReport.factsJson(skb);
        assertTrue(json.contains("\"changes\":[\"core 1 crashed\",\"core 1 joined\"]"), json);
        assertTrue(json.contains("\"hops\":[[0,1,1,1,4,4,4,4,4,4,4,4,5,5,5,5],"), json);
    }

    @Test
    void latencyMatrixChecksItsInput() {
        assertThrows(IllegalArgumentException.class, () -> new LatencyMatrix(new long[][] {{0, 1}, {1}}, "x"));
        assertThrows(IllegalArgumentException.class, () -> new LatencyMatrix(new long[][] {{1}}, "x"));
        assertThrows(IllegalArgumentException.class, () -> new LatencyMatrix(new long[][] {{0, -1}, {1, 0}}, "x"));
        LatencyMatrix hop = LatencyMatrix.fromHopModel(Machines.named("amd-8x4"));
        assertEquals(330, hop.max(), "4 interconnect hops: 150 + 3 * 60");
        assertEquals(40, hop.nanos(0, 1));
    }

    @Test
    void calibrationPairsEveryCoreOnceAndMeasures() {
        for (int n = 1; n <= 9; n++) {
            Set<List<Integer>> pairs = new HashSet<>();
            for (List<int[]> round : LatencyCalibration.rounds(n)) {
                Set<Integer> busy = new HashSet<>();
                for (int[] p : round) {
                    assertTrue(busy.add(p[0]) && busy.add(p[1]), "a core twice in one round, n=" + n);
                    assertTrue(pairs.add(List.of(p[0], p[1])));
                }
            }
            assertEquals(n * (n - 1) / 2, pairs.size(), "n=" + n);
        }
        LatencyMatrix m = LatencyCalibration.measure(3, 300_000);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                if (a == b) assertEquals(0, m.nanos(a, b));
                else assertTrue(m.nanos(a, b) > 0 && m.nanos(a, b) == m.nanos(b, a));
            }
        }
        assertTrue(m.source().startsWith("URPC round-trip calibration"));
        Topology host = Machines.host();
        LatencyMatrix h = Skb.of(host).facts().latencies();
        assertEquals(host.size(), h.size());
        assertSame(h, LatencyCalibration.host(host), "measured once per process");
    }

    @Test
    void treeQueriesCheckTheirInputAndAreRemembered() {
        Topology t = Machines.named("intel-2x4");
        LatencyMatrix lat = LatencyMatrix.fromHopModel(t);
        assertThrows(IllegalArgumentException.class, () -> TreeQuery.of(lat, 0, List.of(0, 8)));
        assertThrows(IllegalArgumentException.class, () -> TreeQuery.of(lat, 0, List.of(1)).withFanOut(0));
        TreeQuery q = TreeQuery.of(lat, 5, List.of(1, 2));
        assertEquals(List.of(1, 2, 5), q.members());
        Skb skb = Skb.of(t);
        TreePlan a = skb.multicastTree(q);
        assertSame(a, skb.multicastTree(q));
        assertTrue(a.parent(1) == 5 || a.parent(2) == 5, "the root sends to someone: " + a.children());
        assertEquals(-1, a.parent(7));
        TreePlan lone = skb.multicastTree(3, List.of());
        assertEquals(0, lone.latestDelivery());
        assertEquals(Method.SOLVER_OPTIMAL, lone.method());
        List<Integer> all = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
        TreePlan chain = SolverTree.plan(TreeQuery.of(lat, 0, all).withFanOut(1));
        assertEquals(7, chain.depth());
        assertNotEquals(0, SkbReport.treeText(TreeQuery.of(lat, 0, all), chain, skb.greedyTree(TreeQuery.of(lat, 0, all))).length());
    }
}
