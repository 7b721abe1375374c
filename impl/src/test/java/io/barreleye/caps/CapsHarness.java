package io.barreleye.caps;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.ScenarioOp;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.topology.Machines;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Test helpers: boot a simulated machine with capabilities, run one operation, drive a random scenario. */
final class CapsHarness {
    private CapsHarness() {}

    static Machine boot(SimRuntime rt, String topology, int cores, Set<CapsFault> faults) {
        Machine m = Machine.boot(Machines.named(topology), cores, Generation.EPOCH_ACK, 8, rt.clock());
        Caps.install(m, faults);
        return m;
    }

    /** Starts {@code op} on {@code core} and runs the simulation until it resolves. */
    static Outcome<Long> run(SimRuntime rt, Machine m, int core, Function<Caps, CompletableFuture<Outcome<Long>>> op) {
        CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
        m.kernel(core).post(() -> op.apply(Caps.of(m.kernel(core))).thenAccept(f::complete));
        if (!rt.run(m, f, 1_000_000)) throw new AssertionError("operation did not resolve (seed " + rt.seed() + ")");
        settle(rt, m);
        return f.join();
    }

    /**
     * Runs until every core is quiet: the caller's future completes before the last messages of
     * an operation (the requester's unlock request, the end of a move) reach their cores.
     */
    static void settle(SimRuntime rt, Machine m) {
        rt.run(m, new CompletableFuture<Void>(), 100_000);
    }

    static long ok(Outcome<Long> o) {
        if (o instanceof Outcome.Success<Long> s) return s.value();
        throw new AssertionError("expected success, got " + o);
    }

    static Outcome.Reason reason(Outcome<?> o) {
        return o instanceof Outcome.Failure<?> f ? f.reason() : null;
    }

    /** What a randomized run found. */
    record Result(long seed, String violation, int started, int unresolved, long steps, List<String> log) {}

    /**
     * Drives {@link CapsScenario} on a simulated machine: at most three operations at a time from
     * random cores, the simulation advanced in small random budgets, every invariant checked
     * between budgets. Stops at the first violation.
     */
    static Result drive(long seed, Set<CapsFault> faults, int cores, int ops, long crashStep, int crashCore) {
        SimRuntime rt = new SimRuntime(seed);
        if (crashStep >= 0) rt.crashAt(crashStep, crashCore);
        Machine m = Machine.boot(Machines.named("amd-4x4"), cores, Generation.EPOCH_ACK, 8, rt.clock());
        CapsScenario s = new CapsScenario(faults);
        s.install(m);
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
        record Open(ScenarioOp op, CompletableFuture<?> f) {}
        List<Open> open = new ArrayList<>();
        List<String> log = new ArrayList<>();
        CompletableFuture<Void> never = new CompletableFuture<>();
        int started = 0;
        for (int iter = 0; iter < 400_000; iter++) {
            open.removeIf(o -> o.f().isDone() || !m.isAlive(o.op().core()));
            if (started < ops && open.size() < 3 && rnd.nextInt(3) == 0) {
                ScenarioOp op = s.randomOp(rnd, m);
                log.add(rt.steps() + ": " + op);
                open.add(new Open(op, s.start(m, op)));
                started++;
            }
            rt.run(m, never, 1 + rnd.nextInt(8));
            String v = CapsInvariants.check(m);
            if (v != null) return new Result(seed, v, started, 0, rt.steps(), log);
            if (started == ops && open.isEmpty()) break;
        }
        int unresolved = 0;
        for (Open o : open) if (!o.f().isDone() && m.isAlive(o.op().core())) unresolved++;
        // once quiet, no operation is left in progress anywhere: no lock, no mark, no busy copy
        settle(rt, m);
        for (var k : m.live()) {
            Caps c = Caps.of(k);
            if (c.waiting() || !c.db().lock().isEmpty()) {
                return new Result(seed, "Quiescence: core " + k.id() + " still has " + c.db().lock() + " " + c.retypeProtocol().rt().keySet()
                        + " " + c.revokeProtocol().rv().keySet() + " " + c.revokeProtocol().rvAt().keySet() + " "
                        + c.moveProtocol().mv().keySet() + " " + c.moveProtocol().busyAt().keySet(), started, unresolved, rt.steps(), log);
            }
        }
        String v = CapsInvariants.check(m);
        return new Result(seed, v, started, unresolved, rt.steps(), log);
    }
}
