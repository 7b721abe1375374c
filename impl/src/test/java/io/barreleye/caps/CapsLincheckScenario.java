package io.barreleye.caps;

import io.barreleye.kernel.Outcome;
import io.barreleye.runtime.CallerDrivenMachine;
import io.barreleye.runtime.MachineClient;
import io.barreleye.runtime.RunningMachine;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck over the capability system's client operations on one region, from several cores at once, through the split-phase API.
 *
 * <p>Core 0 mints a RAM region R and copies it to cores 1..3, so every core can retype it. The
 * objects operated on are R's children, one per quarter {@code q} of R: {@code retype(core, q)}
 * makes one (owned by {@code core}), {@code copy}, {@code delete}, {@code revoke} and {@code held}
 * act on the child of quarter {@code q} that {@code core} holds when the operation runs there. Busy answers (a lock, a
 * mark) are retried by the client, so every operation ends in a definite answer, and the history
 * must be linearizable against {@link Spec}: one owner per child, copies counted per core, a
 * retype refused while its quarter has a child, a revoke that removes every copy everywhere.
 *
 * <p>Two runtimes run it: stress mode on {@link RunningMachine} (one
 * {@link io.barreleye.runtime.ThreadRuntime} thread per core, outside Lincheck's control), and
 * model checking on {@link CallerDrivenMachine} (the {@code CallerDriven} subclasses: Lincheck's
 * threads run the kernels, so the model checker schedules every core's message handling).
 */
@Param(name = "core", gen = IntGen.class, conf = "0:3")
@Param(name = "quarter", gen = IntGen.class, conf = "0:1")
public class CapsLincheckScenario {
    static final int CORES = 4;
    static final long QUARTER = CapsScenario.REGION / 4;

    /** Answers, the same in the implementation and in {@link Spec}. */
    static final int OK = 0, NONE = 1, REFUSED = 2;

    private final MachineClient rm;
    private final long root;
    /** Revokes running per (core, quarter): a delete there waits for them (see {@link #delete}). */
    private final java.util.concurrent.atomic.AtomicIntegerArray revoking = new java.util.concurrent.atomic.AtomicIntegerArray(CORES * 2);
    /** Revokes started and ended per quarter (a retype refused while one ran is retried, see {@link #retype}). */
    private final java.util.concurrent.atomic.AtomicLongArray revokesStarted = new java.util.concurrent.atomic.AtomicLongArray(2);
    private final java.util.concurrent.atomic.AtomicLongArray revokesEnded = new java.util.concurrent.atomic.AtomicLongArray(2);

    public CapsLincheckScenario() {
        this(RunningMachine::replacing, Set.of());
    }

    CapsLincheckScenario(MachineClient.Boot boot, Set<CapsFault> faults) {
        rm = boot.boot(CORES, m -> Caps.install(m, faults));
        root = rm.read(0, k -> Caps.of(k).mint(CapType.RAM, 0, CapsScenario.REGION));
        for (int c = 1; c < CORES; c++) {
            int to = c;
            Outcome<Long> copied = rm.call(0, k -> Caps.of(k).copy(root, to));
            if (!copied.succeeded()) throw new IllegalStateException("setup copy to core " + to + " failed: " + copied);
        }
    }

    private static boolean busy(Outcome<Long> o) {
        return o instanceof Outcome.Failure<Long> f && f.reason() == Outcome.Reason.RETRY;
    }

    private static Outcome.Reason reason(Outcome<Long> o) {
        return o instanceof Outcome.Failure<Long> f ? f.reason() : null;
    }

    /**
     * The child of quarter {@code q} that this core holds, or 0: looked up in the core's replica in
     * the same step as the operation (a table kept by the clients would lag behind a retype that
     * committed but has not returned yet).
     */
    private long childAt(Caps caps, int q) {
        for (Capability c : caps.db().held()) {
            long[] a = c.ancestorsRef();
            if (a.length == 1 && a[0] == root && c.base() == q * QUARTER) return c.id();
        }
        return 0;
    }

    /** Runs {@code op} on the child of quarter {@code q} held by {@code core}, retrying busy answers; CONFLICT when it holds none. */
    private Outcome<Long> onChild(int core, int q, String what, java.util.function.BiFunction<Caps, Long, CompletableFuture<Outcome<Long>>> op) {
        return rm.callUntil(core, k -> {
            Caps caps = Caps.of(k);
            long id = childAt(caps, q);
            return id == 0 ? Caps.failed(Outcome.Reason.CONFLICT, what + ": core " + core + " holds no child") : op.apply(caps, id);
        }, CapsLincheckScenario::busy);
    }

    /**
     * Retypes quarter {@code q} of R on {@code core}: OK, or REFUSED when the quarter has a child
     * (a member voted no). A refusal while a revoke of the quarter's child was running is
     * retried once it ends: cores delete at different moments of a revoke's commit, so a core
     * that has not deleted yet may still vote no after another core already answers that the
     * child is gone (safe, but not what an atomic revoke would answer).
     */
    @Operation
    public int retype(@Param(name = "core") int core, @Param(name = "quarter") int q) {
        for (;;) {
            long endedBefore = revokesEnded.get(q);
            Outcome<Long> o = rm.callUntil(core, k -> Caps.of(k).retype(root, CapType.FRAME, q * QUARTER, QUARTER), CapsLincheckScenario::busy);
            if (o.succeeded()) return OK;
            if (reason(o) != Outcome.Reason.ABORTED) throw new AssertionError("retype: " + o);
            if (revokesStarted.get(q) == endedBefore) return REFUSED; // no revoke overlapped the call
            rm.await(() -> revokesStarted.get(q) == revokesEnded.get(q), "the revokes of quarter " + q);
        }
    }

    /** Copies quarter {@code q}'s child from {@code core} to the next core: OK, or NONE when {@code core} holds none. */
    @Operation
    public int copy(@Param(name = "core") int core, @Param(name = "quarter") int q) {
        int to = (core + 1) % CORES;
        Outcome<Long> o = onChild(core, q, "copy", (caps, id) -> caps.copy(id, to));
        // ABORTED: the copy was sent and deleted on arrival by a revoke in progress, as if made just before it
        if (o.succeeded() || reason(o) == Outcome.Reason.ABORTED) return OK;
        if (reason(o) == Outcome.Reason.CONFLICT) return NONE;
        throw new AssertionError("copy: " + o);
    }

    /**
     * Deletes one copy of quarter {@code q}'s child on {@code core}: OK, NONE, or REFUSED for the
     * owner's last copy there. Not while this core's clients revoke that child: a revoke checks
     * that its requester holds a copy only when it starts, so deleting that copy before the
     * revoke marks the core would let an atomic revoke's precondition fail after the fact (a
     * client discipline, like not freeing what one is still using).
     */
    @Operation
    public int delete(@Param(name = "core") int core, @Param(name = "quarter") int q) {
        rm.await(() -> revoking.get(core * 2 + q) == 0, "core " + core + "'s revoke of quarter " + q);
        Outcome<Long> o = onChild(core, q, "delete", Caps::delete);
        if (o.succeeded()) return OK;
        if (reason(o) == Outcome.Reason.CONFLICT) {
            return o.toString().contains("last copy") ? REFUSED : NONE;
        }
        throw new AssertionError("delete: " + o);
    }

    /** Revokes quarter {@code q}'s child from {@code core}: OK, or NONE when {@code core} holds none (or another revoke won). */
    @Operation
    public int revoke(@Param(name = "core") int core, @Param(name = "quarter") int q) {
        revokesStarted.incrementAndGet(q);
        revoking.incrementAndGet(core * 2 + q);
        Outcome<Long> o;
        try {
            o = onChild(core, q, "revoke", Caps::revoke);
        } finally {
            revoking.decrementAndGet(core * 2 + q);
            revokesEnded.incrementAndGet(q);
        }
        if (o.succeeded()) return OK;
        // ABORTED: the owner had already revoked it (a concurrent revoke committed first)
        if (reason(o) == Outcome.Reason.CONFLICT || reason(o) == Outcome.Reason.ABORTED) return NONE;
        throw new AssertionError("revoke: " + o);
    }

    /**
     * Copies of quarter {@code q}'s child that {@code core} holds (0 when none). While a revoke has
     * the child marked on this core, the read is retried, as copy and delete are (they answer
     * busy): cores delete at different moments of a revoke's commit, so an unguarded read could
     * see one core's copies gone and then another's still there, which no atomic revoke allows.
     */
    @Operation
    public int held(@Param(name = "core") int core, @Param(name = "quarter") int q) {
        Outcome<Long> o = onChild(core, q, "held", (caps, id) -> caps.db().busy(id)
                ? Caps.failed(Outcome.Reason.RETRY, "held: marked")
                : CompletableFuture.completedFuture(Outcome.success((long) caps.db().get(id).count())));
        return o.succeeded() ? (int) (long) ((Outcome.Success<Long>) o).value() : 0;
    }

    static StressOptions options(int iterations, int invocations) {
        return new StressOptions().iterations(iterations).invocationsPerIteration(invocations).threads(3).actorsPerThread(3)
                .actorsBefore(2).actorsAfter(2).sequentialSpecification(Spec.class);
    }

    /**
     * Model checking on a {@link CallerDrivenMachine}: the clients run the kernels, so Lincheck
     * decides which core handles its messages when.
     */
    static ModelCheckingOptions modelChecking(int iterations, int invocations) {
        return CallerDrivenMachine.modelCheckingOptions().iterations(iterations).invocationsPerIteration(invocations).threads(2).actorsPerThread(3)
                .actorsBefore(2).actorsAfter(1).sequentialSpecification(Spec.class);
    }

    /** The scenario on a {@link CallerDrivenMachine}, for the model checker. */
    public static class CallerDriven extends CapsLincheckScenario {
        public CallerDriven() {
            super(CallerDrivenMachine::boot, Set.of());
        }
    }

    /** {@link VoteMissesOverlap} on a {@link CallerDrivenMachine}. */
    public static class CallerDrivenVoteMissesOverlap extends CapsLincheckScenario {
        public CallerDrivenVoteMissesOverlap() {
            super(CallerDrivenMachine::boot, Set.of(CapsFault.VOTE_MISSES_OVERLAP));
        }
    }

    /** {@link CommitWithoutLock} on a {@link CallerDrivenMachine}. */
    public static class CallerDrivenCommitWithoutLock extends CapsLincheckScenario {
        public CallerDrivenCommitWithoutLock() {
            super(CallerDrivenMachine::boot, Set.of(CapsFault.COMMIT_WITHOUT_LOCK));
        }
    }

    /** Members vote yes without looking for overlapping descendants: a retype of a quarter that has a child commits. */
    public static class VoteMissesOverlap extends CapsLincheckScenario {
        public VoteMissesOverlap() {
            super(RunningMachine::replacing, Set.of(CapsFault.VOTE_MISSES_OVERLAP));
        }
    }

    /** The owner neither takes nor checks its lock: two concurrent retypes of one quarter may both commit. */
    public static class CommitWithoutLock extends CapsLincheckScenario {
        public CommitWithoutLock() {
            super(RunningMachine::replacing, Set.of(CapsFault.COMMIT_WITHOUT_LOCK));
        }
    }

    /**
     * The sequential specification: per quarter, the child's owner and its copies per core. It
     * also serves the history checker ({@link CapsHistoryTest}), which needs copies of states
     * and their equality.
     */
    public static final class Spec {
        private final Map<Integer, Integer> owner;
        private final Map<Integer, int[]> copies;

        public Spec() {
            this(new HashMap<>(), new HashMap<>());
        }

        private Spec(Map<Integer, Integer> owner, Map<Integer, int[]> copies) {
            this.owner = owner;
            this.copies = copies;
        }

        Spec copy() {
            Map<Integer, int[]> c = new HashMap<>();
            copies.forEach((q, held) -> c.put(q, held.clone()));
            return new Spec(new HashMap<>(owner), c);
        }

        /** Runs operation {@code name} (one of this class's methods) and returns its answer. */
        int apply(String name, int core, int q) {
            return switch (name) {
                case "retype" -> retype(core, q);
                case "copy" -> copy(core, q);
                case "delete" -> delete(core, q);
                case "revoke" -> revoke(core, q);
                case "held" -> held(core, q);
                default -> throw new IllegalArgumentException("no operation " + name);
            };
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Spec s) || !owner.equals(s.owner) || !copies.keySet().equals(s.copies.keySet())) return false;
            for (Map.Entry<Integer, int[]> e : copies.entrySet()) {
                if (!java.util.Arrays.equals(e.getValue(), s.copies.get(e.getKey()))) return false;
            }
            return true;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            copies.forEach((q, held) -> b.append("quarter ").append(q).append(": owner ").append(owner.get(q))
                    .append(", copies ").append(java.util.Arrays.toString(held)).append("; "));
            return b.length() == 0 ? "no children" : b.toString();
        }

        @Override
        public int hashCode() {
            int h = owner.hashCode();
            for (Map.Entry<Integer, int[]> e : copies.entrySet()) h += e.getKey() ^ java.util.Arrays.hashCode(e.getValue());
            return h;
        }

        public int retype(int core, int q) {
            if (copies.containsKey(q)) return REFUSED;
            int[] held = new int[CORES];
            held[core] = 1;
            copies.put(q, held);
            owner.put(q, core);
            return OK;
        }

        public int copy(int core, int q) {
            int[] held = copies.get(q);
            if (held == null || held[core] == 0) return NONE;
            held[(core + 1) % CORES]++;
            return OK;
        }

        public int delete(int core, int q) {
            int[] held = copies.get(q);
            if (held == null || held[core] == 0) return NONE;
            if (owner.get(q) == core && held[core] == 1) return REFUSED;
            held[core]--;
            return OK;
        }

        public int revoke(int core, int q) {
            int[] held = copies.get(q);
            if (held == null || held[core] == 0) return NONE;
            copies.remove(q);
            owner.remove(q);
            return OK;
        }

        public int held(int core, int q) {
            int[] held = copies.get(q);
            return held == null ? 0 : held[core];
        }
    }
}
