package io.barreleye.channel;

import java.util.Arrays;

/**
 * A channel's queue of messages (or the unsent rest of one) waiting for ring space, in FIFO
 * order. Entries are stored contiguously in one {@code long[]} as {@code [length, words...]}, so
 * a message is copied once, on the way in, and fragments are sent straight from the buffer.
 * The buffer is compacted when it runs out of room at the end and doubles only when full.
 */
final class SendQueue {
    private long[] buf;
    private int head;
    private int tail;
    /** Words of the head entry already written to the ring. */
    private int headSent;
    private int count;

    SendQueue(int initialWords) {
        buf = new long[Math.max(16, initialWords)];
    }

    boolean isEmpty() {
        return count == 0;
    }

    int size() {
        return count;
    }

    /** Queues {@code src[off .. off+len)} as one entry. */
    void add(long[] src, int off, int len) {
        int need = len + 1;
        if (tail + need > buf.length) {
            makeRoom(need);
        }
        buf[tail] = len;
        System.arraycopy(src, off, buf, tail + 1, len);
        tail += need;
        count++;
    }

    private void makeRoom(int need) {
        int live = tail - head;
        long[] to = live + need > buf.length ? new long[Math.max(buf.length * 2, live + need)] : buf;
        System.arraycopy(buf, head, to, 0, live);
        buf = to;
        head = 0;
        tail = live;
    }

    /** Sends queued fragments in order until the queue is empty (true) or the link is busy (false). */
    boolean drainTo(FragmentLink link) {
        int frag = link.fragmentWords();
        while (count > 0) {
            int len = (int) buf[head];
            int base = head + 1;
            while (headSent < len) {
                int n = Math.min(frag, len - headSent);
                if (!link.trySendFragment(buf, base + headSent, n, headSent + n < len)) {
                    return false;
                }
                headSent += n;
            }
            head = base + len;
            headSent = 0;
            count--;
        }
        head = 0;
        tail = 0;
        return true;
    }

    /** For tests: the buffer's capacity in words. */
    int capacityWords() {
        return buf.length;
    }

    @Override
    public String toString() {
        return "SendQueue[count=" + count + ", words=" + Arrays.toString(Arrays.copyOfRange(buf, head, tail)) + "]";
    }
}
