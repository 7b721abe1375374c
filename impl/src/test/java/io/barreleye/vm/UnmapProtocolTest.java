package io.barreleye.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Invariant;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.View;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.runtime.ThreadRuntime;
import io.barreleye.topology.Machines;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class UnmapProtocolTest {
    static <T> CompletableFuture<Outcome<T>> on(Kernel k, java.util.function.Supplier<CompletableFuture<Outcome<T>>> op) {
        CompletableFuture<Outcome<T>> out = new CompletableFuture<>();
        k.post(() -> op.get().thenAccept(out::complete));
        return out;
    }

    static String check(Machine m) {
        for (Invariant inv : VmInvariants.all()) {
            String bad = inv.check(m);
            if (bad != null) return inv.name() + ": " + bad;
        }
        return null;
    }

    /** Runs a few steps at a time until {@code f} completes, checking every invariant in between. */
    static void runChecked(SimRuntime rt, Machine m, CompletableFuture<?> f, long maxSteps, String where) {
        long start = rt.steps();
        while (!f.isDone()) {
            if (rt.steps() - start > maxSteps) fail("did not complete in " + maxSteps + " steps: " + where);
            rt.run(m, f, 1);
            String bad = check(m);
            assertNull(bad, where);
        }
    }

    /** Lets every message be delivered (the machine goes quiet). */
    static void settle(SimRuntime rt, Machine m) {
        rt.run(m, new CompletableFuture<>(), 200_000);
    }

    /** Maps page 0 on core 0, lets every core cache it, returns the machine ready to unmap. */
    static Machine mappedAndCached(SimRuntime rt, String machine, int cores, TreeShape shape, String where) {
        Machine m = Machine.boot(Machines.named(machine), cores, Generation.EPOCH_ACK, 4, rt.clock());
        Vm.install(m, shape, Set.of());
        CompletableFuture<Outcome<Long>> mf = on(m.kernel(0), () -> Vm.of(m.kernel(0)).map(0, 0));
        runChecked(rt, m, mf, 100_000, where);
        assertTrue(mf.join().succeeded(), where + " " + mf.join());
        settle(rt, m);
        for (Kernel k : m.live()) k.post(() -> Vm.of(k).touch(0));
        settle(rt, m);
        for (Kernel k : m.live()) assertEquals(0L, Vm.of(k).tlb().cached(0), where + ": core " + k.id() + " cached page 0");
        return m;
    }

    @Test
    void unmapCompletesAndLeavesNoStaleTlbEntryForEveryShape() {
        for (String machine : List.of("amd-4x4", "amd-8x4")) {
            int cores = Machines.named(machine).size();
            for (TreeShape shape : TreeShape.values()) {
                for (long seed = 1; seed <= 4; seed++) {
                    String where = "seed " + seed + ", " + machine + ", " + shape;
                    SimRuntime rt = new SimRuntime(seed);
                    Machine m = mappedAndCached(rt, machine, cores, shape, where);
                    CompletableFuture<Outcome<Long>> uf = on(m.kernel(0), () -> Vm.of(m.kernel(0)).unmap(0));
                    runChecked(rt, m, uf, 200_000, where);
                    assertEquals(Outcome.success(0L), uf.join(), where);
                    for (Kernel k : m.live()) {
                        assertEquals(PageTable.NO_FRAME, Vm.of(k).tlb().cached(0), where + ": core " + k.id());
                        assertEquals(PageTable.NO_FRAME, Vm.of(k).pageTable().frame(0), where + ": core " + k.id());
                    }
                    assertTrue(Vm.of(m.kernel(0)).pageTable().freeFrames().contains(0L), where + ": frame 0 is free again");
                }
            }
        }
    }

    @Test
    void concurrentMapsUnmapsAndTouchesFromEveryCore() {
        for (TreeShape shape : TreeShape.values()) {
            for (long seed = 1; seed <= 3; seed++) {
                String where = "seed " + seed + ", amd-4x4, " + shape;
                SimRuntime rt = new SimRuntime(seed);
                Machine m = Machine.boot(Machines.named("amd-4x4"), 16, Generation.USED_BIT, 4, rt.clock());
                Vm.install(m, shape, Set.of());
                List<CompletableFuture<Outcome<Long>>> all = new ArrayList<>();
                for (Kernel k : m.live()) {
                    CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
                    all.add(f);
                    Vm vm = Vm.of(k);
                    int n = m.size();
                    k.post(() -> vm.map(k.id(), k.id()).thenAccept(o -> {
                        for (int p = 0; p < n; p++) vm.touch(p);
                        vm.unmap(k.id()).thenAccept(u -> {
                            vm.touch((k.id() + 1) % n);
                            vm.map(k.id() + n, k.id() + n).thenAccept(o2 -> vm.unmap(k.id() + n).thenAccept(f::complete));
                        });
                    }));
                }
                CompletableFuture<Void> done = CompletableFuture.allOf(all.toArray(new CompletableFuture[0]));
                runChecked(rt, m, done, 500_000, where);
                for (CompletableFuture<Outcome<Long>> f : all) assertTrue(f.join().succeeded(), where + " " + f.join());
            }
        }
    }

    @Test
    void invariantsHoldAfterEveryStepOverManySeeds() {
        int runs = 0;
        int succeeded = 0;
        String[] machines = {"amd-4x4", "amd-8x4", "intel-2x4", "single-16"};
        for (TreeShape shape : TreeShape.values()) {
            for (long seed = 1; seed <= 60; seed++) {
                String machine = machines[(int) (seed % machines.length)];
                int cores = 3 + (int) (seed % 6);
                VmSim.Result r = VmSim.run(new VmScenario(Set.of(), shape), seed, machine, cores, 40, seed % 3 == 0);
                assertNull(r.failure(), r.failure());
                runs++;
                succeeded += r.succeeded();
            }
        }
        assertTrue(succeeded > runs * 10, "the scenarios did something: " + succeeded + " ops succeeded in " + runs + " runs");
    }

    @Test
    void everyFaultSwitchIsCaughtByAnInvariant() {
        for (VmFault fault : VmFault.values()) {
            for (TreeShape shape : TreeShape.values()) {
                String caught = null;
                for (long seed = 1; seed <= 300 && caught == null; seed++) {
                    VmSim.Result r = VmSim.run(new VmScenario(EnumSet.of(fault), shape), seed, "amd-4x4",
                            3 + (int) (seed % 6), 40, false);
                    if (r.failure() != null) caught = r.failure();
                }
                assertTrue(caught != null, fault + " under " + shape + " was caught by no invariant in seeds 1..300");
                assertTrue(!caught.startsWith("unresolved"), caught);
                System.out.println(fault + " caught: " + caught);
            }
        }
    }

    @Test
    void crashOfATreeNodeInTheMiddleOfAnUnmapIsResolved() {
        // core 4 leads package 1 in the multicast tree from core 0; core 2 is in the middle of the chain.
        record Case(TreeShape shape, int victim) {}
        for (Case c : List.of(new Case(TreeShape.MULTICAST, 4), new Case(TreeShape.NUMA_MULTICAST, 12),
                new Case(TreeShape.UNICAST, 2), new Case(TreeShape.BROADCAST, 7))) {
            for (long seed = 1; seed <= 3; seed++) {
                String where = "seed " + seed + ", " + c;
                SimRuntime rt = new SimRuntime(seed);
                Machine m = mappedAndCached(rt, "amd-4x4", 16, c.shape(), where);
                // the victim stops before the unmap reaches it and crashes while the unmap waits for it
                rt.stopAt(rt.steps(), c.victim(), 1_000_000).crashAt(rt.steps() + 300, c.victim());
                CompletableFuture<Outcome<Long>> uf = on(m.kernel(0), () -> Vm.of(m.kernel(0)).unmap(0));
                runChecked(rt, m, uf, 100_000, where);
                assertEquals(Outcome.success(0L), uf.join(), where + ": completes with the acks of the remaining members");
                assertTrue(rt.steps() > 300, where + ": it waited for the crash");
                for (Kernel k : m.live()) assertEquals(PageTable.NO_FRAME, Vm.of(k).tlb().cached(0), where + ": core " + k.id());
            }
        }
    }

    @Test
    void viewChangeDroppingAnAwaitedMemberResolvesTheUnmap() {
        SimRuntime rt = new SimRuntime(5);
        Machine m = mappedAndCached(rt, "amd-4x4", 8, TreeShape.MULTICAST, "seed 5");
        rt.stopAt(rt.steps(), 4, 1_000_000); // core 4 (package 1's leader) never answers
        CompletableFuture<Outcome<Long>> uf = on(m.kernel(0), () -> Vm.of(m.kernel(0)).unmap(0));
        rt.run(m, uf, 200);
        assertTrue(!uf.isDone(), "waits for core 4");
        View v = new View(2, List.of(0, 1, 2, 3, 5, 6, 7));
        for (Kernel k : m.live()) if (k.id() != 4) k.post(() -> k.installView(v));
        runChecked(rt, m, uf, 100_000, "seed 5");
        assertEquals(Outcome.success(0L), uf.join());
        for (int c : v.members()) assertEquals(PageTable.NO_FRAME, Vm.of(m.kernel(c)).tlb().cached(0), "core " + c);
        // the excluded core, once it runs again and installs the view, drops what it cached
        m.kernel(4).post(() -> m.kernel(4).installView(v));
        rt.stopAt(rt.steps() + 1, 4, 0);
        settle(rt, m);
        assertEquals(PageTable.NO_FRAME, Vm.of(m.kernel(4)).tlb().cached(0));
    }

    /**
     * A view change ends the wait only for the awaited cores it excludes: core 5, stopped but still
     * a member, is waited for (else the unmap would complete while core 5's TLB still maps the page).
     */
    @Test
    void aViewChangeKeepsWaitingForAwaitedCoresStillInTheView() {
        SimRuntime rt = new SimRuntime(6);
        Machine m = mappedAndCached(rt, "amd-4x4", 8, TreeShape.BROADCAST, "seed 6");
        rt.stopAt(rt.steps(), 4, 1_000_000).stopAt(rt.steps(), 5, 1_000_000);
        CompletableFuture<Outcome<Long>> uf = on(m.kernel(0), () -> Vm.of(m.kernel(0)).unmap(0));
        rt.run(m, uf, 200);
        assertTrue(!uf.isDone(), "waits for cores 4 and 5");
        View v = new View(2, List.of(0, 1, 2, 3, 5, 6, 7));
        for (Kernel k : m.live()) if (k.id() != 4) k.post(() -> k.installView(v));
        for (int i = 0; i < 5_000; i++) {
            rt.run(m, uf, 1);
            assertNull(check(m), "seed 6, step " + rt.steps());
        }
        assertTrue(!uf.isDone(), "still waits for core 5, a member");
        rt.stopAt(rt.steps() + 1, 5, 0);
        runChecked(rt, m, uf, 100_000, "seed 6");
        assertEquals(Outcome.success(0L), uf.join());
        assertEquals(PageTable.NO_FRAME, Vm.of(m.kernel(5)).tlb().cached(0));
    }

    /** A core the view excludes drops its replicas of other homes' pages: no later unmap would reach them. */
    @Test
    void anExcludedCoreDropsItsReplicasOfOtherHomesPages() {
        SimRuntime rt = new SimRuntime(7);
        Machine m = mappedAndCached(rt, "amd-4x4", 4, TreeShape.MULTICAST, "seed 7");
        View out = new View(2, List.of(0, 1, 3));
        for (Kernel k : m.live()) k.post(() -> k.installView(out));
        settle(rt, m);
        assertEquals(PageTable.NO_FRAME, Vm.of(m.kernel(2)).pageTable().frame(0), "core 2 dropped its replica of page 0");
        assertEquals(0L, Vm.of(m.kernel(1)).pageTable().frame(0), "a member keeps its replica");
        CompletableFuture<Outcome<Long>> uf = on(m.kernel(0), () -> Vm.of(m.kernel(0)).unmap(0));
        runChecked(rt, m, uf, 100_000, "seed 7");
        assertEquals(Outcome.success(0L), uf.join());
        CompletableFuture<Long> touched = new CompletableFuture<>();
        m.kernel(2).post(() -> touched.complete(Vm.of(m.kernel(2)).touch(0)));
        rt.run(m, touched, 1_000);
        assertEquals(PageTable.NO_FRAME, touched.join(), "the excluded core faults on the unmapped page");
    }

    /** ProtocolsTogetherTest seed 1: a home that left the view used to drop its own mappings with no shootdown. */
    @Test
    void aHomeThatLeavesAndRejoinsKeepsItsMappingUntilItsUnmapShootsItDown() {
        SimRuntime rt = new SimRuntime(1);
        Machine m = mappedAndCached(rt, "amd-4x4", 4, TreeShape.MULTICAST, "seed 1");
        View out = new View(2, List.of(1, 2, 3));
        for (Kernel k : m.live()) k.post(() -> k.installView(out));
        settle(rt, m);
        assertNull(check(m), "seed 1, home 0 out");
        assertEquals(0L, Vm.of(m.kernel(0)).pageTable().frame(0), "the home still maps its page");
        assertEquals(PageTable.NO_FRAME, Vm.of(m.kernel(0)).tlb().cached(0), "an excluded core keeps no TLB entry");
        View back = new View(3, List.of(0, 1, 2, 3));
        for (Kernel k : m.live()) k.post(() -> k.installView(back));
        settle(rt, m);
        assertNull(check(m), "seed 1, home 0 back");
        for (int c = 1; c < 4; c++) assertEquals(0L, Vm.of(m.kernel(c)).tlb().cached(0), "core " + c + " still caches page 0");
        CompletableFuture<Outcome<Long>> uf = on(m.kernel(0), () -> Vm.of(m.kernel(0)).unmap(0));
        runChecked(rt, m, uf, 100_000, "seed 1");
        assertEquals(Outcome.success(0L), uf.join());
        for (Kernel k : m.live()) assertEquals(PageTable.NO_FRAME, Vm.of(k).tlb().cached(0), "core " + k.id());
    }

    @Test
    void aCoreOutsideItsViewInstallsNoMapNoUnmapWouldReach() {
        SimRuntime rt = new SimRuntime(3);
        Machine m = Machine.boot(Machines.named("amd-4x4"), 4, Generation.EPOCH_ACK, 4, rt.clock());
        Vm.install(m, TreeShape.MULTICAST, Set.of());
        m.kernel(3).post(() -> m.kernel(3).installView(new View(2, List.of(0, 1, 2)))); // core 3 left; core 0 does not know yet
        settle(rt, m);
        CompletableFuture<Outcome<Long>> mf = on(m.kernel(0), () -> Vm.of(m.kernel(0)).map(0, 0));
        runChecked(rt, m, mf, 10_000, "seed 3");
        settle(rt, m);
        assertEquals(0L, Vm.of(m.kernel(1)).pageTable().frame(0), "a member replicates the map");
        assertEquals(PageTable.NO_FRAME, Vm.of(m.kernel(3)).pageTable().frame(0), "the core that left does not");
        m.kernel(3).post(() -> Vm.of(m.kernel(3)).touch(0));
        settle(rt, m);
        assertEquals(PageTable.NO_FRAME, Vm.of(m.kernel(3)).tlb().cached(0));
    }

    @Test
    void workloadOnThreadsCompletesAndInvariantsHoldAtTheEnd() {
        for (TreeShape shape : TreeShape.values()) {
            ThreadRuntime rt = new ThreadRuntime();
            Machine m = Machine.boot(Machines.named("amd-4x4"), 4, Generation.EPOCH_ACK, 16, rt.clock());
            VmWorkload w = new VmWorkload(40, shape);
            CompletableFuture<Void> done = w.start(m);
            assertTrue(rt.run(m, done, 60_000), "map-unmap completes on threads (" + shape + ")");
            assertTrue(!done.isCompletedExceptionally(), shape + ": " + done);
            assertNull(check(m), shape.toString());
            assertEquals(4L * 40, io.barreleye.runtime.Latencies.merge(w.latencies()).length);
        }
    }

    @Test
    void recordsEverySpecActionByItsSpecName() {
        SimRuntime rt = new SimRuntime(2);
        Machine m = Machine.boot(Machines.named("amd-4x4"), 8, Generation.EPOCH_ACK, 4, rt.clock());
        Vm.install(m, TreeShape.MULTICAST, Set.of());
        java.util.Set<String> events = new java.util.TreeSet<>();
        Vm.setRecorder(m, (event, core, args) -> events.add(event));
        CompletableFuture<Outcome<Long>> mf = on(m.kernel(0), () -> Vm.of(m.kernel(0)).map(0, 0));
        runChecked(rt, m, mf, 10_000, "seed 2");
        settle(rt, m);
        for (Kernel k : m.live()) k.post(() -> Vm.of(k).touch(0));
        settle(rt, m);
        CompletableFuture<Outcome<Long>> uf = on(m.kernel(0), () -> Vm.of(m.kernel(0)).unmap(0));
        runChecked(rt, m, uf, 10_000, "seed 2");
        assertEquals(new java.util.TreeSet<>(List.of("Complete", "Fill", "Map", "RecvAck", "RecvUnmap", "SendAck", "Unmap")),
                events, "seed 2");
    }

    @Test
    void workloadUnderSimulation() {
        SimRuntime rt = new SimRuntime(9);
        Machine m = Machine.boot(Machines.named("amd-8x4"), 32, Generation.EPOCH_ACK, 4, rt.clock());
        VmWorkload w = new VmWorkload(5, TreeShape.NUMA_MULTICAST);
        assertTrue(rt.run(m, w.start(m), 2_000_000), "seed 9");
        assertNull(check(m));
        assertEquals(32L * 5, io.barreleye.runtime.Latencies.merge(w.latencies()).length);
    }
}
