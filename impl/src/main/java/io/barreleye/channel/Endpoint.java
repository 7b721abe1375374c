package io.barreleye.channel;

/**
 * One side of a duplex URPC channel: it writes one ring and reads the other.
 *
 * <p>An endpoint is owned by ONE thread (its core), which calls both {@link #trySend} and
 * {@link #tryRecv}; neither method blocks, allocates or takes a lock.
 */
public interface Endpoint {
    /** Payload words in one slot (a 64-byte cache line holds 7 payload words and the header). */
    int PAYLOAD_WORDS = 7;

    /**
     * Writes one message of {@code len} words (1..7) from {@code words}.
     *
     * @return true if written; false if the ring is full (busy, spec action {@code SendBusy}):
     *     nothing was written and the caller should queue and retry
     */
    boolean trySend(long[] words, int len);

    /**
     * Copies the next message into {@code dst} ({@code dst.length >= 7}).
     *
     * @return the message length, or -1 if no message is available
     */
    int tryRecv(long[] dst);

    /** Messages written by this endpoint (explicit ACKs not counted). */
    long sent();

    /** Messages delivered by {@link #tryRecv} (explicit ACKs not counted). */
    long received();

    /** Times {@link #trySend} answered busy. */
    long busy();
}
