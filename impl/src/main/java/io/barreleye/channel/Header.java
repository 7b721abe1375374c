package io.barreleye.channel;

/**
 * Layout of the header word, the last word of every slot: it is written last, with release
 * semantics, and its arrival is what makes the other seven words visible to the receiver.
 *
 * <pre>
 *  bit  0      EPOCH (gen A): epoch of the position written, pos / N mod 2; flips on every wrap
 *              USED  (gen B): set by the sender, cleared by the receiver after copying
 *  bit  1      ACK   (gen A): explicit ACK message, header only, never delivered to the user
 *  bit  2      MORE  : another fragment of the same message follows (used by MessageChannel)
 *  bits 3..5   LENGTH: payload words in this slot, 0..7
 *  bits 16..31 ACK16 (gen A): messages the writer has taken from the other ring, mod 2^16
 *  others      zero
 * </pre>
 */
final class Header {
    static final long EPOCH = 1L;
    static final long USED = 1L;
    static final long ACK = 1L << 1;
    static final long MORE = 1L << 2;
    static final int LENGTH_SHIFT = 3;
    static final long LENGTH_MASK = 0x7L;
    static final int ACK16_SHIFT = 16;
    static final long ACK16_MASK = 0xFFFFL;

    /** tryRecvFragment results carry MORE in this bit, above any length. */
    static final int FRAGMENT_MORE = 1 << 8;
    static final int FRAGMENT_LENGTH = FRAGMENT_MORE - 1;

    private Header() {}

    static long lengthField(int len) {
        return (long) len << LENGTH_SHIFT;
    }

    static int length(long header) {
        return (int) ((header >>> LENGTH_SHIFT) & LENGTH_MASK);
    }

    static long ackField(long taken) {
        return (taken & ACK16_MASK) << ACK16_SHIFT;
    }

    static int ack16(long header) {
        return (int) ((header >>> ACK16_SHIFT) & ACK16_MASK);
    }

    /** The tryRecvFragment result for a slot with this header. */
    static int fragment(long header) {
        return length(header) | ((header & MORE) != 0 ? FRAGMENT_MORE : 0);
    }
}
