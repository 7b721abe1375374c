package io.barreleye.vm;

import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.runtime.Latencies;
import io.barreleye.runtime.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * "map-unmap": every core (or only core 0, see {@link #singleInitiator}) maps one of its own pages
 * to one of its own frames, touches it, and unmaps it, {@code rounds} times; each unmap's latency
 * (clock units: simulation steps or nanoseconds) is a sample. Between the map and the unmap every
 * other live core touches the page once its replica has it, so that shootdowns have remote TLB
 * entries to remove.
 */
public final class VmWorkload implements Workload {
    private final int rounds;
    private final TreeShape shape;
    private final boolean allCores;
    private final List<Latencies> latencies = new ArrayList<>();

    public VmWorkload(int rounds, TreeShape shape) {
        this(rounds, shape, true);
    }

    private VmWorkload(int rounds, TreeShape shape, boolean allCores) {
        this.rounds = rounds;
        this.shape = shape;
        this.allCores = allCores;
    }

    /** Only core 0 maps and unmaps (the latency of one shootdown on an otherwise idle machine). */
    public static VmWorkload singleInitiator(int rounds, TreeShape shape) {
        return new VmWorkload(rounds, shape, false);
    }

    @Override
    public String name() {
        return "map-unmap";
    }

    @Override
    public CompletableFuture<Void> start(Machine m) {
        if (Vm.of(m.kernel(0)) == null) Vm.install(m, shape, Set.of());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Kernel k : m.live()) {
            if (!allCores && k.id() != 0) continue;
            if (k.id() >= m.size()) continue;
            Latencies lat = new Latencies();
            latencies.add(lat);
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            m.onRemoved(k.id(), () -> done.complete(null)); // a crashed core's rounds end with it
            k.post(() -> round(k, rounds, lat, done));
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture[0]));
    }

    private void round(Kernel k, int left, Latencies lat, CompletableFuture<Void> done) {
        if (left == 0) {
            done.complete(null);
            return;
        }
        Vm vm = Vm.of(k);
        long page = k.id();   // home: this core
        long frame = k.id();  // owned by this core
        vm.map(page, frame).thenAccept(mo -> {
            if (!mo.succeeded()) {
                done.completeExceptionally(new IllegalStateException("map failed on core " + k.id() + ": " + mo));
                return;
            }
            vm.touch(page);
            touchEverywhere(k, page).thenRun(() -> k.post(() -> unmapRound(k, vm, page, left, lat, done)));
        });
    }

    /**
     * Every other live core in the home's view touches the page once its replica has the mapping (or gives up after
     * {@link #TOUCH_TRIES} local steps: its core may be slow to learn it), so that the unmap has
     * remote TLB entries to shoot down. Done when every core has tried.
     */
    private static CompletableFuture<Void> touchEverywhere(Kernel home, long page) {
        List<CompletableFuture<Void>> touched = new ArrayList<>();
        for (Kernel d : home.machine().live()) {
            if (d.id() == home.id() || d.id() >= home.machine().size()) continue;
            CompletableFuture<Void> t = new CompletableFuture<>();
            touched.add(t);
            home.machine().onRemoved(d.id(), () -> t.complete(null));
            int h = home.id();
            d.post(() -> touchWhenMapped(d, h, page, TOUCH_TRIES, t));
        }
        return CompletableFuture.allOf(touched.toArray(new CompletableFuture[0]));
    }

    /** Whether {@code d}'s current view holds both cores (a core outside the view runs no user work). */
    private static boolean inViewTogether(Kernel d, int home) {
        io.barreleye.kernel.View v = d.view();
        return v == null || (v.contains(d.id()) && v.contains(home));
    }

    /** Local steps a core waits for a page's mapping to reach its replica before it stops trying to touch it. */
    static final int TOUCH_TRIES = 64;

    /** On core {@code d}: touches the page while {@code d} and the home share its view, until its replica has the mapping. */
    private static void touchWhenMapped(Kernel d, int home, long page, int tries, CompletableFuture<Void> t) {
        if (tries == 0 || !inViewTogether(d, home) || Vm.of(d).touch(page) != PageTable.NO_FRAME) {
            t.complete(null);
        } else {
            d.later(() -> touchWhenMapped(d, home, page, tries - 1, t));
        }
    }

    private void unmapRound(Kernel k, Vm vm, long page, int left, Latencies lat, CompletableFuture<Void> done) {
        long t0 = k.now();
        vm.unmap(page).thenAccept(uo -> {
            if (uo instanceof Outcome.Success<Long>) {
                lat.add(k.now() - t0);
                k.later(() -> round(k, left - 1, lat, done));
            } else {
                done.completeExceptionally(new IllegalStateException("unmap failed on core " + k.id() + ": " + uo));
            }
        });
    }

    @Override
    public List<Latencies> latencies() {
        return latencies;
    }
}
