package io.barreleye.membership;

import io.barreleye.kernel.Invariant;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.Scenario;
import io.barreleye.kernel.ScenarioOp;
import io.barreleye.kernel.View;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Membership for the randomized stateful suite. Operations: {@code startOp} (a single-phase
 * commit in the core's view), {@code leave}, {@code join} (power a core that left back on, else
 * hot-plug a spare core with {@link Machine#addCore}, and {@code requestJoin} on it; the op's core
 * is only the live core it is started for, so the harness's liveness filter passes) and
 * {@code crash}: {@link Machine#removeCore} of a member other than core 0, done at start time by
 * the harness thread (it resolves at once, or is skipped when two live members or fewer remain;
 * crashes may also come from SimRuntime.crashAt). Guards are applied at start time because the
 * suite may generate all operations up front.
 */
public final class MembershipScenario implements Scenario {
    private final Set<MembershipFault> faults;

    public MembershipScenario(Set<MembershipFault> faults) {
        this.faults = faults.isEmpty() ? EnumSet.noneOf(MembershipFault.class) : EnumSet.copyOf(faults);
    }

    @Override
    public String name() {
        return "membership" + (faults.isEmpty() ? "" : " " + faults);
    }

    @Override
    public void install(Machine m) {
        Membership.install(m, faults);
    }

    private static List<Integer> liveMembers(Machine m) {
        List<Integer> out = new ArrayList<>();
        for (Kernel k : m.live()) {
            Membership ms = Membership.of(k);
            if (ms != null && k.view() != null && k.view().contains(k.id()) && !ms.isJoining()) out.add(k.id());
        }
        return out;
    }

    @Override
    public ScenarioOp randomOp(SplittableRandom rnd, Machine m) {
        // Operations may be generated up front (against the booted machine) and started much later,
        // so the kind and a live core are chosen here and every guard is applied at start time.
        List<Kernel> live = m.live();
        int core = live.get(rnd.nextInt(live.size())).id();
        int r = rnd.nextInt(100);
        if (r < 15) return new ScenarioOp(core, "join", 0, 0);
        if (r < 27) return new ScenarioOp(core, "leave", 0, 0);
        if (r < 35 && core != 0) return new ScenarioOp(core, "crash", 0, 0);
        return new ScenarioOp(core, "startOp", 0, 0);
    }

    @Override
    public CompletableFuture<? extends Outcome<?>> start(Machine m, ScenarioOp op) {
        switch (op.kind()) {
            case "crash" -> {
                // at start time, on the harness thread; only while more than two live members remain
                if (m.isAlive(op.core()) && liveMembers(m).size() > 2 && liveMembers(m).contains(op.core())) {
                    m.removeCore(op.core());
                    return CompletableFuture.completedFuture(Outcome.success(null));
                }
                return CompletableFuture.completedFuture(Outcome.failure(Outcome.Reason.CONFLICT, "crash skipped"));
            }
            case "join" -> {
                // core: the core on whose behalf it runs; the joiner is a core that left, else a hot-plugged spare
                Kernel joiner = null;
                for (Kernel k : m.live()) {
                    Membership ms = Membership.of(k);
                    if (ms != null && !ms.isMember() && !ms.isJoining()) {
                        joiner = k;
                        break;
                    }
                }
                if (joiner == null && m.size() < m.topology().size()) joiner = m.addCore();
                if (joiner == null) {
                    return CompletableFuture.completedFuture(Outcome.failure(Outcome.Reason.NO_SUCH_CORE, "no spare core"));
                }
                Kernel k = joiner;
                CompletableFuture<Outcome<View>> f = onCore(k, () -> Membership.of(k).requestJoin());
                // the op is started for op.core(): if the joiner crashes first, that core resolves it
                Kernel sponsor = m.kernel(op.core());
                int jid = k.id();
                Membership.of(sponsor).onDeath(c -> {
                    if (c == jid) f.complete(Outcome.failure(Outcome.Reason.CORE_FAILED, "joining core " + jid + " crashed"));
                });
                return f;
            }
            case "leave" -> {
                Kernel k = m.kernel(op.core());
                return onCore(k, () -> Membership.of(k).leave());
            }
            case "startOp" -> {
                Kernel k = m.kernel(op.core());
                return onCore(k, () -> ViewOp.of(k).startOp());
            }
            default -> throw new IllegalArgumentException("unknown operation " + op);
        }
    }

    private static <T> CompletableFuture<Outcome<T>> onCore(Kernel k, java.util.function.Supplier<CompletableFuture<Outcome<T>>> s) {
        CompletableFuture<Outcome<T>> f = new CompletableFuture<>();
        k.post(() -> s.get().whenComplete((o, e) -> {
            if (e != null) f.completeExceptionally(e);
            else f.complete(o);
        }));
        return f;
    }

    @Override
    public List<Invariant> invariants() {
        return MembershipInvariants.all();
    }

    /** Membership.tla at rest on every live core: nothing proposed, accepted, pending or running (Membership.unsettled). */
    @Override
    public String quiescent(Machine m) {
        for (Kernel k : m.live()) {
            Membership ms = Membership.of(k);
            String why = ms == null ? null : ms.unsettled();
            if (why != null) return why;
        }
        return null;
    }
}
