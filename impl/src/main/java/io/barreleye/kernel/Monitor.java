package io.barreleye.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The per-core monitor: runs the cross-core operations, each split-phase: the caller gets a
 * future of an {@link Outcome} at once and the answer completes it later, on this core. Today it
 * runs the round-trip probe; the replication protocols (capabilities, unmap, membership) plug in
 * the same way.
 */
public final class Monitor {
    private final Kernel kernel;
    /** A ping waiting for its answer, and the core it went to. */
    private record Pending(int peer, CompletableFuture<Outcome<Long>> future) {}

    private final Map<Long, Pending> pendingPings = new HashMap<>();
    private long nextOp = 1;

    Monitor(Kernel kernel) {
        this.kernel = kernel;
        kernel.on(MessageType.PING, (k, m, len) -> k.send(Messages.from(m[0]), MessageType.PONG, m[1], m[2], 0));
        kernel.on(MessageType.PONG, (k, m, len) -> {
            Pending p = pendingPings.remove(m[1]);
            if (p != null) p.future().complete(Outcome.success(k.now() - m[2]));
        });
    }

    /** Split-phase round trip to {@code peer}: completes with the round-trip time in clock units. */
    public CompletableFuture<Outcome<Long>> ping(int peer) {
        CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
        if (!kernel.connected(peer)) {
            f.complete(Outcome.failure(Outcome.Reason.NO_SUCH_CORE, "core " + kernel.id() + " has no channel to " + peer));
            return f;
        }
        long op = nextOp++;
        pendingPings.put(op, new Pending(peer, f));
        kernel.send(peer, MessageType.PING, op, kernel.now(), 0);
        return f;
    }

    /** Fails every operation waiting on {@code peer}, which has crashed or left: none is left hanging. */
    void peerFailed(int peer) {
        pendingPings.values().removeIf(p -> {
            if (p.peer() != peer) return false;
            p.future().complete(Outcome.failure(Outcome.Reason.CORE_FAILED, "core " + peer + " failed"));
            return true;
        });
    }
}
