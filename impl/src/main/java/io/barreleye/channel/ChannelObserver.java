package io.barreleye.channel;

/**
 * Watches the protocol steps of one duplex URPC channel, for tests and refinement mappings (the
 * traces module maps them to specs/Urpc.tla); never needed on the data path.
 *
 * <p>Two ways to watch, chosen by {@link #locksChannel}. Locked (the default): a channel created
 * with the observer runs every call of either endpoint under one lock (the observer object), so
 * each step is atomic with respect to the other side and the order of {@link #step} calls is an
 * order the two sides could have run in; the observer may read the rings. Unlocked: the endpoints
 * take no lock, so on threads the two sides race as they would unobserved (memory-ordering bugs
 * included), and each endpoint calls {@link #step} from its own thread, concurrently with the
 * other; the observer must then keep each side's record apart and read only what the step reports
 * of the endpoint itself ({@link EndpointState}'s positions, the header it wrote or took and the
 * payload it wrote or copied out), never the rings. A channel without an observer takes no lock
 * and pays one null check per call.
 */
@FunctionalInterface
public interface ChannelObserver {
    /**
     * Called after each step, named as the spec's actions: {@code Send}, {@code SendBusy}
     * ({@code trySend} answered busy), {@code SendAck} and {@code RecvAck} (generation A's
     * explicit ACK, never seen by the user), {@code Recv}.
     *
     * @param endpoint the side that took the step, read-only, as it is just after the step; its
     *     payload words are readable only during this call
     */
    void step(String action, EndpointState endpoint);

    /** Whether both endpoints run their calls under this observer's lock (true unless overridden). */
    default boolean locksChannel() {
        return true;
    }
}
