package io.barreleye.channel;

/**
 * A read-only view of one endpoint's protocol state (spec {@code specs/Urpc.tla}), for a
 * {@link ChannelObserver}. Positions are unbounded counts; the spec's are these modulo 2N.
 */
public interface EndpointState {
    /** 0 for the pair's {@code a} endpoint, 1 for {@code b}: the spec's core c. */
    int side();

    Generation generation();

    /** N, slots per ring. */
    int slots();

    /** Spec {@code next[c]}: messages (data and ACK) written to the ring this side writes. */
    long next();

    /** Spec {@code recv[Peer(c)]}: messages (data and ACK) taken from the ring this side reads. */
    long taken();

    /** Generation A, spec {@code acked[c]}: messages of this side's ring known to be read. */
    long acked();

    /** Generation A, spec {@code ackSent[Peer(c)]}: the {@link #taken} count last written to the peer. */
    long ackSent();

    /** Payload words of this side's last Send or SendAck, as the caller gave them: what the writer meant the slot to hold. */
    int sentLength();

    /** Word {@code i} ({@code < sentLength()}) of that payload; readable only while the observer is told of the step. */
    long sentWord(int i);

    /** The first word of the caller's message of this side's last Send (0 for an empty one): what the caller meant to send. */
    default long sentWord() {
        return sentLength() > 0 ? sentWord(0) : 0;
    }

    /** Payload words this side's last Recv copied out of the ring it reads, as they were in that ring's memory. */
    int deliveredLength();

    /** Word {@code i} ({@code < deliveredLength()}) of that payload; readable only while the observer is told of the step. */
    long deliveredWord(int i);

    /** The first word of the message this side's last Recv delivered to its caller (0 for an empty one). */
    default long deliveredWord() {
        return deliveredLength() > 0 ? deliveredWord(0) : 0;
    }

    /**
     * The header word this side last stored into a ring: the slot a Send or SendAck published in
     * the ring it writes, or (generation B) the cleared header a Recv left in the slot it took.
     */
    long writtenHeader();

    /** The header word this side's last Recv or RecvAck acquired from the slot it took. */
    long takenHeader();

    /** Slot {@code i} of the ring this side writes (the spec's {@code ring[c][i]}). */
    Slot txSlot(int i);

    /** Slot {@code i} of the ring this side reads (the spec's {@code ring[Peer(c)][i]}). */
    Slot rxSlot(int i);

    /** A slot's header word and first payload word, decoded on demand. */
    record Slot(long header, long firstWord) {
        /** Generation A: the epoch bit; generation B: the used bit (the same header bit). */
        public int epochBit() {
            return (int) (header & Header.EPOCH);
        }

        public boolean usedBit() {
            return (header & Header.USED) != 0;
        }

        /** Generation A: an explicit ACK (spec {@code kind = "ack"}) rather than data. */
        public boolean isAck() {
            return (header & Header.ACK) != 0;
        }

        /** Generation A: the piggybacked ack, the writer's taken count modulo 2^16. */
        public int ack16() {
            return Header.ack16(header);
        }

        /** Generation A: the 16-bit ack widened to the count it stands for, given the writer's {@code taken} when it wrote it or later. */
        public long ack(long takenSince) {
            return takenSince - ((takenSince - ack16()) & Header.ACK16_MASK);
        }
    }
}
