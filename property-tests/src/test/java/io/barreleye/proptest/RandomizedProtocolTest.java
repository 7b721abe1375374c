package io.barreleye.proptest;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Every fault switch, which breaks a protocol on purpose, must be caught: see PlantedBugsTest.
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

    /** The unmap tree of a scenario name ("vm-broadcast"), or null for the other protocols. */
    static TreeShape shapeOf(String scenario) {
        for (TreeShape shape : TreeShape.values()) {
            if (scenario.equals("vm-" + shape.name().toLowerCase())) return shape;
        }
        return null;
    }

    /**
     * Every run of the correct protocols is also recorded and validated (TraceRecording): each of
     * its URPC channels against specs/Urpc.tla; the unmap protocol against specs/Shootdown.tla
     * (broadcast, chain) or specs/ShootdownTree.tla (the multicast trees, as a table), up to the
     * first crash when there is one (the specs do not model crashes); the membership protocol
     * against specs/Membership.tla; the capability protocols one trace per capability against
     * specs/CapCommit.tla (CapsTraces), each up to the first step the spec does not model or to the
     * end of the run, where the spec's Quiescent reads every replica. A divergence fails the seed
     * like a broken invariant.
     */
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
            boolean correct = !e.getKey().contains("+");
            TreeShape shape = shapeOf(e.getKey());
            tests.add(DynamicTest.dynamicTest(e.getKey() + " seeds " + first + ".." + (first + count - 1), () -> {
                long channels = TraceRecording.CHANNEL_TRACES.get();
                long unmaps = TraceRecording.PROTOCOL_TRACES.get();
                long capTraces = TraceRecording.CAPS_TRACES.get();
                long capQuiescent = TraceRecording.CAPS_QUIESCENT.get();
                RandomizedSuite.Result r = correct
                        ? RandomizedSuite.check(e.getKey(), e.getValue(), first, count, OPS, s -> new TraceRecording(s, e.getKey()))
                        : RandomizedSuite.check(e.getKey(), e.getValue(), first, count, OPS);
                System.out.println(r.report() + "; so far " + TraceRecording.totals());
                assertTrue(r.passed(), r.report());
                if (correct) {
                    assertTrue(TraceRecording.CHANNEL_TRACES.get() - channels >= count, "every run has a channel that carried messages");
                    if (shape != null) {
                        assertEquals(count, TraceRecording.PROTOCOL_TRACES.get() - unmaps, "every unmap run's trace is validated");
                    }
                    if (e.getKey().equals("caps")) {
                        assertTrue(TraceRecording.CAPS_TRACES.get() - capTraces >= count, "capability runs record a trace per capability");
                        assertTrue(TraceRecording.CAPS_QUIESCENT.get() > capQuiescent, "some capability traces run to the end of their run");
                    }
                }
            }));
        }
        return tests;
    }

    /**
     * With acks sent before invalidation, the recorded trace diverges from the spec where the core
     * reports a step it has not done yet: its RecvUnmap or SendAck, with the entries still there.
     */
    @org.junit.jupiter.api.Test
    void ackBeforeInvalidationDivergesFromTheSpec() {
        for (long seed = 1; seed <= 200; seed++) {
            if (!TraceRecording.shootdownModels(TreeShape.BROADCAST, StatefulRun.Setup.of(seed))) continue;
            Supplier<Scenario> factory = () -> new VmScenario(EnumSet.of(VmFault.ACK_BEFORE_INVALIDATE), TreeShape.BROADCAST);
            TraceRecording rec = new TraceRecording(seed, "vm-broadcast");
            StatefulRun.run(factory, seed, StatefulRun.ops(factory, seed, OPS), rec); // an invariant may fail first: validate anyway
            String diverged = rec.validate();
            if (diverged != null) {
                System.out.println("ACK_BEFORE_INVALIDATE diverges, seed " + seed + ": " + diverged);
                assertTrue(diverged.contains("specs/Shootdown.tla")
                        && (diverged.contains("RecvUnmap") || diverged.contains("SendAck")), diverged);
                return;
            }
        }
        org.junit.jupiter.api.Assertions.fail("acking before invalidating never diverged from the spec in 200 seeds");
    }
}
