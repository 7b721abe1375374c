package io.barreleye.channel;

/** Creates duplex URPC channels: a pair of one-way rings and the endpoint on each side. */
public final class Urpc {
    /** Gen A acks are 16 bits wide; N must stay below 2^16 for them to be unambiguous. */
    static final int MAX_EPOCH_ACK_SLOTS = 1 << 15;
    static final int MAX_USED_BIT_SLOTS = 1 << 24;

    private Urpc() {}

    /** The two endpoints of a duplex channel; {@code a} writes the ring that {@code b} reads, and back. */
    public record Pair(Endpoint a, Endpoint b) {}

    /**
     * @param slotsPerRing N, at least 3 for {@link Generation#EPOCH_ACK} (one slot is kept for
     *     the explicit ACK) and 2 for {@link Generation#USED_BIT}; any value, not only powers of two
     */
    public static Pair duplex(Generation g, int slotsPerRing) {
        return duplex(g, slotsPerRing, null);
    }

    /**
     * A channel whose every step is reported to {@code observer} (null: none), both sides running
     * their calls under its lock unless it does not lock the channel; see {@link ChannelObserver}.
     */
    public static Pair duplex(Generation g, int slotsPerRing, ChannelObserver observer) {
        return duplex(g, slotsPerRing, observer, java.util.Set.of());
    }

    /**
     * An observed channel with planted bugs ({@link ChannelFault}), for the tests that show trace
     * validation catches them; the faults act only on an observed channel's calls.
     */
    public static Pair duplex(Generation g, int slotsPerRing, ChannelObserver observer, java.util.Set<ChannelFault> faults) {
        if (!faults.isEmpty() && observer == null) throw new IllegalArgumentException("planted channel faults need an observer");
        switch (g) {
            case EPOCH_ACK: {
                checkSlots(g, slotsPerRing, 3, MAX_EPOCH_ACK_SLOTS);
                Ring ab = new Ring(slotsPerRing, EpochAckEndpoint.emptyHeader());
                Ring ba = new Ring(slotsPerRing, EpochAckEndpoint.emptyHeader());
                return new Pair(new EpochAckEndpoint(ab, ba, 0, observer, faults), new EpochAckEndpoint(ba, ab, 1, observer, faults));
            }
            case USED_BIT: {
                checkSlots(g, slotsPerRing, 2, MAX_USED_BIT_SLOTS);
                Ring ab = new Ring(slotsPerRing, UsedBitEndpoint.emptyHeader());
                Ring ba = new Ring(slotsPerRing, UsedBitEndpoint.emptyHeader());
                return new Pair(new UsedBitEndpoint(ab, ba, 0, observer, faults), new UsedBitEndpoint(ba, ab, 1, observer, faults));
            }
            default:
                throw new IllegalArgumentException("unknown generation " + g);
        }
    }

    private static void checkSlots(Generation g, int slots, int min, int max) {
        if (slots < min || slots > max) {
            throw new IllegalArgumentException(
                    "slotsPerRing for " + g + " must be " + min + ".." + max + ": " + slots);
        }
    }
}
