package io.barreleye.proptest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.kernel.Scenario;
import io.barreleye.kernel.ScenarioOp;
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
 * the first seed that caught it and by what, and whether that seed's trace diverges too (the unmap
 * and membership protocols are validated; the capability protocols only through their channels).
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
