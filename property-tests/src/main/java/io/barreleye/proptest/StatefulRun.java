package io.barreleye.proptest;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Invariant;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.Scenario;
import io.barreleye.kernel.ScenarioOp;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.topology.Machines;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One randomized stateful run: a seed chooses the machine, the core count, the channel
 * generation, the schedule (the simulation's seed), a crash in the middle of things, and the
 * operations; the operations start at fixed steps, every invariant is checked after every step,
 * and at the end every operation whose initiator is alive must have resolved. The run depends on
 * the seed and the operation list only, so a failure replays exactly and can be shrunk.
 */
public final class StatefulRun {
    /** Steps between the starts of consecutive operations. */
    static final int GAP = 7;
    /** Steps allowed after the last start for everything to resolve. */
    static final int SETTLE = 20_000;
    /** Steps per core run after every operation resolved, so that messages still in flight land. */
    static final int DRAIN_PER_CORE = 100;
    /**
     * Steps a run may take after the drain to come to rest (Scenario.quiescent): work no operation
     * waits for may still be under way then, such as the join of a core whose sponsoring core
     * crashed, which goes on at the joiner's resend period. A run not at rest by then fails.
     */
    static final int QUIESCE_WITHIN = 5_000;
    static final String[] MACHINES = {"amd-4x4", "amd-8x4", "intel-2x4", "single-16"};

    /** What one seed fixes apart from the operations. */
    public record Setup(long seed, String machine, int cores, Generation generation, long scheduleSeed,
                        long crashStep, int crashCore) {
        public static Setup of(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            String machine = MACHINES[r.nextInt(MACHINES.length)];
            int cores = 3 + r.nextInt(4);
            Generation g = r.nextBoolean() ? Generation.EPOCH_ACK : Generation.USED_BIT;
            long sched = r.nextLong();
            boolean crash = r.nextInt(3) == 0;
            long crashStep = crash ? 20 + r.nextInt(400) : -1;
            int crashCore = crash ? 1 + r.nextInt(cores - 1) : -1;
            return new Setup(seed, machine, cores, g, sched, crashStep, crashCore);
        }

        @Override
        public String toString() {
            return machine + ", " + cores + " cores, " + generation + (crashStep < 0 ? "" : ", core " + crashCore
                    + " crashes at step " + crashStep);
        }
    }

    /** Why a run failed: an invariant broken at a step, or operations left unresolved. */
    public record Failure(String invariant, String detail, long step) {}

    private StatefulRun() {}

    /** The operations a seed generates. */
    public static List<ScenarioOp> ops(Supplier<Scenario> factory, long seed, int count) {
        Setup s = Setup.of(seed);
        Machine m = boot(s, factory.get(), new SimRuntime(s.scheduleSeed()));
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Scenario sc = factory.get();
        List<ScenarioOp> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) ops.add(sc.randomOp(r, m));
        return ops;
    }

    /** Slots per ring of every channel. */
    public static final int SLOTS = 4;

    private static Machine boot(Setup s, Scenario sc, SimRuntime rt) {
        return boot(s, sc, rt, Recording.NONE);
    }

    private static Machine boot(Setup s, Scenario sc, SimRuntime rt, Recording rec) {
        Machine m = Machine.boot(Machines.named(s.machine()), s.cores(), s.generation(), SLOTS, rt.clock(), rec.channels());
        sc.install(m);
        return m;
    }

    /** Runs {@code ops} under the seed's setup; null when every invariant held and everything resolved. */
    public static Failure run(Supplier<Scenario> factory, long seed, List<ScenarioOp> ops) {
        return run(factory, seed, ops, Recording.NONE);
    }

    /**
     * As {@link #run(Supplier, long, List)}, recording the run through {@code rec}; a run that
     * passes everything else fails {@code TraceConforms} when its recording does not validate.
     */
    public static Failure run(Supplier<Scenario> factory, long seed, List<ScenarioOp> ops, Recording rec) {
        Failure f = runRecorded(factory, seed, ops, rec);
        if (f != null) return f;
        String diverged = rec.validate();
        return diverged == null ? null : new Failure(TRACE_CONFORMS, diverged, -1);
    }

    /** The name a run fails under when it ends with a lock held or an operation pending. */
    public static final String QUIESCENT = "Quiescent";

    /** The name a trace divergence fails under. */
    public static final String TRACE_CONFORMS = "TraceConforms";

    private static Failure runRecorded(Supplier<Scenario> factory, long seed, List<ScenarioOp> ops, Recording rec) {
        Setup s = Setup.of(seed);
        SimRuntime rt = new SimRuntime(s.scheduleSeed());
        if (s.crashStep() >= 0) rt.crashAt(s.crashStep(), s.crashCore());
        Scenario sc = factory.get();
        Machine m = boot(s, sc, rt, rec);
        rec.attach(m);
        List<Invariant> invariants = sc.invariants();
        List<CompletableFuture<? extends Outcome<?>>> futures = new ArrayList<>();
        List<ScenarioOp> started = new ArrayList<>();
        CompletableFuture<Void> never = new CompletableFuture<>();
        long end = (long) ops.size() * GAP + SETTLE;
        int next = 0;
        long drainUntil = -1;
        for (long step = 0; step < end || drainUntil >= 0; step++) {
            while (next < ops.size() && (long) next * GAP <= step) {
                ScenarioOp op = ops.get(next++);
                if (!m.isAlive(op.core())) continue;
                futures.add(sc.start(m, op));
                started.add(op);
            }
            rt.run(m, never, 1);
            for (Invariant inv : invariants) {
                String bad = inv.check(m);
                if (bad != null) return new Failure(inv.name(), bad, rt.steps());
            }
            if (drainUntil < 0 && next == ops.size() && allResolved(m, futures, started)) {
                // messages may still be in flight: keep stepping a while so their effects are checked too
                drainUntil = step + DRAIN_PER_CORE * m.size();
            }
            if (drainUntil >= 0 && step >= drainUntil) {
                String busy = sc.quiescent(m);
                if (busy != null && step < drainUntil + QUIESCE_WITHIN) continue; // not at rest yet: keep stepping, invariants checked
                rec.ended(m);
                return busy == null ? null : new Failure(QUIESCENT, "the run ended with work left: " + busy, rt.steps());
            }
        }
        List<String> hanging = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            if (!futures.get(i).isDone() && m.isAlive(started.get(i).core())) hanging.add(started.get(i).toString());
        }
        return hanging.isEmpty() ? null
                : new Failure("OperationResolves", "operations never resolved: " + hanging, rt.steps());
    }

    private static boolean allResolved(Machine m, List<CompletableFuture<? extends Outcome<?>>> fs, List<ScenarioOp> ops) {
        for (int i = 0; i < fs.size(); i++) {
            if (!fs.get(i).isDone() && m.isAlive(ops.get(i).core())) return false;
        }
        return true;
    }

    /**
     * Shrinks a failing operation list: removes chunks, halving their size, keeping any removal
     * after which the same invariant still fails (delta debugging). The seed's setup is unchanged.
     */
    public static List<ScenarioOp> shrink(Supplier<Scenario> factory, long seed, List<ScenarioOp> ops, String invariant) {
        return shrink(factory, seed, ops, invariant, any -> Recording.NONE);
    }

    /** As above, each candidate run recorded through a fresh recording (a trace divergence shrinks too). */
    public static List<ScenarioOp> shrink(Supplier<Scenario> factory, long seed, List<ScenarioOp> ops, String invariant,
                                          java.util.function.LongFunction<Recording> recordings) {
        List<ScenarioOp> cur = new ArrayList<>(ops);
        for (int chunk = Math.max(1, cur.size() / 2); chunk >= 1; chunk /= 2) {
            boolean removed = true;
            while (removed) {
                removed = false;
                for (int i = 0; i + chunk <= cur.size(); i += chunk) {
                    List<ScenarioOp> cand = new ArrayList<>(cur.subList(0, i));
                    cand.addAll(cur.subList(i + chunk, cur.size()));
                    Failure f = run(factory, seed, cand, recordings.apply(seed));
                    if (f != null && f.invariant().equals(invariant)) {
                        cur = cand;
                        removed = true;
                        break;
                    }
                }
            }
        }
        return cur;
    }
}
