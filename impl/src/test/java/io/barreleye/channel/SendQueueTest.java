package io.barreleye.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The send queue's buffer management: compaction in place when the live entries fit, doubling
 * when they do not, an entry larger than twice the buffer, and fragments drained in order with
 * the right MORE flags across all of these.
 */
class SendQueueTest {
    /** A link of {@code fragmentWords}-word fragments that accepts {@code budget} of them, then is busy. */
    private static final class ScriptedLink implements FragmentLink {
        final int fragmentWords;
        int budget;
        final List<long[]> fragments = new ArrayList<>();
        final List<Boolean> more = new ArrayList<>();

        ScriptedLink(int fragmentWords, int budget) {
            this.fragmentWords = fragmentWords;
            this.budget = budget;
        }

        @Override
        public int fragmentWords() {
            return fragmentWords;
        }

        @Override
        public boolean trySendFragment(long[] src, int off, int len, boolean more) {
            if (budget == 0) return false;
            budget--;
            fragments.add(java.util.Arrays.copyOfRange(src, off, off + len));
            this.more.add(more);
            return true;
        }

        @Override
        public int tryRecvFragment(long[] dst, int off) {
            throw new UnsupportedOperationException("send side only");
        }

        /** The messages the fragments spell, joined at the fragments without MORE. */
        List<long[]> messages() {
            List<long[]> out = new ArrayList<>();
            List<Long> cur = new ArrayList<>();
            for (int i = 0; i < fragments.size(); i++) {
                for (long w : fragments.get(i)) cur.add(w);
                if (!more.get(i)) {
                    out.add(cur.stream().mapToLong(Long::longValue).toArray());
                    cur.clear();
                }
            }
            assertTrue(cur.isEmpty(), "the last fragment sent has MORE set");
            return out;
        }
    }

    private static long[] msg(long id, int len) {
        long[] m = new long[len];
        for (int i = 0; i < len; i++) m[i] = id * 1000 + i;
        return m;
    }

    private static void assertMessages(List<long[]> expected, List<long[]> got) {
        assertEquals(expected.size(), got.size(), "messages sent");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(java.util.Arrays.toString(expected.get(i)), java.util.Arrays.toString(got.get(i)), "message " + i);
        }
    }

    /** Two 7-word entries fill 16 words; after the first is sent, a third fits by compaction alone. */
    @Test
    void compactsInPlaceWhenTheLiveEntriesFit() {
        SendQueue q = new SendQueue(16);
        q.add(msg(1, 7), 0, 7);
        q.add(msg(2, 7), 0, 7);
        assertEquals(16, q.capacityWords());
        ScriptedLink link = new ScriptedLink(7, 1);
        assertFalse(q.drainTo(link)); // entry 1 sent, entry 2 waits at words 8..15
        assertEquals(1, q.size());
        q.add(msg(3, 7), 0, 7); // 8 live words + 8 new = 16: moved to the front, not grown
        assertEquals(16, q.capacityWords());
        assertEquals(2, q.size());
        link.budget = Integer.MAX_VALUE;
        assertTrue(q.drainTo(link));
        assertTrue(q.isEmpty());
        assertMessages(List.of(msg(1, 7), msg(2, 7), msg(3, 7)), link.messages());
    }

    @Test
    void doublesWhenTheLiveEntriesDoNotFit() {
        SendQueue q = new SendQueue(16);
        q.add(msg(1, 7), 0, 7);
        q.add(msg(2, 7), 0, 7);
        q.add(msg(3, 1), 0, 1); // 16 live + 2 new > 16
        assertEquals(32, q.capacityWords());
        ScriptedLink link = new ScriptedLink(7, Integer.MAX_VALUE);
        assertTrue(q.drainTo(link));
        assertMessages(List.of(msg(1, 7), msg(2, 7), msg(3, 1)), link.messages());
    }

    /** An entry longer than twice the buffer gets a buffer of exactly its size, and goes out in fragments. */
    @Test
    void anEntryLargerThanTwiceTheBufferGetsRoomForItself() {
        SendQueue q = new SendQueue(16);
        q.add(msg(9, 40), 0, 40);
        assertEquals(41, q.capacityWords());
        ScriptedLink link = new ScriptedLink(7, 3);
        assertFalse(q.drainTo(link)); // 21 of 40 words
        assertEquals(List.of(true, true, true), link.more);
        link.budget = Integer.MAX_VALUE;
        assertTrue(q.drainTo(link));
        assertEquals(6, link.fragments.size()); // 7+7+7+7+7+5
        assertEquals(5, link.fragments.get(5).length);
        assertMessages(List.of(msg(9, 40)), link.messages());
    }

    /** The part of an entry already sent is not sent again once the link is free, and the queue restarts at the front. */
    @Test
    void resumesAPartlySentEntryWhereItStopped() {
        SendQueue q = new SendQueue(16);
        q.add(msg(1, 10), 3, 5); // words 3..7 of the source only
        ScriptedLink link = new ScriptedLink(2, 1);
        assertFalse(q.drainTo(link));
        link.budget = Integer.MAX_VALUE;
        assertTrue(q.drainTo(link));
        assertEquals(List.of(true, true, false), link.more);
        assertMessages(List.of(new long[] {1003, 1004, 1005, 1006, 1007}), link.messages());
        // emptied: the next entries start at word 0 again, so 16 words hold two 7-word entries
        q.add(msg(2, 7), 0, 7);
        q.add(msg(3, 7), 0, 7);
        assertEquals(16, q.capacityWords());
    }
}
