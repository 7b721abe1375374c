package io.barreleye.channel;

/**
 * Planted bugs in the URPC channel, off unless a test asks for one (Urpc.duplex with a fault set):
 * each is a one-line mistake of the kind the refinement mapping to specs/Urpc.tla must catch, so
 * that tests can show trace validation does.
 */
public enum ChannelFault {
    /** Generation A: a data message may take the last free slot, the one kept for the explicit ACK (full test off by one). */
    FULL_RING_OFF_BY_ONE,
    /**
     * The header is published before the payload is written; the payload lands at the side's next
     * call. On threads that is a memory-ordering bug; in the simulation the peer may read the slot
     * in between and get the stale payload.
     */
    HEADER_BEFORE_PAYLOAD,
    /** Generation A: the piggybacked ack carries the count last acked, not the count taken now. */
    STALE_PIGGYBACKED_ACK,
    /** The receiver copies out the payload of the slot after the one it takes. */
    READS_NEXT_SLOT
}
