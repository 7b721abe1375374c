package io.barreleye.proptest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.kernel.ScenarioOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness on a toy replicated counter: passes when correct, catches and shrinks a planted bug. */
class HarnessTest {
    @Test
    void correctCounterPassesManySeeds() {
        RandomizedSuite.Result r = RandomizedSuite.check("counter", () -> new CounterScenario(false), 1, 200, 15);
        assertTrue(r.passed(), r.report());
    }

    @Test
    void plantedBugIsCaughtShrunkAndReplayable() {
        RandomizedSuite.Result r = RandomizedSuite.check("counter", () -> new CounterScenario(true), 1, 200, 15);
        assertFalse(r.passed(), "the double-apply bug must be caught");
        assertTrue(r.report().contains("NoOvercount violated"), r.report());
        assertTrue(r.report().contains("shrunk from 15 to 1 operations"), r.report());
        assertTrue(r.report().contains("-Dbarreleye.seed=" + r.failingSeed()), r.report());
        // replaying the seed with the shrunk list fails again, the same way
        List<ScenarioOp> ops = StatefulRun.ops(() -> new CounterScenario(true), r.failingSeed(), 15);
        StatefulRun.Failure f = StatefulRun.run(() -> new CounterScenario(true), r.failingSeed(), ops);
        assertNotNull(f);
        assertEquals("NoOvercount", f.invariant());
    }

    @Test
    void runsAreDeterministic() {
        for (long seed = 1; seed < 20; seed++) {
            List<ScenarioOp> a = StatefulRun.ops(() -> new CounterScenario(true), seed, 10);
            List<ScenarioOp> b = StatefulRun.ops(() -> new CounterScenario(true), seed, 10);
            assertEquals(a, b);
            StatefulRun.Failure fa = StatefulRun.run(() -> new CounterScenario(true), seed, a);
            StatefulRun.Failure fb = StatefulRun.run(() -> new CounterScenario(true), seed, b);
            assertEquals(fa, fb, "seed " + seed);
        }
    }
}
