package io.barreleye.vm;

import io.barreleye.kernel.Invariant;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.Scenario;
import io.barreleye.kernel.ScenarioOp;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The unmap protocol for the randomized stateful suite: maps, unmaps and touches from random
 * cores on a few pages (two per home core) and frames (two per home core), so that frames are
 * reused and touches race with shootdowns.
 */
public final class VmScenario implements Scenario {
    public static final int PAGES_PER_CORE = 2;
    public static final int FRAMES_PER_CORE = 2;

    private final Set<VmFault> faults;
    private final TreeShape shape;

    public VmScenario(Set<VmFault> faults, TreeShape shape) {
        this.faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        this.shape = shape;
    }

    @Override
    public String name() {
        return "vm-shootdown(" + shape + (faults.isEmpty() ? "" : ", faults " + faults) + ")";
    }

    @Override
    public void install(Machine m) {
        Vm.install(m, shape, faults, FRAMES_PER_CORE);
    }

    @Override
    public ScenarioOp randomOp(SplittableRandom rnd, Machine m) {
        int n = m.size();
        long page = rnd.nextInt(n * PAGES_PER_CORE);
        int home = (int) (page % n);
        int dice = rnd.nextInt(100);
        if (dice < 30) return new ScenarioOp(home, "map", page, home + (long) n * rnd.nextInt(FRAMES_PER_CORE));
        if (dice < 55) return new ScenarioOp(home, "unmap", page, 0);
        return new ScenarioOp(rnd.nextInt(n), "touch", page, 0);
    }

    @Override
    public CompletableFuture<? extends Outcome<?>> start(Machine m, ScenarioOp op) {
        CompletableFuture<Outcome<Long>> out = new CompletableFuture<>();
        if (!m.isAlive(op.core())) {
            out.complete(Outcome.failure(Outcome.Reason.CORE_FAILED, "core " + op.core() + " is not alive"));
            return out;
        }
        Kernel k = m.kernel(op.core());
        k.post(() -> {
            Vm vm = Vm.of(k);
            switch (op.kind()) {
                case "map" -> vm.map(op.a(), op.b()).thenAccept(out::complete);
                case "unmap" -> vm.unmap(op.a()).thenAccept(out::complete);
                case "touch" -> out.complete(Outcome.success(vm.touch(op.a())));
                default -> throw new IllegalArgumentException("unknown op " + op);
            }
        });
        return out;
    }

    @Override
    public List<Invariant> invariants() {
        return VmInvariants.all();
    }

    /** Shootdown.tla's quiescent state on every live core: no page being unmapped, no core waiting for acks. */
    @Override
    public String quiescent(Machine m) {
        long pages = (long) m.size() * PAGES_PER_CORE;
        for (Kernel k : m.live()) {
            Vm vm = Vm.of(k);
            if (vm == null) continue;
            for (long v = 0; v < pages; v++) {
                if (vm.protocol().phase(v) != UnmapProtocol.Phase.IDLE) return "core " + k.id() + " is still unmapping page " + v;
                if (vm.protocol().st(v) != UnmapProtocol.St.IDLE) {
                    return "core " + k.id() + " still waits for acks of page " + v + " from " + vm.protocol().waiting(v);
                }
            }
        }
        return null;
    }
}
