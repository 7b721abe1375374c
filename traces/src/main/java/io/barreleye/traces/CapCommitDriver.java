package io.barreleye.traces;

import io.barreleye.caps.CapType;
import io.barreleye.caps.Caps;
import io.barreleye.caps.CapsFault;
import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.runtime.CoreRuntime;
import io.barreleye.topology.Machines;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs of the capability protocols recorded through {@link CapCommitMapping}, restricted to what
 * specs/CapCommit.tla models: one region's capability and only operations on it (no descendants
 * copied or retyped), at most MaxCopies copies (a fifth of them to the copying core itself; a move
 * to a core without a copy makes one too; a delete gives one back), retypes of ranges of whole
 * parts of the region (the halves, or the whole region: one that overlaps a live retype is
 * refused by the vote of the core holding it, one beside it commits), deletes (not by the
 * requester of a retype in progress, whose commit would then install nothing, nor while a move is
 * in progress, whose new owner could then install one copy more than the bound allows), moves to
 * any core but not beside a revoke, no crashes. In the simulation or on threads.
 */
public final class CapCommitDriver {
    public static final int CORES = 3;
    /** The copy bound of the tests' runs; verify uses CapCommit_large.cfg's, 2. */
    public static final int MAX_COPIES = 4;
    /** The region in halves, as CapCommit.cfg's ranges: retypes of either half or of the whole region. */
    public static final int PARTS = 2;
    public static final long REGION_BYTES = 1L << 16;

    private CapCommitDriver() {}

    /** A machine of three cores with capabilities, the region minted on core 0, recorded. */
    public static final class Rig {
        public final CoreRuntime rt;
        public final Machine m;
        public final long region;
        public final CapCommitMapping map;
        public final ChannelTraces channels;

        public Rig(CoreRuntime rt, Set<CapsFault> faults) {
            this(rt, faults, MAX_COPIES, PARTS);
        }

        /** A rig whose model has at most {@code maxCopies} copies and the region in {@code parts} parts. */
        public Rig(CoreRuntime rt, Set<CapsFault> faults, int maxCopies, int parts) {
            this.rt = rt;
            channels = ChannelTraces.on(rt, Generation.EPOCH_ACK, 8);
            m = Machine.boot(Machines.named("amd-4x4"), CORES, Generation.EPOCH_ACK, 8, rt.clock(), channels);
            Caps.install(m, faults);
            region = Caps.of(m.kernel(0)).mint(CapType.RAM, 0, REGION_BYTES);
            map = new CapCommitMapping(CORES, maxCopies, region).parts(parts).observe(m);
            Caps.setRecorder(m, map);
        }

        /** Starts {@code op} on {@code core}'s kernel thread; the future completes with its outcome. */
        public CompletableFuture<Outcome<Long>> start(int core, Function<Caps, CompletableFuture<Outcome<Long>>> op) {
            CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
            m.kernel(core).post(() -> op.apply(Caps.of(m.kernel(core))).thenAccept(f::complete));
            return f;
        }

        /** Runs {@code op} to its outcome, then lets the messages it left in flight land. */
        public Outcome<Long> run(int core, Function<Caps, CompletableFuture<Outcome<Long>>> op) {
            CompletableFuture<Outcome<Long>> f = start(core, op);
            if (!rt.run(m, f, rt.budget(1_000_000))) throw new IllegalStateException("operation did not resolve");
            settle();
            return f.join();
        }

        /** Runs the machine until it is quiet (100,000 simulation steps at the most, or their time on threads). */
        public void settle() {
            rt.runFor(m, 100_000);
        }

        public boolean holds(int core) {
            return Caps.of(m.kernel(core)).db().get(region) != null;
        }

        /** The copies of the region {@code core}'s replica holds. */
        public int count(int core) {
            return Caps.of(m.kernel(core)).db().copies().getOrDefault(region, 0);
        }
    }

    /**
     * The restricted random driver: {@code ops} operations on the region from random cores, up to
     * three at a time.
     *
     * @throws IllegalStateException when an operation never resolves or a move fails
     */
    public static Rig drive(CoreRuntime rt, long seed, int ops) {
        return drive(rt, seed, ops, MAX_COPIES, PARTS);
    }

