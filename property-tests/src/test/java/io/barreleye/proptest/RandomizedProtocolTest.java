package io.barreleye.proptest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.caps.CapsFault;
import io.barreleye.caps.CapsScenario;
import io.barreleye.kernel.Scenario;
import io.barreleye.membership.MembershipFault;
import io.barreleye.membership.MembershipScenario;
import io.barreleye.vm.TreeShape;
import io.barreleye.vm.VmFault;
import io.barreleye.vm.VmScenario;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The randomized stateful suite over the simulated runtime: for every protocol, many seeds, each
 * a workload, a schedule and faults (a core crashing in the middle of things); invariants after
 * every step; every operation resolved. A failure prints its seed, a shrunk operation list and
 * the command that replays it. {@code -Dbarreleye.seed=S -Dbarreleye.scenario=NAME} replays one
 * seed; {@code -Dbarreleye.seeds=N} changes how many seeds each protocol gets (default 1000).
 * Then every fault switch, which breaks a protocol on purpose, must be caught.
 */
class RandomizedProtocolTest {
    static final int OPS = 20;

    /** The protocols, correct. */
    static Map<String, Supplier<Scenario>> scenarios() {
        Map<String, Supplier<Scenario>> m = new LinkedHashMap<>();
        for (TreeShape shape : TreeShape.values()) {
            m.put("vm-" + shape.name().toLowerCase(), () -> new VmScenario(Set.of(), shape));
        }
        m.put("caps", () -> new CapsScenario(Set.of()));
        m.put("membership", () -> new MembershipScenario(Set.of()));
        return m;
    }

    /** Every fault switch, as a broken scenario. */
    static Map<String, Supplier<Scenario>> broken() {
        Map<String, Supplier<Scenario>> m = new LinkedHashMap<>();
        for (VmFault f : VmFault.values()) {
            m.put("vm+" + f.name(), () -> new VmScenario(EnumSet.of(f), TreeShape.MULTICAST));
        }
        for (CapsFault f : CapsFault.values()) {
            m.put("caps+" + f.name(), () -> new CapsScenario(EnumSet.of(f)));
        }
        for (MembershipFault f : MembershipFault.values()) {
            m.put("membership+" + f.name(), () -> new MembershipScenario(EnumSet.of(f)));
        }
        return m;
    }

