package io.barreleye.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.modelcheck.trace.TraceValidator;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.topology.Machines;
import io.barreleye.vm.TreeShape;
import io.barreleye.vm.Vm;
import io.barreleye.vm.VmWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;

/** Runs of the implementation, recorded through the refinement mappings, conform to the specs. */
class ImplTracesTest {
    @TempDir
    Path tmp;

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = TreeShape.class, names = {"BROADCAST", "UNICAST"})
    void unmapRunsConformToShootdown(TreeShape shape) throws IOException {
        for (long seed = 1; seed <= 10; seed++) {
            SimRuntime rt = new SimRuntime(seed);
            Machine m = Machine.boot(Machines.named("amd-4x4"), 3, Generation.EPOCH_ACK, 4, rt.clock());
            Vm.install(m, shape, Set.of(), 2);
            ShootdownMapping map = new ShootdownMapping(3, 2, ShootdownMapping.modelFor(shape)).observe(m);
            Vm.setRecorder(m, map);
            VmWorkload w = new VmWorkload(5, shape);
            assertTrue(rt.run(m, w.start(m), 1_000_000), "seed " + seed);
            Path f = tmp.resolve("shootdown-" + seed + ".ndjson");
            TraceValidator.Result r = Validation.written(f, map.lines());
            assertTrue(r.conforms(), shape + " seed " + seed + ": " + r.diagnosis());
            assertTrue(r.totalEvents() > 40 && r.actions().keySet().containsAll(
                    java.util.List.of("Map", "Unmap", "RecvUnmap", "SendAck", "RecvAck", "Complete")), r.actions().toString());
        }
    }

    /**
     * The map-unmap workload fills TLBs on cores other than the page's home, so shootdowns have
     * remote entries to remove; with the planted REMOTE_TLB_KEPT (only the home flushes its TLB)
     * the trace, whose RecvUnmap reads the core's real TLB, diverges there.
     */
    @org.junit.jupiter.api.Test
    void remoteTlbEntriesExistAndAKeptOneDiverges() throws IOException {
        for (Set<io.barreleye.vm.VmFault> faults : java.util.List.of(Set.<io.barreleye.vm.VmFault>of(), Set.of(io.barreleye.vm.VmFault.REMOTE_TLB_KEPT))) {
            SimRuntime rt = new SimRuntime(5);
            Machine m = Machine.boot(Machines.named("amd-4x4"), 3, Generation.EPOCH_ACK, 4, rt.clock());
            Vm.install(m, TreeShape.BROADCAST, faults, 2);
            ShootdownMapping map = new ShootdownMapping(3, 2, ShootdownMapping.modelFor(TreeShape.BROADCAST)).observe(m);
            Vm.setRecorder(m, map);
            rt.run(m, new VmWorkload(3, TreeShape.BROADCAST).start(m), 1_000_000);
            long remoteFills = map.lines().stream().filter(l -> l.contains("\"event\":\"Fill\"") && !fillAtHome(l)).count();
            assertTrue(remoteFills >= 6, "fills on cores other than the page's home: " + remoteFills);
            TraceValidator.Result r = Validation.written(tmp.resolve("remote-" + faults.size() + ".ndjson"), map.lines());
            if (faults.isEmpty()) {
                assertTrue(r.conforms(), r.diagnosis());
            } else {
                assertFalse(r.conforms(), "a core that kept its TLB entry conformed");
                assertTrue(r.diagnosis().contains("RecvUnmap") && r.diagnosis().contains("tlb"), r.diagnosis());
            }
        }
    }

    /**
     * The spec's free is read from the home's allocator, not rebuilt from the events: a home that
     * frees the frame when the unmap starts (the planted FREE_FRAME_EARLY) diverges at that Unmap,
     * where the spec leaves free unchanged; the same workload without the fault conforms.
     */
    @org.junit.jupiter.api.Test
    void aFrameFreedEarlyDivergesAtUnmap() throws IOException {
        for (Set<io.barreleye.vm.VmFault> faults : java.util.List.of(Set.<io.barreleye.vm.VmFault>of(), Set.of(io.barreleye.vm.VmFault.FREE_FRAME_EARLY))) {
            SimRuntime rt = new SimRuntime(7);
            Machine m = Machine.boot(Machines.named("amd-4x4"), 3, Generation.EPOCH_ACK, 4, rt.clock());
            Vm.install(m, TreeShape.BROADCAST, faults, 2);
            ShootdownMapping map = new ShootdownMapping(3, 2, ShootdownMapping.modelFor(TreeShape.BROADCAST)).observe(m);
            Vm.setRecorder(m, map);
            rt.run(m, new VmWorkload(3, TreeShape.BROADCAST).start(m), 1_000_000);
            TraceValidator.Result r = Validation.written(tmp.resolve("free-" + faults.size() + ".ndjson"), map.lines());
            if (faults.isEmpty()) {
                assertTrue(r.conforms(), r.diagnosis());
                assertTrue(map.lines().stream().anyMatch(l -> l.contains("\"event\":\"Complete\"") && l.contains("\"free\"")),
                        "Complete reads the home's allocator, which got the frame back");
            } else {
                assertFalse(r.conforms(), "a frame freed when its unmap started conformed");
                assertTrue(r.diagnosis().contains("Unmap") && r.diagnosis().contains("free"), r.diagnosis());
            }
        }
    }

    /** Recording needs the machine whose state it reads: an unobserved mapping refuses the first step. */
    @org.junit.jupiter.api.Test
    void anUnobservedMappingRefusesToRecord() {
        ShootdownMapping map = new ShootdownMapping(3, 2, ShootdownMapping.modelFor(TreeShape.BROADCAST));
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> map.record("Map", 0, 0, 0));
        assertTrue(e.getMessage().contains("observe"), e.getMessage());
    }

    /** A Fill event's args are [spec core, spec page]; page v + 1 is homed on core v + 1 here (one page per core). */
    private static boolean fillAtHome(String line) {
        java.util.regex.Matcher a = java.util.regex.Pattern.compile("\"args\":\\[(\\d+),(\\d+)\\]").matcher(line);
        return a.find() && a.group(1).equals(a.group(2));
    }

    /**
     * The multicast trees (built from the topology: one leader per package; the SKB's solved tree) conform to
     * ShootdownTree.tla given as its table; the same trace with the broadcast table instead
     * diverges where a core acks a parent that is not the one the table names.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = TreeShape.class, names = {"MULTICAST", "NUMA_MULTICAST", "SKB"})
    void multicastRunsConformToShootdownTree(TreeShape shape) throws IOException {
        SimRuntime rt = new SimRuntime(3);
        Machine m = Machine.boot(Machines.named("intel-2x4"), 6, Generation.EPOCH_ACK, 4, rt.clock());
        Vm.install(m, shape, Set.of(), 1);
        ShootdownMapping map = ShootdownMapping.forTrees(m.topology(), shape, 6, 6, 1);
        Vm.setRecorder(m, map.observe(m));
        assertTrue(rt.run(m, new VmWorkload(4, shape).start(m), 1_000_000));
        java.util.List<String> lines = map.lines();
        Path f = tmp.resolve("multicast.ndjson");
        TraceValidator.Result r = Validation.written(f, lines);
        assertTrue(r.conforms(), shape + ": " + r.diagnosis());
        assertEquals("ShootdownTree.tla", map.spec());
        // the broadcast table: every parent is the initiator
        String header = lines.get(0);
        StringBuilder table = new StringBuilder("[");
        for (int i = 1; i <= 6; i++) table.append(i > 1 ? "," : "").append("[").append(String.join(",", java.util.Collections.nCopies(6, "" + i))).append("]");
        table.append("]");
        String wrong = header.replaceAll("\"ParentOf\":\\[\\[.*\\]\\]", "\"ParentOf\":" + table);
        assertFalse(wrong.equals(header), header);
        lines.set(0, wrong);
        Path g = tmp.resolve("multicast-broadcast-table.ndjson");
        TraceValidator.Result bad = Validation.written(g, lines);
        assertFalse(bad.conforms(), "the broadcast table explains a multicast run");
        assertTrue(bad.diagnosis().contains("RecvAck") || bad.diagnosis().contains("RecvUnmap") || bad.diagnosis().contains("Complete"),
                bad.diagnosis());
    }

    /** Seeds per workload: the membership recovery scenarios take Forget and CancelLeave from seed 2 on. */
    static final int COVERAGE_SEEDS = 3;

    @org.junit.jupiter.api.Test
    void verifyRunsRecordValidateAndReport() throws IOException {
        java.util.List<Conformance.Run> runs = Conformance.runAll(Validation.SPECS, tmp.resolve("traces"), COVERAGE_SEEDS);
        java.util.Set<String> simulated = new java.util.TreeSet<>();
        java.util.Set<String> threaded = new java.util.TreeSet<>();
        for (Conformance.Run r : runs) {
            assertTrue(r.result().conforms(), r.workload() + " " + r.file() + ": " + r.result().diagnosis());
            assertTrue(r.traces() >= 1 && r.result().totalEvents() > 0, r.workload() + " recorded nothing");
            (r.runtime().equals("threads") ? threaded : simulated).add(r.spec());
        }
        java.util.Set<String> all = java.util.Set.of("Urpc.tla", "Shootdown.tla", "ShootdownTree.tla", "CapCommit.tla", "Membership.tla");
        assertEquals(all, simulated, "every spec has simulated runs");
        assertEquals(all, threaded, "every spec has threaded runs");
        java.util.List<Conformance.Coverage> cov = Conformance.coverage(runs, Validation.SPECS, 2);
        for (Conformance.Coverage c : cov) {
            assertTrue(!c.actionsTaken().isEmpty() && c.allActions().containsAll(c.actionsTaken()), c.toString());
            if (c.statesVisited() >= 0) assertTrue(c.statesVisited() > 0 && c.statesVisited() <= c.modelDistinct(), c.toString());
            // every action is taken by some run, or UntakenActions says why not; and nothing it lists is taken
            assertEquals(java.util.Set.of(), c.unexplained(), c.spec() + " " + c.model() + ": untaken actions without a reason");
            assertEquals(java.util.Set.of(), c.takenThoughListed(), c.spec() + " " + c.model()
                    + ": UntakenActions lists actions that runs take; delete those entries");
        }
        // and every entry of the list names an action some group of runs leaves untaken (none is stale or misspelt)
        for (UntakenActions.Entry e : UntakenActions.ENTRIES) {
            assertTrue(cov.stream().anyMatch(c -> c.spec().equals(e.spec()) && (e.model() == null || e.model().equals(c.model()))
                    && c.explained().get(e.action()) == e), "no runs of " + e.spec() + " leave " + e.action() + " untaken: " + e);
        }
        assertTrue(cov.stream().anyMatch(c -> c.spec().equals("Membership.tla") && c.actionsTaken().containsAll(
                java.util.Set.of("Forget", "CancelLeave"))), "the recovery scenarios take Forget and CancelLeave: " + cov);
        // the in-model groups count their states against the pinned distinct counts of the models they ran in
        assertTrue(cov.stream().anyMatch(c -> c.model().equals("Urpc_B_large.cfg") && c.modelDistinct() == 1156), cov.toString());
        assertTrue(cov.stream().anyMatch(c -> c.model().equals("CapCommit_large.cfg") && c.modelDistinct() == 227193), cov.toString());
        assertTrue(cov.stream().anyMatch(c -> c.model().equals("Membership.cfg") && c.modelDistinct() == 34525), cov.toString());
        ReportWriter.write(tmp.resolve("report"), java.util.List.of(new ReportWriter.ModelLine("X.cfg", "SUCCESS", 3, 4, 0.1, true)),
                runs, java.util.List.of(new Conformance.Coverage("Shootdown.tla", "Shootdown.cfg", java.util.Set.of("Map"),
                        java.util.Set.of("Map", "Fill"), 10, 100)));
        String json = Files.readString(tmp.resolve("report").resolve("report.json"));
        assertTrue(json.contains("\"conforms\": true") && json.contains("\"modelDistinct\": 100") && json.contains("\"workload\": \"urpc-A\""), json);
        String html = Files.readString(tmp.resolve("report").resolve("index.html"));
        assertTrue(html.contains("Implementation traces") && html.contains("1 of 2"), html);
    }
}