    /**
     * As above, with at most {@code maxCopies} copies (the original counted), the spec's MaxCopies,
     * and retypes of ranges of the region in {@code parts} parts (its Ranges: every range of them).
     */
    public static Rig drive(CoreRuntime rt, long seed, int ops, int maxCopies, int parts) {
        Rig rig = new Rig(rt, Set.of(), maxCopies, parts);
        SplittableRandom rnd = new SplittableRandom(seed * 131 + 17);
        long part = REGION_BYTES / parts;
        record Open(String kind, int core, CompletableFuture<Outcome<Long>> f) {}
        List<Open> open = new ArrayList<>();
        java.util.function.Predicate<String> anyOpen = kind -> open.stream().anyMatch(o -> o.kind().equals(kind));
        int started = 0;
        int copyBudget = maxCopies - 1;
        boolean revoked = false;
        for (int iter = 0; iter < 200_000 && (started < ops || !open.isEmpty()); iter++) {
            for (Open o : List.copyOf(open)) {
                if (!o.f().isDone()) continue;
                open.remove(o);
                if (o.kind().equals("revoke") && o.f().join().succeeded()) revoked = true;
                if (o.kind().equals("delete") && o.f().join().succeeded()) copyBudget++; // one copy fewer
            }
            if (started < ops && open.size() < 3 && rnd.nextInt(3) == 0) {
                int k = rnd.nextInt(CORES);
                int other = rnd.nextInt(5) == 0 ? k : (k + 1 + rnd.nextInt(CORES - 1)) % CORES;
                int r = rnd.nextInt(100);
                boolean retypeOpen = anyOpen.test("retype");
                boolean revokeOpen = anyOpen.test("revoke");
                boolean moveOpen = anyOpen.test("move");
                boolean retyping = open.stream().anyMatch(o -> o.kind().equals("retype") && o.core() == k);
                // a copy it may delete: not the owner's last (that one is refused, with no step)
                boolean deletable = rig.holds(k) && (k != rig.map.ownerCore() || rig.count(k) > 1);
                started++;
                if (!rig.holds(k) || revoked) {
                    // nothing to do on this core: a step of the machine instead
                } else if (deletable && !retyping && !moveOpen && rnd.nextInt(3) == 0) {
                    open.add(new Open("delete", k, rig.start(k, c -> c.delete(rig.region))));
                } else if (r < 45) {
                    if (copyBudget > 0) {
                        copyBudget--;
                        open.add(new Open("copy", k, rig.start(k, c -> c.copy(rig.region, other))));
                    }
                } else if (r < 70) {
                    if (!retypeOpen) {
                        int lo = rnd.nextInt(parts), len = 1 + rnd.nextInt(parts - lo);
                        open.add(new Open("retype", k, rig.start(k, c -> c.retype(rig.region, CapType.FRAME, lo * part, len * part))));
                    }
                } else if (r < 88) {
                    // while copies are on the way (the spec's Copy runs until the owner update arrives), to a
                    // core with or without a copy; not beside a revoke, which could take the new owner's copy
                    // before the move starts
                    int d = rnd.nextInt(CORES);
                    boolean deleteOpen = anyOpen.test("delete");
                    if (!moveOpen && !revokeOpen && !deleteOpen && d != rig.map.ownerCore() && (rig.holds(d) || copyBudget > 0)) {
                        if (!rig.holds(d)) copyBudget--; // the new owner will install one more copy
                        open.add(new Open("move", k, rig.start(k, c -> c.move(rig.region, d))));
                    }
                } else if (started > ops / 2 && !revokeOpen) {
                    open.add(new Open("revoke", k, rig.start(k, c -> c.revoke(rig.region))));
                }
            }
            rig.rt.runFor(rig.m, 1 + rnd.nextInt(8));
        }
        if (!open.isEmpty()) throw new IllegalStateException("seed " + seed + ": unresolved " + open);
        rig.settle();
        rig.map.quiesce(rig.m); // the machine has stopped: every replica is read at once
        return rig;
    }
}
