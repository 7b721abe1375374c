package io.barreleye.proptest;

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
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The kept set of planted protocol bugs (every VmFault, CapsFault and MembershipFault; the
 * channel's are in traces' PlantedChannelBugsTest), each run through the randomized suite with
 * its recording on, as the suite runs the correct protocols: a bug counts as caught when a seed
 * fails an invariant, ends not quiescent, leaves an operation unresolved, or records a trace that
 * diverges from its spec. The test prints, per bug, the first seed that caught it and by what, and
 * whether that seed's trace diverges too (the unmap and membership protocols are validated; the
 * capability protocols only through their channels).
 */
class PlantedBugsTest {
    static final int SEEDS = 300;

    /** Each planted bug as a broken scenario, with the name the suite's recording knows its protocol by. */
    record Planted(String name, String recordAs, Supplier<Scenario> factory) {}

    static List<Planted> planted() {
        List<Planted> p = new ArrayList<>();
        for (VmFault f : VmFault.values()) {
            p.add(new Planted("vm+" + f, "vm-multicast", () -> new VmScenario(EnumSet.of(f), TreeShape.MULTICAST)));
        }
        for (CapsFault f : CapsFault.values()) p.add(new Planted("caps+" + f, "caps", () -> new CapsScenario(EnumSet.of(f))));
        for (MembershipFault f : MembershipFault.values()) {
            p.add(new Planted("membership+" + f, "membership", () -> new MembershipScenario(EnumSet.of(f))));
        }
        return p;
    }

    @TestFactory
    List<DynamicTest> everyPlantedBugIsCaughtByTheSuiteOrItsTraces() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Planted p : planted()) {
            tests.add(DynamicTest.dynamicTest(p.name(), () -> {
                String how = firstCatch(p);
                assertTrue(how != null, p.name() + " was caught by nothing in " + SEEDS + " seeds");
                System.out.println("planted " + p.name() + ": " + how);
            }));
        }
        return tests;
    }

    /** How the first catching seed caught the bug, or null when none of the seeds did. */
    private static String firstCatch(Planted p) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            List<io.barreleye.kernel.ScenarioOp> ops = StatefulRun.ops(p.factory(), seed, RandomizedProtocolTest.OPS);
            TraceRecording rec = new TraceRecording(seed, p.recordAs());
            StatefulRun.Failure f = StatefulRun.run(p.factory(), seed, ops, rec);
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
