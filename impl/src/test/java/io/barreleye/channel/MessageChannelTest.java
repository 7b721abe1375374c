package io.barreleye.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageChannelTest {
    private static final int MAX = 50;

    private static long[] msg(long id, int len) {
        long[] m = new long[len];
        for (int i = 0; i < len; i++) {
            m[i] = id * 1000 + i;
        }
        return m;
    }

    private static void assertMessage(long id, int len, long[] buf, int got) {
        assertEquals(len, got, "length of message " + id);
        for (int i = 0; i < len; i++) {
            assertEquals(id * 1000 + i, buf[i], "word " + i + " of message " + id);
        }
    }

    @ParameterizedTest
    @EnumSource(Generation.class)
    void fragmentationRoundTripLengths1To50(Generation g) {
        Urpc.Pair p = Urpc.duplex(g, 16);
        MessageChannel tx = new MessageChannel(p.a(), MAX);
        MessageChannel rx = new MessageChannel(p.b(), MAX);
        long[] buf = new long[MAX];
        for (int len = 1; len <= MAX; len++) {
            assertTrue(tx.send(msg(len, len), len));
            assertMessage(len, len, buf, rx.receive(buf));
            assertEquals(-1, rx.receive(buf));
        }
        assertEquals(0, tx.busyRetries());
    }

    /** A tiny ring: every long message is partly queued, and partly received before the rest is flushed. */
    @ParameterizedTest
    @EnumSource(Generation.class)
    void sendQueueRetriesAfterBusyAndKeepsOrder(Generation g) {
        Urpc.Pair p = Urpc.duplex(g, 3);
        MessageChannel tx = new MessageChannel(p.a(), MAX);
        MessageChannel rx = new MessageChannel(p.b(), MAX);
        long[] buf = new long[MAX];
        long[] other = new long[MAX];
        // all fifty messages go in at once: most of them wait in the send queue
        int fullyWritten = 0;
        for (int len = 1; len <= MAX; len++) {
            if (tx.send(msg(len, len), len)) {
                fullyWritten++;
            }
        }
        assertTrue(fullyWritten < MAX);
        assertTrue(tx.queued() > 0);
        assertTrue(tx.busyRetries() > 0);
        int next = 1;
        int calls = 0;
        while (next <= MAX) {
            assertTrue(++calls < 100_000, "no progress");
            // alternate buffers: a partly assembled message must survive a change of buffer
            long[] b = (calls & 1) == 0 ? buf : other;
            int got = rx.receive(b);
            if (got >= 0) {
                assertMessage(next, next, b, got);
                next++;
            }
            tx.flush();
        }
        assertTrue(tx.flush());
        assertEquals(0, tx.queued());
        assertEquals(-1, rx.receive(buf));
    }

    @Test
    void sendQueuesBehindEarlierQueuedMessages() {
        Urpc.Pair p = Urpc.duplex(Generation.USED_BIT, 2);
        MessageChannel tx = new MessageChannel(p.a(), 20);
        MessageChannel rx = new MessageChannel(p.b(), 20);
        assertFalse(tx.send(msg(1, 20), 20)); // 2 of 3 fragments written
        assertEquals(1, tx.queued());
        assertFalse(tx.flush());
        long[] buf = new long[20];
        assertEquals(-1, rx.receive(buf)); // 14 words read, not a whole message
        // message 1's tail goes first (flushed now that slots are free), then message 2 fits too
        assertTrue(tx.send(msg(2, 1), 1));
        assertEquals(0, tx.queued());
        assertMessage(1, 20, buf, rx.receive(buf));
        assertMessage(2, 1, buf, rx.receive(buf));
        // and a send while something is queued goes behind it
        assertFalse(tx.send(msg(3, 20), 20));
        assertFalse(tx.send(msg(4, 2), 2));
        assertEquals(2, tx.queued());
        long[] other = new long[20];
        int got;
        while ((got = rx.receive(other)) < 0) {
            tx.flush();
        }
        assertMessage(3, 20, other, got);
        while ((got = rx.receive(buf)) < 0) {
            tx.flush();
        }
        assertMessage(4, 2, buf, got);
        assertTrue(tx.flush());
        assertEquals(0, tx.queued());
    }

    /** An Endpoint that is not a URPC ring: MessageChannel frames fragments in the payload. */
    @Test
    void worksOverAnyEndpoint() {
        ArrayDeque<long[]> wire = new ArrayDeque<>();
        Endpoint loop = new Endpoint() {
            long sent, received, busy;

            @Override
            public boolean trySend(long[] words, int len) {
                if (wire.size() == 2) {
                    busy++;
                    return false;
                }
                wire.add(java.util.Arrays.copyOf(words, len));
                sent++;
                return true;
            }

            @Override
            public int tryRecv(long[] dst) {
                long[] m = wire.poll();
                if (m == null) {
                    return -1;
                }
                System.arraycopy(m, 0, dst, 0, m.length);
                received++;
                return m.length;
            }

            @Override public long sent() { return sent; }
            @Override public long received() { return received; }
            @Override public long busy() { return busy; }
        };
        MessageChannel tx = new MessageChannel(loop, MAX);
        MessageChannel rx = new MessageChannel(loop, MAX);
        long[] buf = new long[MAX];
        int next = 1;
        for (int len = 1; len <= MAX; len++) {
            tx.send(msg(len, len), len);
            int got;
            while ((got = rx.receive(buf)) >= 0 || !tx.flush()) {
                if (got >= 0) {
                    assertMessage(next, next, buf, got);
                    next++;
                }
            }
        }
        int got;
        while ((got = rx.receive(buf)) >= 0) {
            assertMessage(next, next, buf, got);
            next++;
        }
        assertEquals(MAX + 1, next);
    }

    @Test
    void rejectsBadArguments() {
        Urpc.Pair p = Urpc.duplex(Generation.USED_BIT, 2);
        MessageChannel c = new MessageChannel(p.a(), 10);
        assertThrows(IllegalArgumentException.class, () -> c.send(new long[11], 11));
        assertThrows(IllegalArgumentException.class, () -> c.send(new long[1], 0));
        assertThrows(IllegalArgumentException.class, () -> c.receive(new long[9]));
        assertThrows(IllegalArgumentException.class, () -> new MessageChannel(p.b(), 0));
    }

    @Test
    void sendQueueGrowsAndCompacts() {
        SendQueue q = new SendQueue(16);
        long[] m = msg(1, 10);
        for (int i = 0; i < 10; i++) {
            q.add(m, 0, 10);
        }
        assertEquals(10, q.size());
        assertTrue(q.capacityWords() >= 110);
    }
}
