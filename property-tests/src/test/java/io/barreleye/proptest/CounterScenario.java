package io.barreleye.proptest;

import io.barreleye.kernel.Invariant;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.Scenario;
import io.barreleye.kernel.ScenarioOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A replicated counter, to test the harness itself: an increment is applied locally and sent to
 * every other core; with the bug switch on, a receiver applies it twice. The invariant says no
 * replica counts more increments than were issued.
 */
final class CounterScenario implements Scenario {
    static final int INC = 120;
    private final boolean bug;
    private final long[] issued = new long[1];

    CounterScenario(boolean bug) {
        this.bug = bug;
    }

    static final class Replica {
        long value;
    }

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public void install(Machine m) {
        m.installOnEveryCore(k -> {
            k.attach(Replica.class, new Replica());
            k.on(INC, (kk, msg, len) -> kk.get(Replica.class).value += bug && msg[1] % 3 == 2 ? 2 : 1);
        });
    }

    @Override
    public ScenarioOp randomOp(SplittableRandom rnd, Machine m) {
        return new ScenarioOp(rnd.nextInt(m.size()), "inc", rnd.nextInt(5), 0);
    }

    @Override
    public CompletableFuture<? extends Outcome<?>> start(Machine m, ScenarioOp op) {
        CompletableFuture<Outcome<Void>> f = new CompletableFuture<>();
        Kernel k = m.kernel(op.core());
        issued[0]++;
        k.post(() -> {
            k.get(Replica.class).value++;
            for (Kernel other : m.live()) {
                if (other.id() != k.id()) k.send(other.id(), INC, op.a(), 0, 0);
            }
            f.complete(Outcome.success(null));
        });
        return f;
    }

    @Override
    public List<Invariant> invariants() {
        List<Invariant> out = new ArrayList<>();
        out.add(new Invariant() {
            @Override
            public String name() {
                return "NoOvercount";
            }

            @Override
            public String check(Machine m) {
                for (Kernel k : m.live()) {
                    if (k.get(Replica.class).value > issued[0]) {
                        return "core " + k.id() + " counts " + k.get(Replica.class).value + " of " + issued[0] + " increments";
                    }
                }
                return null;
            }
        });
        return out;
    }
}
