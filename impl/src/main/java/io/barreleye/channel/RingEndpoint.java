package io.barreleye.channel;

/** Padding before the endpoint's state: the two endpoints of a pair are often allocated side by side. */
abstract class RingEndpointPadHead {
    long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/**
 * The state of one endpoint. Every field is read and written by the owning thread only; the
 * rings are the only memory shared with the peer.
 */
abstract class RingEndpointState extends RingEndpointPadHead {
    /** The ring this endpoint writes (ring c in the spec) and the one it reads (ring Peer(c)). */
    final Ring tx;
    final Ring rx;
    final int slots;
    /** 0 for the pair's a side, 1 for b. */
    final int side;
    /** Null unless the channel is observed. */
    final ChannelObserver observer;
    /** The lock both sides run their calls under: the observer, when it locks the channel; else null. */
    final Object lock;
    /** Planted bugs (ChannelFault), all false outside tests. */
    final boolean fullRingOffByOne;
    final boolean headerBeforePayload;
    final boolean staleAck;
    final boolean readsNextSlot;
    /** HEADER_BEFORE_PAYLOAD: the payload of the last published slot, written at the next call; null when none is due. */
    long[] latePayload;
    int lateSlot;

    /** Spec {@code next[c]}, as an unbounded count; the slot is txSlot, the epoch txEpoch. */
    long next;
    int txSlot;
    long txEpoch;

    /** Spec {@code recv[Peer(c)]}: messages (data and ACK) taken from rx; slot rxSlot, epoch rxEpoch. */
    long taken;
    int rxSlot;
    long rxEpoch;

    /** Gen A, spec {@code acked[c]}: messages of tx that the peer is known to have taken. */
    long acked;
    /** Gen A, spec {@code ackSent[Peer(c)]}: the value of {@code taken} last written to tx. */
    long ackSent;

    long sent;
    long received;
    long busy;
    long acksSent;
    long acksReceived;
    /**
     * For observers: the payload of the last Send or SendAck (the caller's array, valid during the
     * step), the payload the last Recv copied out (likewise), the header last stored into a ring and
     * the header the last Recv or RecvAck took.
     */
    long[] sentSrc;
    int sentOff;
    int sentLen;
    long[] deliveredDst;
    int deliveredOff;
    int deliveredLen;
    long writtenHeader;
    long takenHeader;

    RingEndpointState(Ring tx, Ring rx, int side, ChannelObserver observer, java.util.Set<ChannelFault> faults) {
        this.tx = tx;
        this.rx = rx;
        this.slots = tx.slots;
        this.side = side;
        this.observer = observer;
        this.lock = observer != null && observer.locksChannel() ? observer : null;
        this.fullRingOffByOne = faults.contains(ChannelFault.FULL_RING_OFF_BY_ONE);
        this.headerBeforePayload = faults.contains(ChannelFault.HEADER_BEFORE_PAYLOAD);
        this.staleAck = faults.contains(ChannelFault.STALE_PIGGYBACKED_ACK);
        this.readsNextSlot = faults.contains(ChannelFault.READS_NEXT_SLOT);
    }
}

/**
 * Base of the two URPC generations: counters, the public {@link Endpoint} API on top of the
 * fragment API, and padding after the state.
 */
abstract class RingEndpoint extends RingEndpointState implements Endpoint, FragmentLink, EndpointState {
    long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;

    RingEndpoint(Ring tx, Ring rx, int side, ChannelObserver observer, java.util.Set<ChannelFault> faults) {
        super(tx, rx, side, observer, faults);
    }

    /** The generation's {@code Send} / {@code SendBusy}. */
    abstract boolean sendFragment(long[] src, int off, int len, boolean more);

    /** The generation's {@code Recv} (and, gen A, {@code RecvAck} / {@code SendAck} on the way). */
    abstract int recvFragment(long[] dst, int off);

    @Override
    public final boolean trySendFragment(long[] src, int off, int len, boolean more) {
        if (observer == null) return sendFragment(src, off, len, more);
        if (lock == null) return observedSend(src, off, len, more);
        synchronized (lock) {
            return observedSend(src, off, len, more);
        }
    }

    @Override
    public final int tryRecvFragment(long[] dst, int off) {
        if (observer == null) return recvFragment(dst, off);
        if (lock == null) return observedRecv(dst, off);
        synchronized (lock) {
            return observedRecv(dst, off);
        }
    }

