package io.barreleye.runtime;

import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An all-to-all message storm: every core sends {@code perPeer} messages to every other core at
 * once (busy rings push the rest into the send queues); a message's latency is from its send to
 * its receipt. Done when every core has received all messages addressed to it.
 */
public final class StormWorkload implements Workload {
    private final int perPeer;
    private final List<Latencies> latencies = new ArrayList<>();

    public StormWorkload(int perPeer) {
        this.perPeer = perPeer;
    }

    @Override
    public String name() {
        return "storm";
    }

    @Override
    public CompletableFuture<Void> start(Machine m) {
        int n = m.size();
        if (n < 2) throw new IllegalArgumentException("storm needs at least 2 cores");
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long expected = (long) (n - 1) * perPeer;
        for (int i = 0; i < n; i++) {
            Kernel k = m.kernel(i);
            Latencies lat = new Latencies();
            latencies.add(lat);
            CompletableFuture<Void> done = new CompletableFuture<>();
            all.add(done);
            long[] got = {0};
            k.on(MessageType.STORM, (kk, msg, len) -> {
                lat.add(kk.now() - msg[2]);
                if (++got[0] == expected) done.complete(null);
            });
            k.post(() -> {
                for (int round = 0; round < perPeer; round++) {
                    for (int peer = 0; peer < n; peer++) {
                        if (peer != k.id()) k.send(peer, MessageType.STORM, round, k.now(), 0);
                    }
                }
            });
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture[0]));
    }

    @Override
    public List<Latencies> latencies() {
        return latencies;
    }
}
