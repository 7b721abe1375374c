package io.barreleye.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrpcTest {
    private final long[] buf = new long[Endpoint.PAYLOAD_WORDS];

    /** Data messages a ring of N slots holds: N-1 for gen A (one slot kept for the ACK), N for gen B. */
    private static int capacity(Generation g, int n) {
        return g == Generation.EPOCH_ACK ? n - 1 : n;
    }

    private static long[] msg(long id, int len) {
        long[] m = new long[len];
        for (int i = 0; i < len; i++) {
            m[i] = id * 10 + i;
        }
        return m;
    }

    private void expect(Endpoint e, long id, int len) {
        assertEquals(len, e.tryRecv(buf), "length of message " + id);
        for (int i = 0; i < len; i++) {
            assertEquals(id * 10 + i, buf[i], "word " + i + " of message " + id);
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void fifoOrderAcrossManyWraps(Generation g) {
        Urpc.Pair p = Urpc.duplex(g, 5);
        for (int id = 0; id < 1000; id++) {
            int len = 1 + id % 7;
            assertTrue(p.a().trySend(msg(id, len), len));
            if (id % 3 == 2) { // keep a few in flight
                for (int k = id - 2; k <= id; k++) {
                    expect(p.b(), k, 1 + k % 7);
                }
            }
        }
        expect(p.b(), 999, 1 + 999 % 7);
        assertEquals(-1, p.b().tryRecv(buf));
        assertEquals(1000, p.a().sent());
        assertEquals(1000, p.b().received());
        assertEquals(0, p.a().busy());
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void emptyChannelHasNothing(Generation g) {
        Urpc.Pair p = Urpc.duplex(g, 4);
        assertEquals(-1, p.a().tryRecv(buf));
        assertEquals(-1, p.b().tryRecv(buf));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 8, 13})
    void epochAckHoldsExactlyNMinusOneDataMessages(int n) {
        busyWhenFull(Generation.EPOCH_ACK, n);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 8, 13})
    void usedBitHoldsExactlyNDataMessages(int n) {
        busyWhenFull(Generation.USED_BIT, n);
    }

    private void busyWhenFull(Generation g, int n) {
        Urpc.Pair p = Urpc.duplex(g, n);
        int cap = capacity(g, n);
        for (int id = 0; id < cap; id++) {
            assertTrue(p.a().trySend(msg(id, 7), 7), "message " + id + " fits");
        }
        assertFalse(p.a().trySend(msg(99, 7), 7), "ring full: busy");
        assertFalse(p.a().trySend(msg(99, 1), 1), "still busy");
        assertEquals(2, p.a().busy());
        assertEquals(cap, p.a().sent());
        // nothing was overwritten: all messages arrive intact, and the refused one never does
        for (int id = 0; id < cap; id++) {
            expect(p.b(), id, 7);
        }
        assertEquals(-1, p.b().tryRecv(buf));
    }

    @Test
    void usedBitSlotIsFreedAsSoonAsItIsRead() {
        Urpc.Pair p = Urpc.duplex(Generation.USED_BIT, 2);
        assertTrue(p.a().trySend(msg(0, 1), 1));
        assertTrue(p.a().trySend(msg(1, 1), 1));
        assertFalse(p.a().trySend(msg(2, 1), 1));
        expect(p.b(), 0, 1);
        assertTrue(p.a().trySend(msg(2, 1), 1));
        assertFalse(p.a().trySend(msg(3, 1), 1));
    }

    @Test
    void epochAckFreesSlotsOnlyWhenAcked() {
        int n = 8; // ACK threshold N/2 = 4
        Urpc.Pair p = Urpc.duplex(Generation.EPOCH_ACK, n);
        EpochAckEndpoint a = (EpochAckEndpoint) p.a();
        EpochAckEndpoint b = (EpochAckEndpoint) p.b();
        for (int id = 0; id < n - 1; id++) {
            assertTrue(a.trySend(msg(id, 2), 2));
        }
        assertFalse(a.trySend(msg(7, 2), 2));
        // b reads 3: below the threshold, no ACK yet, so a still sees a full ring
        for (int id = 0; id < 3; id++) {
            expect(b, id, 2);
        }
        assertEquals(0, b.acksSent());
        assertFalse(a.trySend(msg(7, 2), 2));
        // the 4th read reaches the threshold: b writes an explicit ACK
        expect(b, 3, 2);
        assertEquals(1, b.acksSent());
        // a takes the ACK while trying to send (RecvAck), and 4 slots are free again
        for (int id = 7; id < 11; id++) {
            assertTrue(a.trySend(msg(id, 2), 2), "slot freed by the ACK: " + id);
        }
        assertEquals(1, a.acksReceived());
        assertFalse(a.trySend(msg(11, 2), 2));
        for (int id = 4; id < 11; id++) {
            expect(b, id, 2);
        }
        assertEquals(0, a.received(), "ACKs are never delivered");
        assertEquals(-1, a.tryRecv(buf));
    }

    @Test
    void epochAckPiggybacksAcksOnData() {
        Urpc.Pair p = Urpc.duplex(Generation.EPOCH_ACK, 4);
        EpochAckEndpoint a = (EpochAckEndpoint) p.a();
        EpochAckEndpoint b = (EpochAckEndpoint) p.b();
        for (int round = 0; round < 100; round++) {
            assertTrue(a.trySend(msg(round, 1), 1));
            expect(b, round, 1);
            assertTrue(b.trySend(msg(round, 3), 3)); // carries b's ack for a's message
            expect(a, round, 3);
        }
        assertEquals(0, a.acksSent() + b.acksSent(), "ping-pong traffic needs no explicit ACK");
        assertEquals(0, a.busy() + b.busy());
    }

    /** Both rings full of data, then both sides drain: the reserved slot carries the ACKs; no deadlock, no overwrite. */
    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 8})
    void epochAckBothSidesFullThenDraining(int n) {
        Urpc.Pair p = Urpc.duplex(Generation.EPOCH_ACK, n);
        EpochAckEndpoint a = (EpochAckEndpoint) p.a();
        EpochAckEndpoint b = (EpochAckEndpoint) p.b();
        int total = 20 * n;
        long aNext = 0, bNext = 0, aGot = 0, bGot = 0;
        long[] out = new long[7];
        // fill both
        while (a.trySend(msg(aNext, 1 + (int) (aNext % 7)), 1 + (int) (aNext % 7))) {
            aNext++;
        }
        while (b.trySend(msg(bNext, 1 + (int) (bNext % 7)), 1 + (int) (bNext % 7))) {
            bNext++;
        }
        assertEquals(n - 1, aNext);
        assertEquals(n - 1, bNext);
        int rounds = 0;
        while (aGot < total || bGot < total) {
            assertTrue(++rounds < 100 * total, "no progress: deadlock");
            // each side reads everything it can, then sends as much as it can
            int r;
            while ((r = b.tryRecv(out)) >= 0) {
                assertEquals(1 + (int) (aGot % 7), r);
                assertEquals(aGot * 10, out[0], "in order, not overwritten");
                aGot++;
            }
            while ((r = a.tryRecv(out)) >= 0) {
                assertEquals(1 + (int) (bGot % 7), r);
                assertEquals(bGot * 10, out[0], "in order, not overwritten");
                bGot++;
            }
            while (aNext < total && a.trySend(msg(aNext, 1 + (int) (aNext % 7)), 1 + (int) (aNext % 7))) {
                aNext++;
            }
            while (bNext < total && b.trySend(msg(bNext, 1 + (int) (bNext % 7)), 1 + (int) (bNext % 7))) {
                bNext++;
            }
        }
        assertEquals(total, a.received());
        assertEquals(total, b.received());
        assertTrue(a.busy() > 0 && b.busy() > 0, "both sides were full");
        assertTrue(a.acksSent() > 0 && b.acksSent() > 0, "both sides used the reserved slot for an ACK");
    }

    /** Only one side polls; the other is full and must be freed by ACKs it takes while sending. */
    @Test
    void epochAckOneWayStreamNeedsNoReceiveOnTheSender() {
        Urpc.Pair p = Urpc.duplex(Generation.EPOCH_ACK, 3);
        long next = 0;
        long got = 0;
        long[] out = new long[7];
        while (got < 10_000) {
            while (p.a().trySend(msg(next, 1), 1)) {
                next++;
            }
            while (p.b().tryRecv(out) >= 0) {
                assertEquals(got * 10, out[0]);
                got++;
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Urpc.duplex(Generation.EPOCH_ACK, 2));
        assertThrows(IllegalArgumentException.class, () -> Urpc.duplex(Generation.USED_BIT, 1));
        assertThrows(IllegalArgumentException.class, () -> Urpc.duplex(Generation.EPOCH_ACK, 1 << 16));
        Urpc.Pair p = Urpc.duplex(Generation.USED_BIT, 2);
        assertThrows(IllegalArgumentException.class, () -> p.a().trySend(new long[8], 8));
        assertThrows(IllegalArgumentException.class, () -> p.a().trySend(new long[1], 0));
        assertEquals(0, p.a().sent());
    }

    /**
     * Both ends of each range are allowed: N = 3 and 2^15 for gen A (its acks are 16 bits), N = 2
     * for gen B; one past either end is refused. (Gen B's 2^24 itself would take 2 GiB of rings:
     * the same check's upper bound is pinned by gen A's.)
     */
    @Test
    void slotCountLimitsAreInclusive() {
        assertEquals(3, ((RingEndpoint) Urpc.duplex(Generation.EPOCH_ACK, 3).a()).slots());
        assertEquals(Urpc.MAX_EPOCH_ACK_SLOTS, ((RingEndpoint) Urpc.duplex(Generation.EPOCH_ACK, Urpc.MAX_EPOCH_ACK_SLOTS).a()).slots());
        assertThrows(IllegalArgumentException.class, () -> Urpc.duplex(Generation.EPOCH_ACK, Urpc.MAX_EPOCH_ACK_SLOTS + 1));
        assertEquals(2, ((RingEndpoint) Urpc.duplex(Generation.USED_BIT, 2).a()).slots());
        assertThrows(IllegalArgumentException.class, () -> Urpc.duplex(Generation.USED_BIT, Urpc.MAX_USED_BIT_SLOTS + 1));
    }

    @Test
    void headerLayout() {
        long h = Header.EPOCH | Header.MORE | Header.lengthField(7) | Header.ackField(0x1_2345L);
        assertEquals(7, Header.length(h));
        assertEquals(0x2345, Header.ack16(h));
        assertEquals(7 | Header.FRAGMENT_MORE, Header.fragment(h));
        assertArrayEquals(new long[] {1, 4, 8}, new long[] {Header.EPOCH, Header.MORE, 1L << Header.LENGTH_SHIFT});
    }
}