    /** An observed channel's call: a payload HEADER_BEFORE_PAYLOAD held back lands first. */
    private boolean observedSend(long[] src, int off, int len, boolean more) {
        writeLatePayload();
        return sendFragment(src, off, len, more);
    }

    private int observedRecv(long[] dst, int off) {
        writeLatePayload();
        return recvFragment(dst, off);
    }

    /** Spec {@code Write}'s payload then header: the header is released last (unless HEADER_BEFORE_PAYLOAD is planted). */
    final void writeSlot(long[] src, int off, int len, long header) {
        sentSrc = src;
        sentOff = off;
        sentLen = len;
        writtenHeader = header;
        if (headerBeforePayload) {
            tx.publish(txSlot, header);
            latePayload = java.util.Arrays.copyOfRange(src, off, off + len);
            lateSlot = txSlot;
            return;
        }
        tx.writePayload(txSlot, src, off, len);
        tx.publish(txSlot, header);
    }

    /** Spec {@code Recv}'s copy-out of the slot being taken (of the next one, if READS_NEXT_SLOT is planted). */
    final void readSlot(long[] dst, int off, int len) {
        rx.readPayload(readsNextSlot ? (rxSlot + 1) % slots : rxSlot, dst, off, len);
        deliveredDst = dst;
        deliveredOff = off;
        deliveredLen = len;
    }

    /** HEADER_BEFORE_PAYLOAD: the payload published late lands now. */
    private void writeLatePayload() {
        if (latePayload == null) return;
        tx.writePayload(lateSlot, latePayload, 0, latePayload.length);
        latePayload = null;
    }

    /** Tells the observer, if any, that the spec action {@code action} was just taken. */
    final void observed(String action) {
        if (observer != null) observer.step(action, this);
    }

    @Override
    public final boolean trySend(long[] words, int len) {
        if (len < 1 || len > PAYLOAD_WORDS) {
            throw new IllegalArgumentException("message length must be 1.." + PAYLOAD_WORDS + ": " + len);
        }
        return trySendFragment(words, 0, len, false);
    }

    @Override
    public final int tryRecv(long[] dst) {
        int r = tryRecvFragment(dst, 0);
        return r < 0 ? -1 : r & Header.FRAGMENT_LENGTH;
    }

    @Override
    public final int fragmentWords() {
        return PAYLOAD_WORDS;
    }

    /** Moves the write position one slot on; the epoch flips on each wrap. */
    final void advanceTx() {
        next++;
        if (++txSlot == slots) {
            txSlot = 0;
            txEpoch ^= 1;
        }
    }

    /** Moves the read position one slot on; the expected epoch flips on each wrap. */
    final void advanceRx() {
        taken++;
        if (++rxSlot == slots) {
            rxSlot = 0;
            rxEpoch ^= 1;
        }
    }

    @Override
    public final long sent() {
        return sent;
    }

    @Override
    public final long received() {
        return received;
    }

    @Override
    public final long busy() {
        return busy;
    }

    @Override
    public final int side() {
        return side;
    }

    @Override
    public final int slots() {
        return slots;
    }

    @Override
    public final long next() {
        return next;
    }

    @Override
    public final long taken() {
        return taken;
    }

    @Override
    public final long acked() {
        return acked;
    }

    @Override
    public final long ackSent() {
        return ackSent;
    }

    @Override
    public final int sentLength() {
        return sentLen;
    }

    @Override
    public final long sentWord(int i) {
        return sentSrc[sentOff + java.util.Objects.checkIndex(i, sentLen)];
    }

    @Override
    public final int deliveredLength() {
        return deliveredLen;
    }

    @Override
    public final long deliveredWord(int i) {
        return deliveredDst[deliveredOff + java.util.Objects.checkIndex(i, deliveredLen)];
    }

    @Override
    public final long writtenHeader() {
        return writtenHeader;
    }

    @Override
    public final long takenHeader() {
        return takenHeader;
    }

    @Override
    public final Slot txSlot(int i) {
        return new Slot(tx.header(i), tx.firstWord(i));
    }

    @Override
    public final Slot rxSlot(int i) {
        return new Slot(rx.header(i), rx.firstWord(i));
    }

    /** Explicit ACK messages written (gen A; always 0 for gen B). */
    final long acksSent() {
        return acksSent;
    }

    /** Explicit ACK messages taken from the peer (gen A; always 0 for gen B). */
    final long acksReceived() {
        return acksReceived;
    }
}
