package io.barreleye.membership;

import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.runtime.Latencies;
import io.barreleye.runtime.Workload;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * "membership": churn. Every core runs {@code rounds} steps one after another, each a
 * single-phase commit ({@link ViewOp#startOp}); every third core leaves now and then (power
 * management) and asks to join again at its next step; core 0 hot-plugs a spare core halfway,
 * which joins and runs the same loop. A step's latency is from its start to its resolution. Done
 * when every core finished its loop or crashed (the runtime's crashes: SimRuntime.crashAt).
 */
public final class MembershipWorkload implements Workload {
    private final int rounds;
    private final Set<MembershipFault> faults;
    private final List<Latencies> latencies = new CopyOnWriteArrayList<>();
    private final Map<Integer, CompletableFuture<Void>> perCore = new ConcurrentHashMap<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicInteger resolved = new AtomicInteger();

    public MembershipWorkload(int rounds) {
        this(rounds, Set.of());
    }

    public MembershipWorkload(int rounds, Set<MembershipFault> faults) {
        this.rounds = rounds;
        this.faults = faults;
    }

    @Override
    public String name() {
        return "membership";
    }

    /** Steps (operations, joins, leaves) resolved so far. */
    public int resolved() {
        return resolved.get();
    }

    @Override
    public CompletableFuture<Void> start(Machine m) {
        if (m.kernel(0).get(Membership.class) == null) Membership.install(m, faults);
        outstanding.incrementAndGet(); // held until every initial core has started
        for (Kernel k : m.live()) launch(m, k);
        m.installOnEveryCore(k -> Membership.of(k).onDeath(c -> {
            CompletableFuture<Void> f = perCore.get(c);
            if (f != null) f.complete(null);
        }));
        if (outstanding.decrementAndGet() == 0) done.complete(null);
        return done;
    }

    private void launch(Machine m, Kernel k) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (perCore.putIfAbsent(k.id(), f) != null) return;
        outstanding.incrementAndGet();
        f.whenComplete((v, e) -> {
            if (outstanding.decrementAndGet() == 0) done.complete(null);
        });
        Latencies lat = new Latencies();
        latencies.add(lat);
        k.post(() -> next(m, k, 0, f, lat));
    }

    private void next(Machine m, Kernel k, int i, CompletableFuture<Void> f, Latencies lat) {
        if (i >= rounds || f.isDone()) {
            f.complete(null);
            return;
        }
        Membership ms = Membership.of(k);
        long t0 = k.now();
        CompletableFuture<? extends Outcome<?>> step;
        if (!ms.isMember()) {
            step = ms.requestJoin();
        } else if (k.id() % 3 == 2 && i % 7 == 3) {
            step = ms.leave();
        } else {
            step = ViewOp.of(k).startOp();
        }
        if (k.id() == 0 && i == rounds / 2 && m.size() < m.topology().size()) {
            Kernel added = m.addCore();
            launch(m, added);
        }
        step.whenComplete((o, e) -> {
            resolved.incrementAndGet();
            lat.add(k.now() - t0);
            k.later(() -> next(m, k, i + 1, f, lat));
        });
    }

    @Override
    public List<Latencies> latencies() {
        return latencies;
    }
}
