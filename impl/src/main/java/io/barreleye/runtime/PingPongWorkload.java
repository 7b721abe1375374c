package io.barreleye.runtime;

import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Round trips: core 2i pings core 2i+1, {@code rounds} times, one at a time, through the
 * monitor's split-phase ping; each round trip's time is a latency sample.
 */
public final class PingPongWorkload implements Workload {
    private final int rounds;
    private final List<Latencies> latencies = new ArrayList<>();

    public PingPongWorkload(int rounds) {
        this.rounds = rounds;
    }

    @Override
    public String name() {
        return "ping-pong";
    }

    @Override
    public CompletableFuture<Void> start(Machine m) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i + 1 < m.size(); i += 2) {
            Kernel k = m.kernel(i);
            int peer = i + 1;
            Latencies lat = new Latencies();
            latencies.add(lat);
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            k.post(() -> round(k, peer, rounds, lat, done));
        }
        if (all.isEmpty()) throw new IllegalArgumentException("ping-pong needs at least 2 cores");
        return CompletableFuture.allOf(all.toArray(new CompletableFuture[0]));
    }

    private void round(Kernel k, int peer, int left, Latencies lat, CompletableFuture<Void> done) {
        if (left == 0) {
            done.complete(null);
            return;
        }
        k.monitor().ping(peer).thenAccept(o -> {
            if (o instanceof Outcome.Success<Long> s) {
                lat.add(s.value());
                round(k, peer, left - 1, lat, done);
            } else {
                done.completeExceptionally(new IllegalStateException("ping failed: " + o));
            }
        });
    }

    @Override
    public List<Latencies> latencies() {
        return latencies;
    }
}
