package io.barreleye.vm;

import io.barreleye.kernel.Outcome;
import io.barreleye.runtime.CallerDrivenMachine;
import io.barreleye.runtime.MachineClient;
import io.barreleye.runtime.RunningMachine;
import java.util.HashSet;
import java.util.Set;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck over map, unmap and TLB lookups on 4 cores, the unmap shootdown travelling down a chain (the deepest tree
 * on 4 cores). Page {@code p} (0 or 1) is mapped by its home core {@code p} to frame {@code p};
 * a lookup ({@link Vm#touch}) may run on any core and fills that core's TLB. Against {@link Spec},
 * a page table: a lookup of an unmapped page misses, so in particular a lookup after an unmap
 * completed misses on every core (the shootdown's guarantee), and a hit is the page's frame. A
 * lookup of a mapped page may also miss ({@link Lookup}): the protocol promises no more, since a
 * replica learns of a map by a message the map does not wait for, and an unmap clears the home
 * before the other cores (a miss at the home may precede a hit elsewhere while it runs).
 *
 * <p>A map completes at the home and replicas learn of it by a message it does not wait for (no
 * TLB can hold an entry for an unmapped page, so a map needs no shootdown). The client's map
 * therefore waits until every core has seen the map's generation (installed it, or an unmap of
 * it overtook it) before it returns: then lookups after it hit on every core and fill remote TLBs,
 * the entries a later shootdown must invalidate. Busy answers (the page is being unmapped) are
 * retried by the client.
 *
 * <p>Two runtimes run it: stress mode on {@link RunningMachine} (one
 * {@link io.barreleye.runtime.ThreadRuntime} thread per core, outside Lincheck's control), and
 * model checking on {@link CallerDrivenMachine} (the {@code CallerDriven} subclasses: Lincheck's
 * threads run the kernels, so the model checker schedules every core's message handling).
 */
@Param(name = "core", gen = IntGen.class, conf = "0:3")
@Param(name = "page", gen = IntGen.class, conf = "0:1")
public class VmLincheckScenario {
    static final int CORES = 4;
    /** Answers of map and unmap, the same in the implementation and in {@link Spec}. */
    static final int OK = 0, CONFLICT = 1;

    private final MachineClient rm;

    public VmLincheckScenario() {
        this(RunningMachine::replacing, Set.of());
    }

    VmLincheckScenario(MachineClient.Boot boot, Set<VmFault> faults) {
        rm = boot.boot(CORES, m -> Vm.install(m, TreeShape.UNICAST, faults));
    }

    private static boolean busy(Outcome<Long> o) {
        return o instanceof Outcome.Failure<Long> f && f.reason() == Outcome.Reason.BUSY;
    }

    private static int answer(String op, Outcome<Long> o) {
        if (o.succeeded()) return OK;
        if (o instanceof Outcome.Failure<Long> f && f.reason() == Outcome.Reason.CONFLICT) return CONFLICT;
        throw new AssertionError(op + ": " + o);
    }

    /** Maps page {@code p} to frame {@code p} on its home, then waits for every replica: OK, or CONFLICT when it is mapped. */
    @Operation
    public int map(@Param(name = "page") int p) {
        // on success the value is the map's generation, read on the home in the same step as the map
        Outcome<Long> o = rm.callUntil(p, k -> Vm.of(k).map(p, p)
                .thenApply(m -> m.succeeded() ? Outcome.success(Vm.of(k).pageTable().generation(p)) : m), VmLincheckScenario::busy);
        if (o instanceof Outcome.Success<Long> s) {
            for (int c = 0; c < CORES; c++) {
                int core = c;
                rm.await(() -> rm.read(core, k -> Vm.of(k).pageTable().seen(p)) >= s.value(), "core " + c + " to see map " + s.value());
            }
        }
        return answer("map", o);
    }

    /** Unmaps page {@code p} (a shootdown on every core): OK once every core acked, or CONFLICT when it is not mapped. */
    @Operation
    public int unmap(@Param(name = "page") int p) {
        return answer("unmap", rm.callUntil(p, k -> Vm.of(k).unmap(p), VmLincheckScenario::busy));
    }

    /** A memory access to page {@code p} on {@code core}: the frame, or a miss. */
    @Operation
    public Lookup touch(@Param(name = "core") int core, @Param(name = "page") int p) {
        return new Lookup(rm.read(core, k -> Vm.of(k).touch(p)), false);
    }

    static StressOptions options(int iterations, int invocations) {
        return new StressOptions().iterations(iterations).invocationsPerIteration(invocations).threads(3).actorsPerThread(3)
                .actorsBefore(2).actorsAfter(2).sequentialSpecification(Spec.class);
    }

    /** Only the home core flushes its TLB: a lookup on another core after the unmap still hits. */
    public static class RemoteTlbKept extends VmLincheckScenario {
        public RemoteTlbKept() {
            super(RunningMachine::replacing, Set.of(VmFault.REMOTE_TLB_KEPT));
        }
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
    public static class CallerDriven extends VmLincheckScenario {
        public CallerDriven() {
            super(CallerDrivenMachine::boot, Set.of());
        }
    }

    /** {@link RemoteTlbKept} on a {@link CallerDrivenMachine}. */
    public static class CallerDrivenRemoteTlbKept extends VmLincheckScenario {
        public CallerDrivenRemoteTlbKept() {
            super(CallerDrivenMachine::boot, Set.of(VmFault.REMOTE_TLB_KEPT));
        }
    }

    /** A core acks its parent before it invalidates its replica and TLB (the unmap can complete while a remote TLB still translates the page). */
    public static class CallerDrivenAckBeforeInvalidate extends VmLincheckScenario {
        public CallerDrivenAckBeforeInvalidate() {
            super(CallerDrivenMachine::boot, Set.of(VmFault.ACK_BEFORE_INVALIDATE));
        }
    }

    /**
     * The answer of a lookup: a frame or {@link PageTable#NO_FRAME}. An answer the specification
     * gives with {@code missAllowed} (the page is mapped) also matches a miss. Equality is
     * symmetric, and the hash ignores the frame, as a relation that is not transitive needs.
     */
    public static final class Lookup {
        final long frame;
        final boolean missAllowed;

        Lookup(long frame, boolean missAllowed) {
            this.frame = frame;
            this.missAllowed = missAllowed;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Lookup l)) return false;
            return frame == l.frame || (missAllowed && l.frame == PageTable.NO_FRAME) || (l.missAllowed && frame == PageTable.NO_FRAME);
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String toString() {
            if (frame == PageTable.NO_FRAME) return "miss";
            return missAllowed ? "frame " + frame + " or miss" : "frame " + frame;
        }
    }

    /** The sequential specification: the set of mapped pages (page p maps to frame p). */
    public static final class Spec {
        private final Set<Integer> mapped = new HashSet<>();

        public int map(int p) {
            return mapped.add(p) ? OK : CONFLICT;
        }

        public int unmap(int p) {
            return mapped.remove(p) ? OK : CONFLICT;
        }

        public Lookup touch(int core, int p) {
            return mapped.contains(p) ? new Lookup(p, true) : new Lookup(PageTable.NO_FRAME, false);
        }
    }
}
