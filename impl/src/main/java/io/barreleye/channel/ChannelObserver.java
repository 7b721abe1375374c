package io.barreleye.channel;

/**
 * Watches the protocol steps of one duplex URPC channel, for tests and refinement mappings (the
 * traces module maps them to specs/Urpc.tla); never needed on the data path.
 *
 * <p>A channel created with an observer runs every call of either endpoint under one lock (the
 * observer object), so each step is atomic with respect to the other side and the order of
 * {@link #step} calls is an order the two sides could have run in. A channel without one takes
 * no lock and pays one null check per call.
 */
@FunctionalInterface
public interface ChannelObserver {
    /**
     * Called after each step, named as the spec's actions: {@code Send}, {@code SendBusy}
     * ({@code trySend} answered busy), {@code SendAck} and {@code RecvAck} (generation A's
     * explicit ACK, never seen by the user), {@code Recv}.
     *
     * @param endpoint the side that took the step, read-only, as it is just after the step
     */
    void step(String action, EndpointState endpoint);
}
