package io.barreleye.traces;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.membership.Membership;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.topology.Machines;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Membership runs that reach the agreement protocol's recovery steps, which the ordinary workloads
 * leave untaken: the last live member of a view asking to leave (Membership.tla's CancelLeave), and
 * a proposer crashing after a member accepted its proposal (Forget: the member drops the
 * acceptance and, as the next coordinator, proposes the same view again). Both need a crash, so
 * they run in the simulation only, recorded with the run's own bounds ({@link
 * MembershipMapping#forMachine}: a crashed proposer's view and the removal after it need more
 * views than Membership.cfg has). The seed places the crash; see {@link Conformance} for the
 * seeds verify runs.
 */
public final class MembershipFaultsDriver {
    public enum Scenario {
        /** Two members: core 1 asks to leave, the coordinator crashes meanwhile, and the leaver must stay (CancelLeave). */
        LAST_LEAVES,
        /** Three members; a hot-plugged core asks to join and the coordinator crashes while proposing (Forget). */
        PROPOSER_CRASH
    }

    private MembershipFaultsDriver() {}

    public static MembershipDriver.Run run(SimRuntime rt, long seed, Scenario scenario) {
        int booted = scenario == Scenario.LAST_LEAVES ? 2 : 3;
        ChannelTraces channels = new ChannelTraces(Generation.EPOCH_ACK, 4);
        Machine m = Machine.boot(Machines.named("single-16"), booted, Generation.EPOCH_ACK, 4, rt.clock(), channels);
        MembershipMapping map = MembershipMapping.forMachine(m.topology().size(), booted, "Membership.cfg").observe(m);
        Membership.install(m, Set.of(), map);
        SplittableRandom rnd = new SplittableRandom(seed * 104_729 + scenario.ordinal());
        rt.runFor(m, rnd.nextInt(20));
        switch (scenario) {
            case LAST_LEAVES -> {
                Kernel lk = m.kernel(1);
                lk.post(() -> Membership.of(lk).leave());
                // the other member crashes while the leave is being agreed (a leave asked after the
                // crash is refused at once: no Leave step)
                rt.crashAt(rt.steps() + 1 + rnd.nextInt(4), 0);
            }
            case PROPOSER_CRASH -> {
                Kernel jk = m.addCore();
                jk.post(() -> Membership.of(jk).requestJoin());
                // the coordinator (core 0) crashes within the proposal's round trips
                rt.crashAt(rt.steps() + 1 + rnd.nextInt(40), 0);
            }
        }
        rt.runFor(m, 500_000); // until every core is quiet
        return new MembershipDriver.Run(m, map, channels);
    }
}
