package io.barreleye.proptest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.caps.CapsFault;
import io.barreleye.caps.CapsScenario;
import io.barreleye.kernel.Scenario;
import io.barreleye.kernel.ScenarioOp;
import io.barreleye.vm.TreeShape;
import io.barreleye.vm.VmFault;
import io.barreleye.vm.VmScenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The kept set of planted protocol bugs (every fault switch of {@link RandomizedProtocolTest#broken}:
 * each VmFault, CapsFault and MembershipFault; the channel's are in traces' PlantedChannelBugsTest),
 * each run through the randomized suite with its recording on, as the suite runs the correct
 * protocols: a bug counts as caught when a seed fails an invariant, ends not quiescent, leaves an
 * operation unresolved, or records a trace that diverges from its spec. The test prints, per bug,
 * the first seed that caught it and by what, and whether that seed's trace diverges too (every
 * protocol is validated: the unmap, membership and capability protocols, and every channel).
 */
class PlantedBugsTest {
    static final int SEEDS = 2000;

    @TestFactory
    List<DynamicTest> everyPlantedBugIsCaughtByTheSuiteOrItsTraces() {
        List<DynamicTest> tests = new ArrayList<>();
        if (System.getProperty("barreleye.scenario") != null) return tests;
        for (Map.Entry<String, Supplier<Scenario>> p : RandomizedProtocolTest.broken().entrySet()) {
            tests.add(DynamicTest.dynamicTest(p.getKey(), () -> {
                String how = firstCatch(p.getKey(), p.getValue());
                assertTrue(how != null, p.getKey() + " was caught by nothing in " + SEEDS + " seeds");
                System.out.println("planted " + p.getKey() + ": " + how);
            }));
        }
        return tests;
    }

    /**
     * The capability bugs that trace validation against specs/CapCommit.tla must catch on its own:
     * every one but LOSE_OWNER_ON_MOVE. A lost owner takes no step (nobody owns the capability, so
     * nobody sequences it), so it shows only in the spec's Quiescent at the end of a complete run
     * (CapCommitTracesTest), and in the suite OwnerAgreed stops every such run before its end.
     */
    static final java.util.Set<CapsFault> CAUGHT_BY_CAPCOMMIT = java.util.EnumSet.complementOf(java.util.EnumSet.of(CapsFault.LOSE_OWNER_ON_MOVE));

    /**
     * Every capability run of the suite is validated, one trace per capability, against
     * specs/CapCommit.tla: each planted capability bug in CAUGHT_BY_CAPCOMMIT makes some seed's
     * recording diverge, whether or not an invariant failed first (the recording is validated
     * anyway, up to where the run stopped).
     */
    @TestFactory
    List<DynamicTest> capabilityBugsDivergeFromCapCommit() {
        List<DynamicTest> tests = new ArrayList<>();
        if (System.getProperty("barreleye.scenario") != null) return tests;
        for (CapsFault fault : CAUGHT_BY_CAPCOMMIT) {
            tests.add(DynamicTest.dynamicTest(fault.name(), () -> firstDivergence("caps+" + fault,
                    () -> new CapsScenario(java.util.EnumSet.of(fault)), "caps", "specs/CapCommit.tla")));
        }
        return tests;
    }

    /**
     * Every unmap bug makes some seed's recording diverge from the Shootdown specs on its own, the
     * invariants aside: ShootdownMapping reads the page tables, TLBs, unmap state and allocators
     * (so FREE_FRAME_EARLY diverges at the Unmap whose home's allocator already holds the frame).
     */
    @TestFactory
    List<DynamicTest> unmapBugsDivergeFromShootdown() {
        List<DynamicTest> tests = new ArrayList<>();
        if (System.getProperty("barreleye.scenario") != null) return tests;
        for (VmFault fault : VmFault.values()) {
            tests.add(DynamicTest.dynamicTest(fault.name(), () -> firstDivergence("vm+" + fault,
                    () -> new VmScenario(java.util.EnumSet.of(fault), TreeShape.MULTICAST), "vm-multicast", "specs/ShootdownTree.tla")));
        }
        return tests;
    }

    /** Fails unless some seed's recording of {@code factory}'s runs diverges from {@code spec}; prints the first. */
    private static void firstDivergence(String name, Supplier<Scenario> factory, String recordAs, String spec) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            TraceRecording rec = new TraceRecording(seed, recordAs);
            StatefulRun.Failure f = StatefulRun.run(factory, seed, StatefulRun.ops(factory, seed, RandomizedProtocolTest.OPS), rec);
            String diverged = f != null && f.invariant().equals(StatefulRun.TRACE_CONFORMS) ? f.detail() : rec.validate();
            if (diverged == null) continue;
            System.out.println("planted " + name + " diverges from " + spec + ", seed " + seed
                    + (f == null || f.invariant().equals(StatefulRun.TRACE_CONFORMS) ? "" : " (after " + f.invariant() + ")")
                    + ": " + diverged.lines().limit(2).reduce((x, y) -> x + " " + y).orElse(""));
            assertTrue(diverged.contains(spec), diverged);
            return;
        }
        org.junit.jupiter.api.Assertions.fail(name + " never diverged from " + spec + " in " + SEEDS + " seeds");
    }

    /** The correct scenario a broken one's recording is made as ("vm+X" runs the multicast trees). */
    static String recordAs(String broken) {
        String protocol = broken.substring(0, broken.indexOf('+'));
        return protocol.equals("vm") ? "vm-multicast" : protocol;
    }

    /** How the first catching seed caught the bug, or null when none of the seeds did. */
    private static String firstCatch(String name, Supplier<Scenario> factory) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            List<ScenarioOp> ops = StatefulRun.ops(factory, seed, RandomizedProtocolTest.OPS);
            TraceRecording rec = new TraceRecording(seed, recordAs(name));
            StatefulRun.Failure f = StatefulRun.run(factory, seed, ops, rec);
            if (f == null) continue;
            if (f.invariant().equals(StatefulRun.TRACE_CONFORMS)) {
                return "seed " + seed + ": trace validation (" + f.detail().lines().findFirst().orElse("") + ")";
            }
            String diverged = rec.validate(); // the invariant failed first: does the trace diverge as well?
            return "seed " + seed + ": " + f.invariant() + (diverged != null ? ", and its trace diverges ("
                    + diverged.lines().findFirst().orElse("") + ")" : ", its trace conforms");
        }
        return null;
    }
}
