package io.barreleye.proptest;

import io.barreleye.kernel.Scenario;
import io.barreleye.kernel.ScenarioOp;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a scenario over a range of seeds; the first failure is shrunk and reported with its seed,
 * its setup, the shortened operation list, and the command that replays it.
 */
public final class RandomizedSuite {
    /** The outcome over a range of seeds: the failing seed and its report, or none. */
    public record Result(String scenario, long firstSeed, int seeds, Long failingSeed, String report) {
        public boolean passed() {
            return failingSeed == null;
        }
    }

    private RandomizedSuite() {}

    public static Result check(String name, Supplier<Scenario> factory, long firstSeed, int seeds, int opsPerRun) {
        return check(name, factory, firstSeed, seeds, opsPerRun, s -> Recording.NONE);
    }

    /** As above, every run recorded through a fresh {@code recordings.apply(seed)} and its recording validated. */
    public static Result check(String name, Supplier<Scenario> factory, long firstSeed, int seeds, int opsPerRun,
                               java.util.function.LongFunction<Recording> recordings) {
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            List<ScenarioOp> ops = StatefulRun.ops(factory, seed, opsPerRun);
            StatefulRun.Failure f = StatefulRun.run(factory, seed, ops, recordings.apply(seed));
            if (f == null) continue;
            List<ScenarioOp> small = StatefulRun.shrink(factory, seed, ops, f.invariant(), recordings);
            StatefulRun.Failure again = StatefulRun.run(factory, seed, small, recordings.apply(seed));
            String report = "Scenario " + name + ", seed " + seed + " (" + StatefulRun.Setup.of(seed) + "):\n"
                    + "  " + f.invariant() + (f.step() < 0 ? " violated: " : " violated at step " + f.step() + ": ") + f.detail() + "\n"
                    + "  shrunk from " + ops.size() + " to " + small.size() + " operations: " + small + "\n"
                    + (again == null ? "" : "  (the shrunk run fails at step " + again.step() + ": " + again.detail() + ")\n")
                    + "  replay: mvn -B -pl property-tests -am test -Dtest=RandomizedProtocolTest -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dbarreleye.scenario=" + name + " -Dbarreleye.seed=" + seed;
            return new Result(name, firstSeed, seeds, seed, report);
        }
        return new Result(name, firstSeed, seeds, null, "Scenario " + name + ": seeds " + firstSeed + ".."
                + (firstSeed + seeds - 1) + " passed");
    }
}
