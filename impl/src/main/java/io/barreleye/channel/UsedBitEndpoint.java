package io.barreleye.channel;

/**
 * Generation B ({@code Gen = "B"} in {@code specs/Urpc.tla}): a used bit per slot. The sender
 * writes a slot only when its used bit is clear; the receiver clears it after copying the
 * message out. The receiver writes nothing to the ring but that header word.
 */
final class UsedBitEndpoint extends RingEndpoint {

    UsedBitEndpoint(Ring tx, Ring rx, int side, ChannelObserver observer, java.util.Set<ChannelFault> faults) {
        super(tx, rx, side, observer, faults);
    }

    @Override
    public Generation generation() {
        return Generation.USED_BIT;
    }

    static long emptyHeader() {
        return 0L;
    }

    /** Spec {@code Send} / {@code SendBusy}. */
    @Override
    boolean sendFragment(long[] src, int off, int len, boolean more) {
        // Acquire: if the receiver's clear is seen, so is the end of its copy-out, so the payload
        // may be overwritten now.
        if ((tx.header(txSlot) & Header.USED) != 0) {
            busy++;
            observed("SendBusy");
            return false;
        }
        writeSlot(src, off, len, Header.USED | (more ? Header.MORE : 0L) | Header.lengthField(len));
        advanceTx();
        sent++;
        observed("Send");
        return true;
    }

    /** Spec {@code Recv}: copy out, then clear the used bit. */
    @Override
    int recvFragment(long[] dst, int off) {
        long h = rx.header(rxSlot);
        if ((h & Header.USED) == 0) {
            return -1;
        }
        readSlot(dst, off, Header.length(h));
        takenHeader = h;
        // Release: the copy above completes before the sender can see the slot free.
        rx.publish(rxSlot, 0L);
        writtenHeader = 0L;
        advanceRx();
        received++;
        observed("Recv");
        return Header.fragment(h);
    }
}
