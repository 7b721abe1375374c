package io.barreleye.caps;

import io.barreleye.kernel.Invariant;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.Scenario;
import io.barreleye.kernel.ScenarioOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The capability protocols as the randomized stateful suite drives them: a few RAM regions minted
 * on core 0, then retype / copy / move / delete / revoke (and now and then a fresh region) from
 * random cores. Retypes pick quarters of a capability, so overlapping requests are frequent.
 * {@link #randomOp} reads the replicas to pick capabilities a core holds, so call it only while
 * the simulation is paused.
 */
public final class CapsScenario implements Scenario {
    public static final long REGION = 1L << 16;

    private final Set<CapsFault> faults;
    private long regions;

    public CapsScenario(Set<CapsFault> faults) {
        this.faults = Set.copyOf(faults);
    }

    @Override
    public String name() {
        return "caps" + (faults.isEmpty() ? "" : " " + faults);
    }

    @Override
    public void install(Machine m) {
        Caps.install(m, faults);
        Caps c0 = Caps.of(m.kernel(0));
        for (int i = 0; i < 2; i++) c0.mint(CapType.RAM, (regions++) * REGION, REGION);
    }

    @Override
    public ScenarioOp randomOp(SplittableRandom rnd, Machine m) {
        List<Kernel> live = m.live();
        Kernel k = live.get(rnd.nextInt(live.size()));
        Caps c = Caps.of(k);
        List<Capability> held = new ArrayList<>(c.db.held());
        int other = live.get(rnd.nextInt(live.size())).id();
        if (held.isEmpty()) {
            // give this core something: a copy from a core that holds one, or a fresh region
            for (Kernel h : live) {
                List<Capability> hs = new ArrayList<>(Caps.of(h).db.held());
                if (!hs.isEmpty() && h.id() != k.id()) return new ScenarioOp(h.id(), "copy", hs.get(rnd.nextInt(hs.size())).id(), k.id());
            }
            return new ScenarioOp(k.id(), "mint", 0, 0);
        }
        Capability cap = held.get(rnd.nextInt(held.size()));
        int r = rnd.nextInt(100);
        if (r < 40) {
            int q = rnd.nextInt(4);
            int len = 1 + rnd.nextInt(4 - q);
            return new ScenarioOp(k.id(), "retype", cap.id(), q * 8L + len);
        }
        if (r < 62) return new ScenarioOp(k.id(), "copy", cap.id(), other);
        if (r < 72) return new ScenarioOp(k.id(), "move", cap.id(), other);
        if (r < 82) return new ScenarioOp(k.id(), "delete", cap.id(), 0);
        if (r < 97) return new ScenarioOp(k.id(), "revoke", cap.id(), 0);
        return new ScenarioOp(k.id(), "mint", 0, 0);
    }

    @Override
    public CompletableFuture<? extends Outcome<?>> start(Machine m, ScenarioOp op) {
        CompletableFuture<Outcome<Long>> out = new CompletableFuture<>();
        if (!m.isAlive(op.core())) {
            out.complete(Outcome.failure(Outcome.Reason.CORE_FAILED, "core " + op.core() + " is gone"));
            return out;
        }
        Kernel k = m.kernel(op.core());
        long base = op.kind().equals("mint") ? (regions++) * REGION : 0;
        k.post(() -> {
            Caps c = Caps.of(k);
            CompletableFuture<Outcome<Long>> f = switch (op.kind()) {
                case "retype" -> {
                    Capability cap = c.db.get(op.a());
                    long quarter = cap == null ? 1 : cap.size() / 4;
                    CapType t = CapType.values()[1 + (int) ((op.a() ^ op.b()) & 0xFFFF) % (CapType.values().length - 1)];
                    yield c.retype(op.a(), cap == null ? CapType.FRAME : t, (op.b() / 8) * quarter, (op.b() % 8) * quarter);
                }
                case "copy" -> c.copy(op.a(), (int) op.b());
                case "move" -> c.move(op.a(), (int) op.b());
                case "delete" -> c.delete(op.a());
                case "revoke" -> c.revoke(op.a());
                case "mint" -> CompletableFuture.completedFuture(Outcome.success(c.mint(CapType.RAM, base, REGION)));
                default -> throw new IllegalArgumentException("unknown op " + op);
            };
            f.whenComplete((o, e) -> out.complete(e == null ? o : Outcome.failure(Outcome.Reason.ABORTED, e.toString())));
        });
        return out;
    }

    @Override
    public List<Invariant> invariants() {
        return CapsInvariants.all();
    }

    @Override
    public String quiescent(Machine m) {
        return CapsInvariants.quiescent(m);
    }
}
