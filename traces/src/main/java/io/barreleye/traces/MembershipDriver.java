package io.barreleye.traces;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.membership.Membership;
import io.barreleye.membership.MembershipFault;
import io.barreleye.membership.ViewOp;
import io.barreleye.runtime.CoreRuntime;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.topology.Machines;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Membership runs recorded through {@link MembershipMapping} with the model of Membership.cfg:
 * cores 1..3 (implementation cores 0..2), view 1 = {1, 2} (the two booted cores), core 3
 * hot-pluggable, views up to 2 (so exactly one view change per run) and one operation. Each run
 * starts one operation on a member and makes one change while it may still be running: a member
 * leaves, a member crashes (simulation only: the mapping places a crash by observing the
 * machine, which is exact only when one thread runs every core), or a hot-plugged core joins.
 *
 * <p>The leaver is core 0 (the coordinator, which then proposes its own removal and hands over)
 * on odd seeds and core 1 on even ones.
 */
public final class MembershipDriver {
    public enum Change { LEAVE, CRASH, JOIN }

    /** A recorded run: its machine, and the protocol's and the channels' recordings. */
    public record Run(Machine m, MembershipMapping map, ChannelTraces channels) {}

    private MembershipDriver() {}

    private static <T> CompletableFuture<Outcome<T>> onCore(Kernel k, Supplier<CompletableFuture<Outcome<T>>> s) {
        CompletableFuture<Outcome<T>> f = new CompletableFuture<>();
        k.post(() -> s.get().thenAccept(f::complete));
        return f;
    }

    public static Run run(CoreRuntime rt, long seed, Change change, Set<MembershipFault> faults) {
        return run(rt, seed, change, faults, (int) ((seed + 1) % 2));
    }

    /** One run; {@code leaver} is the core that leaves for {@link Change#LEAVE}. */
    public static Run run(CoreRuntime rt, long seed, Change change, Set<MembershipFault> faults, int leaver) {
        if (change == Change.CRASH && !(rt instanceof SimRuntime)) {
            throw new IllegalArgumentException("crashes are placed in the trace by observation, exact only in the simulation");
        }
        Generation g = seed % 2 == 0 ? Generation.USED_BIT : Generation.EPOCH_ACK;
        ChannelTraces channels = ChannelTraces.on(rt, g, 4);
        Machine m = Machine.boot(Machines.named("single-16"), 2, g, 4, rt.clock(), channels);
        MembershipMapping map = MembershipMapping.ofModel().observe(m);
        Membership.install(m, faults, map);
        SplittableRandom rnd = new SplittableRandom(seed * 7919 + change.ordinal());
        int init = rnd.nextInt(2);
        rt.runFor(m, rnd.nextInt(50));
        Kernel ik = m.kernel(init);
        CompletableFuture<Outcome<io.barreleye.kernel.View>> leave = null;
        boolean opFirst = rnd.nextInt(4) != 0;
        if (opFirst) onCore(ik, () -> ViewOp.of(ik).startOp());
        rt.runFor(m, rnd.nextInt(40)); // the change comes before, during or after the operation
        switch (change) {
            case LEAVE -> {
                Kernel lk = m.kernel(leaver);
                leave = onCore(lk, () -> Membership.of(lk).leave());
            }
            case CRASH -> ((SimRuntime) rt).crashAt(((SimRuntime) rt).steps() + 1 + rnd.nextInt(20), rnd.nextInt(2));
            case JOIN -> {
                Kernel jk = m.addCore();
                onCore(jk, () -> Membership.of(jk).requestJoin());
            }
        }
        if (!opFirst) {
            rt.runFor(m, rnd.nextInt(40));
            onCore(ik, () -> ViewOp.of(ik).startOp());
        }
        rt.runFor(m, 500_000); // until every core is quiet
        if (leave != null && leave.isDone() && leave.join() instanceof Outcome.Failure<?> fl && fl.reason() == Outcome.Reason.BUSY) {
            // the leaver had the operation running (the spec's Leave is not enabled then either): leave after it
            Kernel lk = m.kernel(leaver);
            onCore(lk, () -> Membership.of(lk).leave());
            rt.runFor(m, 500_000); // until every core is quiet
        }
        return new Run(m, map, channels);
    }
}
