package io.barreleye.channel;

/**
 * Generation A ({@code Gen = "A"} in {@code specs/Urpc.tla}): epoch bit, piggybacked 16-bit ack,
 * explicit ACK. Only this endpoint writes its tx ring; it never writes rx, so a ring's cache
 * lines only ever move from sender to receiver.
 *
 * <p>THE RULE (spec {@code CanSend}/{@code CanSendAck}): a data message only while
 * {@code next - acked < N - 1}; an explicit ACK only while {@code next - acked < N}. The last
 * slot is kept for an ACK, so when both rings are full each side can still tell the other what
 * it has read, and no unread slot is ever overwritten.
 */
final class EpochAckEndpoint extends RingEndpoint {
    /** Ack once this many messages are taken and not yet acked; between 2 (no ACK ping-pong) and N-1 (a blocked peer is always acked). */
    private final int ackThreshold;
    private static final long[] NO_PAYLOAD = new long[0];

    EpochAckEndpoint(Ring tx, Ring rx, int side, ChannelObserver observer, java.util.Set<ChannelFault> faults) {
        super(tx, rx, side, observer, faults);
        this.ackThreshold = Math.max(2, slots / 2);
    }

    /** Every slot starts empty, carrying the epoch of the wrap before the first (spec EmptySlot). */
    static long emptyHeader() {
        return Header.EPOCH;
    }

    /** Spec {@code Send} / {@code SendBusy}. */
    @Override
    public Generation generation() {
        return Generation.EPOCH_ACK;
    }

    @Override
    boolean sendFragment(long[] src, int off, int len, boolean more) {
        int dataSlots = fullRingOffByOne ? slots : slots - 1;
        if (next - acked >= dataSlots) {
            // Looks full: ACKs at the head of rx may free slots without involving the user.
            takeAcks();
            if (next - acked >= dataSlots) {
                busy++;
                observed("SendBusy");
                return false;
            }
        }
        write(src, off, len, more ? Header.MORE : 0L);
        sent++;
        observed("Send");
        return true;
    }

    /** Spec {@code Recv} (delivered) and {@code RecvAck} (consumed here, never delivered). */
    @Override
    int recvFragment(long[] dst, int off) {
        for (;;) {
            long h = rx.header(rxSlot); // acquire: the payload below is the one written with h
            if ((h & Header.EPOCH) != rxEpoch) {
                sendAckIfDue();
                return -1;
            }
            if ((h & Header.ACK) != 0) {
                recvAck(h);
                continue;
            }
            int len = Header.length(h);
            readSlot(dst, off, len);
            take(h);
            received++;
            observed("Recv");
            sendAckIfDue();
            return Header.fragment(h);
        }
    }

    /** Spec {@code RecvAck}: takes an explicit ACK, learning its ack. */
    void recvAck(long h) {
        take(h);
        acksReceived++;
        observed("RecvAck");
    }

    /** Consumes the explicit ACKs at the head of rx (stops at the first data message or empty slot). */
    private void takeAcks() {
        for (;;) {
            long h = rx.header(rxSlot);
            if ((h & Header.EPOCH) != rxEpoch || (h & Header.ACK) == 0) {
                return;
            }
            recvAck(h);
        }
    }

    /** Spec {@code Take}: learn the piggybacked ack, move the read position on. */
    private void take(long h) {
        takenHeader = h;
        // The ack is the peer's count of messages taken from tx, mod 2^16. The truth lies in
        // [next - N, next] (a ring never holds more than N), so the 16 bits are unambiguous.
        acked = next - ((next - Header.ack16(h)) & Header.ACK16_MASK);
        advanceRx();
    }

    /** Spec {@code SendAck}, when the policy says so: enough unacked and a slot left for it. */
    private void sendAckIfDue() {
        if (taken - ackSent >= ackThreshold && next - acked < slots) {
            write(NO_PAYLOAD, 0, 0, Header.ACK);
            acksSent++;
            observed("SendAck");
        }
    }

    /** Spec {@code Write}: payload, then the header with epoch and ack, released last. */
    private void write(long[] src, int off, int len, long flags) {
        writeSlot(src, off, len, txEpoch | flags | Header.lengthField(len) | Header.ackField(staleAck ? ackSent : taken));
        ackSent = taken;
        advanceTx();
    }
}
