package io.barreleye.caps;

import io.barreleye.kernel.Outcome;
import io.barreleye.runtime.RunningMachine;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck (stress mode: the cores are {@link io.barreleye.runtime.ThreadRuntime} threads, outside
 * Lincheck's control, so its model checker cannot schedule them) over the capability system's
 * client operations on one region, from several cores at once, through the split-phase API.
 *
 * <p>Core 0 mints a RAM region R and copies it to cores 1..3, so every core can retype it. The
 * objects operated on are R's children, one per quarter {@code q} of R: {@code retype(core, q)}
 * makes one (owned by {@code core}), {@code copy}, {@code delete} and {@code revoke} act on the
 * child of quarter {@code q} that is live when the client looks it up. Busy answers (a lock, a
 * mark) are retried by the client, so every operation ends in a definite answer, and the history
 * must be linearizable against {@link Spec}: one owner per child, copies counted per core, a
 * retype refused while its quarter has a child, a revoke that removes every copy everywhere.
 */
@Param(name = "core", gen = IntGen.class, conf = "0:3")
@Param(name = "quarter", gen = IntGen.class, conf = "0:1")
public class CapsLincheckScenario {
    static final int CORES = 4;
    static final long QUARTER = CapsScenario.REGION / 4;

    /** Answers, the same in the implementation and in {@link Spec}. */
    static final int OK = 0, NONE = 1, REFUSED = 2;

    private final RunningMachine rm;
    private final long root;
    /** The live child of each quarter as the clients know it (0: none); written before a retype's answer is returned. */
    private final AtomicLongArray child = new AtomicLongArray(4);

    public CapsLincheckScenario() {
        this(Set.of());
    }

    CapsLincheckScenario(Set<CapsFault> faults) {
        rm = RunningMachine.replacing(CORES, m -> Caps.install(m, faults));
        root = rm.read(0, k -> Caps.of(k).mint(CapType.RAM, 0, CapsScenario.REGION));
        for (int c = 1; c < CORES; c++) {
            int to = c;
            if (!rm.call(0, k -> Caps.of(k).copy(root, to)).succeeded()) throw new IllegalStateException("setup copy failed");
        }
    }

    private static boolean busy(Outcome<Long> o) {
        return o instanceof Outcome.Failure<Long> f && f.reason() == Outcome.Reason.RETRY;
    }

    private static Outcome.Reason reason(Outcome<Long> o) {
        return o instanceof Outcome.Failure<Long> f ? f.reason() : null;
    }

    /** Retypes quarter {@code q} of R on {@code core}: OK, or REFUSED when the quarter has a child (a member voted no). */
    @Operation
    public int retype(@Param(name = "core") int core, @Param(name = "quarter") int q) {
        Outcome<Long> o = rm.callUntil(core, k -> Caps.of(k).retype(root, CapType.FRAME, q * QUARTER, QUARTER), CapsLincheckScenario::busy);
        if (o instanceof Outcome.Success<Long> s) {
            child.set(q, s.value());
            return OK;
        }
        if (reason(o) == Outcome.Reason.ABORTED) return REFUSED;
        throw new AssertionError("retype: " + o);
    }

    /** Copies quarter {@code q}'s child from {@code core} to the next core: OK, or NONE when {@code core} holds none. */
    @Operation
    public int copy(@Param(name = "core") int core, @Param(name = "quarter") int q) {
        long id = child.get(q);
        int to = (core + 1) % CORES;
        if (id == 0) return NONE;
        Outcome<Long> o = rm.callUntil(core, k -> Caps.of(k).copy(id, to), CapsLincheckScenario::busy);
        // ABORTED: the copy was sent and deleted on arrival by a revoke in progress, as if made just before it
        if (o.succeeded() || reason(o) == Outcome.Reason.ABORTED) return OK;
        if (reason(o) == Outcome.Reason.CONFLICT) return NONE;
        throw new AssertionError("copy: " + o);
    }

    /** Deletes one copy of quarter {@code q}'s child on {@code core}: OK, NONE, or REFUSED for the owner's last copy there. */
    @Operation
    public int delete(@Param(name = "core") int core, @Param(name = "quarter") int q) {
        long id = child.get(q);
        if (id == 0) return NONE;
        Outcome<Long> o = rm.callUntil(core, k -> Caps.of(k).delete(id), CapsLincheckScenario::busy);
        if (o.succeeded()) return OK;
        if (reason(o) == Outcome.Reason.CONFLICT) {
            return o.toString().contains("last copy") ? REFUSED : NONE;
        }
        throw new AssertionError("delete: " + o);
    }

    /** Revokes quarter {@code q}'s child from {@code core}: OK, or NONE when {@code core} holds none (or another revoke won). */
    @Operation
    public int revoke(@Param(name = "core") int core, @Param(name = "quarter") int q) {
        long id = child.get(q);
        if (id == 0) return NONE;
        Outcome<Long> o = rm.callUntil(core, k -> Caps.of(k).revoke(id), CapsLincheckScenario::busy);
        if (o.succeeded()) {
            child.compareAndSet(q, id, 0);
            return OK;
        }
        // ABORTED: the owner had already revoked it (a concurrent revoke committed first)
        if (reason(o) == Outcome.Reason.CONFLICT || reason(o) == Outcome.Reason.ABORTED) return NONE;
        throw new AssertionError("revoke: " + o);
    }

    /** Copies of quarter {@code q}'s child that {@code core} holds (0 when none). */
    @Operation
    public int held(@Param(name = "core") int core, @Param(name = "quarter") int q) {
        long id = child.get(q);
        if (id == 0) return 0;
        return rm.read(core, k -> {
            Capability c = Caps.of(k).db().get(id);
            return c == null ? 0 : c.count();
        });
    }

    static StressOptions options(int iterations, int invocations) {
        return new StressOptions().iterations(iterations).invocationsPerIteration(invocations).threads(3).actorsPerThread(3)
                .actorsBefore(2).actorsAfter(2).sequentialSpecification(Spec.class);
    }

    /** Members vote yes without looking for overlapping descendants: a retype of a quarter that has a child commits. */
    public static class VoteMissesOverlap extends CapsLincheckScenario {
        public VoteMissesOverlap() {
            super(Set.of(CapsFault.VOTE_MISSES_OVERLAP));
        }
    }

    /** The owner neither takes nor checks its lock: two concurrent retypes of one quarter may both commit. */
    public static class CommitWithoutLock extends CapsLincheckScenario {
        public CommitWithoutLock() {
            super(Set.of(CapsFault.COMMIT_WITHOUT_LOCK));
        }
    }

    /** The sequential specification: per quarter, the child's owner and its copies per core. */
    public static final class Spec {
        private final Map<Integer, Integer> owner = new HashMap<>();
        private final Map<Integer, int[]> copies = new HashMap<>();

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
