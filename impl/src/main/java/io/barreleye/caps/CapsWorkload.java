package io.barreleye.caps;

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
 * Capability churn from every core at once: each core mints a region and, for {@code rounds}
 * rounds, retypes a quarter of it (a two-phase commit that asks every core: the latency sample),
 * revokes the new capability (mark and commit on every core) and copies its region to the next
 * core. Busy answers are retried at a later step.
 */
public final class CapsWorkload implements Workload {
    private final int rounds;
    private final List<Latencies> latencies = new ArrayList<>();

    public CapsWorkload(int rounds) {
        this.rounds = rounds;
    }

    @Override
    public String name() {
        return "caps";
    }

    @Override
    public CompletableFuture<Void> start(Machine m) {
        if (m.kernel(0).get(Caps.class) == null) Caps.install(m, Set.of());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        List<Kernel> live = m.live();
        for (Kernel k : live) {
            Latencies lat = new Latencies();
            latencies.add(lat);
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            m.onRemoved(k.id(), () -> done.complete(null)); // a crashed core's churn ends with it
            int next = live.get((live.indexOf(k) + 1) % live.size()).id();
            k.post(() -> {
                Caps c = Caps.of(k);
                long root = c.mint(CapType.RAM, (long) k.id() * CapsScenario.REGION, CapsScenario.REGION);
                new Churn(c, root, next, lat, done).retype(0);
            });
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture[0]));
    }

    private final class Churn {
        final Caps c;
        final long root;
        final int next;
        final Latencies lat;
        final CompletableFuture<Void> done;

        Churn(Caps c, long root, int next, Latencies lat, CompletableFuture<Void> done) {
            this.c = c;
            this.root = root;
            this.next = next;
            this.lat = lat;
            this.done = done;
        }

        void retype(int round) {
            if (round == rounds) {
                done.complete(null);
                return;
            }
            long t0 = c.kernel().now();
            long quarter = CapsScenario.REGION / 4;
            c.retype(root, CapType.FRAME, (round % 4) * quarter, quarter).thenAccept(o -> {
                if (o instanceof Outcome.Success<Long> s) {
                    lat.add(c.kernel().now() - t0);
                    revoke(round, s.value());
                } else if (retry(o)) {
                    c.kernel().later(() -> retype(round));
                } else {
                    fail("retype", o);
                }
            });
        }

        void revoke(int round, long cap) {
            c.revoke(cap).thenAccept(o -> {
                if (o.succeeded()) copy(round);
                else if (retry(o)) c.kernel().later(() -> revoke(round, cap));
                else fail("revoke", o);
            });
        }

        void copy(int round) {
            if (next == c.core()) {
                retype(round + 1);
                return;
            }
            c.copy(root, next).thenAccept(o -> {
                if (o.succeeded()) retype(round + 1);
                else if (retry(o)) c.kernel().later(() -> copy(round));
                else fail("copy", o);
            });
        }

        /**
         * Busy answers are retried; so are answers caused by membership churn: this core is out of
         * the view (it rejoins), the operation was aborted because a core left, or a core it
         * needed left the view but is still alive.
         */
        boolean retry(Outcome<Long> o) {
            if (!(o instanceof Outcome.Failure<Long> f)) return false;
            return switch (f.reason()) {
                case RETRY, NOT_MEMBER, ABORTED -> true;
                case CORE_FAILED, NO_SUCH_CORE -> c.kernel().machine().isAlive(next);
                default -> false;
            };
        }

        void fail(String what, Outcome<Long> o) {
            done.completeExceptionally(new IllegalStateException(what + " on core " + c.core() + " failed: " + o));
        }
    }

    @Override
    public List<Latencies> latencies() {
        return latencies;
    }
}
