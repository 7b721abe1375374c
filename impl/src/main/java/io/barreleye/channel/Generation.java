package io.barreleye.channel;

/** The two Barrelfish URPC generations modelled by {@code specs/Urpc.tla} (CONSTANT {@code Gen}). */
public enum Generation {
    /**
     * Generation A ({@code Gen = "A"}): an epoch bit in each header that flips on every wrap of the
     * sender, a 16-bit ack piggybacked on every message and an explicit ACK message when too many
     * received messages are unacknowledged. Only the sender ever writes a ring.
     */
    EPOCH_ACK,
    /**
     * Generation B ({@code Gen = "B"}): a {@code used} bit per slot; the sender writes a slot only
     * when it is clear and the receiver clears it after copying the message out.
     */
    USED_BIT
}