    @TestFactory
    List<DynamicTest> protocolsHoldOverManySeeds() {
        String only = System.getProperty("barreleye.scenario");
        Long seed = Long.getLong("barreleye.seed");
        int seeds = Integer.getInteger("barreleye.seeds", 1000);
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Supplier<Scenario>> all = new LinkedHashMap<>(scenarios());
        all.putAll(broken());
        for (Map.Entry<String, Supplier<Scenario>> e : all.entrySet()) {
            if (only != null && !only.equals(e.getKey())) continue;
            if (only == null && e.getKey().contains("+")) continue;
            long first = seed != null ? seed : 1;
            int count = seed != null ? 1 : seeds;
            tests.add(DynamicTest.dynamicTest(e.getKey() + " seeds " + first + ".." + (first + count - 1), () -> {
                RandomizedSuite.Result r = RandomizedSuite.check(e.getKey(), e.getValue(), first, count, OPS);
                System.out.println(r.report());
                assertTrue(r.passed(), r.report());
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyFaultSwitchIsCaught() {
        List<DynamicTest> tests = new ArrayList<>();
        if (System.getProperty("barreleye.scenario") != null) return tests;
        for (Map.Entry<String, Supplier<Scenario>> e : broken().entrySet()) {
            tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
                RandomizedSuite.Result r = RandomizedSuite.check(e.getKey(), e.getValue(), 1, 2000, OPS);
                assertFalse(r.passed(), e.getKey() + " was not caught in 2000 seeds");
                System.out.println(r.report());
            }));
        }
        return tests;
    }

    /**
     * The trace of every crash-free unmap run (broadcast and chain trees, the shapes
     * specs/Shootdown.tla has) is recorded through the refinement mapping and validated against
     * the spec. Runs with a crash are not: the spec does not model crashes.
     */
    @TestFactory
    List<DynamicTest> unmapRunsConformToTheSpec() {
        List<DynamicTest> tests = new ArrayList<>();
        if (System.getProperty("barreleye.scenario") != null) return tests;
        int seeds = Integer.getInteger("barreleye.seeds", 1000) / 5;
        for (TreeShape shape : new TreeShape[] {TreeShape.BROADCAST, TreeShape.UNICAST}) {
            tests.add(DynamicTest.dynamicTest("vm-" + shape.name().toLowerCase() + " traces, seeds 1.." + seeds, () -> {
                java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("traces");
                long events = 0;
                int validated = 0;
                for (long seed = 1; seed <= seeds; seed++) {
                    StatefulRun.Setup setup = StatefulRun.Setup.of(seed);
                    if (setup.crashStep() >= 0) continue;
                    Supplier<Scenario> factory = () -> new VmScenario(Set.of(), shape);
                    List<io.barreleye.kernel.ScenarioOp> ops = StatefulRun.ops(factory, seed, OPS);
                    io.barreleye.traces.ShootdownMapping map = new io.barreleye.traces.ShootdownMapping(setup.cores(),
                            setup.cores() * VmScenario.PAGES_PER_CORE, VmScenario.FRAMES_PER_CORE,
                            io.barreleye.traces.ShootdownMapping.modelFor(shape));
                    StatefulRun.Failure f = StatefulRun.run(factory, seed, ops, m -> io.barreleye.vm.Vm.setRecorder(m, map.observe(m)));
                    assertTrue(f == null, "seed " + seed + ": " + f);
                    java.nio.file.Path file = dir.resolve("seed-" + seed + ".ndjson");
                    java.nio.file.Files.write(file, map.lines());
                    io.barreleye.modelcheck.trace.TraceValidator.Result r = io.barreleye.modelcheck.trace.TraceCheck.check(
                            io.barreleye.modelcheck.trace.Trace.read(file), java.nio.file.Path.of("..", "specs"));
                    assertTrue(r.conforms(), shape + " seed " + seed + " (" + setup + "), ops " + ops + ":\n" + r.diagnosis());
                    events += r.totalEvents();
                    validated++;
                }
                System.out.println("vm-" + shape + ": " + validated + " crash-free runs, " + events + " events, all conform");
                assertTrue(validated > seeds / 2, "most seeds are crash-free");
            }));
        }
        return tests;
    }

    /** With acks sent before invalidation, the recorded trace diverges from the spec at that SendAck. */
    @org.junit.jupiter.api.Test
    void ackBeforeInvalidationDivergesFromTheSpec() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("traces");
        for (long seed = 1; seed <= 200; seed++) {
            StatefulRun.Setup setup = StatefulRun.Setup.of(seed);
            if (setup.crashStep() >= 0) continue;
            Supplier<Scenario> factory = () -> new VmScenario(EnumSet.of(VmFault.ACK_BEFORE_INVALIDATE), TreeShape.BROADCAST);
            io.barreleye.traces.ShootdownMapping map = new io.barreleye.traces.ShootdownMapping(setup.cores(),
                    setup.cores() * VmScenario.PAGES_PER_CORE, VmScenario.FRAMES_PER_CORE, "Shootdown.cfg");
            StatefulRun.run(factory, seed, StatefulRun.ops(factory, seed, OPS), m -> io.barreleye.vm.Vm.setRecorder(m, map.observe(m)));
            java.nio.file.Path file = dir.resolve("seed-" + seed + ".ndjson");
            java.nio.file.Files.write(file, map.lines());
            io.barreleye.modelcheck.trace.TraceValidator.Result r = io.barreleye.modelcheck.trace.TraceCheck.check(
                    io.barreleye.modelcheck.trace.Trace.read(file), java.nio.file.Path.of("..", "specs"));
            if (!r.conforms()) {
                System.out.println("ACK_BEFORE_INVALIDATE diverges, seed " + seed + ": " + r.diagnosis());
                assertTrue(r.diagnosis().contains("SendAck"), r.diagnosis());
                return;
            }
        }
        org.junit.jupiter.api.Assertions.fail("acking before invalidating never diverged from the spec in 200 seeds");
    }
}
