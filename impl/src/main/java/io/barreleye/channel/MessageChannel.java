package io.barreleye.channel;

/**
 * Messages of any length (up to {@code maxMessageWords}) over an {@link Endpoint}: what a
 * kernel uses. Owned by the endpoint's thread, like the endpoint.
 *
 * <p>A message longer than one slot is split into fragments; every fragment but the last carries
 * the MORE flag in its header. When the ring is busy the unsent rest of the message is copied
 * into the channel's send queue and {@link #flush} retries it; later messages queue behind it, so
 * the order of messages is the order of {@link #send} calls.
 */
public final class MessageChannel {
    private final FragmentLink link;
    private final int maxMessageWords;
    private final int fragmentWords;
    private final SendQueue queue;
    private long busyRetries;

    /** A message whose fragments did not all arrive in one {@link #receive} call waits here. */
    private final long[] assembly;
    private int assembled = -1;

    public MessageChannel(Endpoint e, int maxMessageWords) {
        if (maxMessageWords < 1) {
            throw new IllegalArgumentException("maxMessageWords must be >= 1: " + maxMessageWords);
        }
        this.link = e instanceof FragmentLink ? (FragmentLink) e : new PrefixFraming(e);
        this.maxMessageWords = maxMessageWords;
        this.fragmentWords = link.fragmentWords();
        this.queue = new SendQueue(4 * (maxMessageWords + 1));
        this.assembly = new long[maxMessageWords];
    }

    /**
     * Sends {@code msg[0 .. len)}, 1 <= len <= maxMessageWords.
     *
     * @return true if fully written to the ring now; false if (part of) it was queued
     */
    public boolean send(long[] msg, int len) {
        if (len < 1 || len > maxMessageWords) {
            throw new IllegalArgumentException("message length must be 1.." + maxMessageWords + ": " + len);
        }
        if (!queue.isEmpty() && !flush()) {
            queue.add(msg, 0, len); // FIFO: behind what is already waiting
            return false;
        }
        int off = 0;
        do {
            int n = Math.min(fragmentWords, len - off);
            if (!link.trySendFragment(msg, off, n, off + n < len)) {
                busyRetries++;
                queue.add(msg, off, len - off);
                return false;
            }
            off += n;
        } while (off < len);
        return true;
    }

    /** Retries queued fragments; true when the send queue is empty. */
    public boolean flush() {
        if (queue.isEmpty()) {
            return true;
        }
        if (queue.drainTo(link)) {
            return true;
        }
        busyRetries++;
        return false;
    }

    /**
     * Reassembles the next whole message into {@code buf} ({@code buf.length >= maxMessageWords}).
     *
     * @return its length, or -1 if no whole message is available yet
     */
    public int receive(long[] buf) {
        if (buf.length < maxMessageWords) {
            throw new IllegalArgumentException("buffer shorter than maxMessageWords: " + buf.length);
        }
        if (assembled >= 0) {
            return resume(buf);
        }
        // Fast path: fragments go straight into the caller's buffer.
        int got = 0;
        int r;
        do {
            r = link.tryRecvFragment(buf, got);
            if (r < 0) {
                if (got > 0) { // part of a message: keep it, the caller may pass another buffer
                    System.arraycopy(buf, 0, assembly, 0, got);
                    assembled = got;
                }
                return -1;
            }
            got += r & Header.FRAGMENT_LENGTH;
        } while ((r & Header.FRAGMENT_MORE) != 0);
        return got;
    }

    private int resume(long[] buf) {
        int r;
        do {
            r = link.tryRecvFragment(assembly, assembled);
            if (r < 0) {
                return -1;
            }
            assembled += r & Header.FRAGMENT_LENGTH;
        } while ((r & Header.FRAGMENT_MORE) != 0);
        int len = assembled;
        System.arraycopy(assembly, 0, buf, 0, len);
        assembled = -1;
        return len;
    }

    /** Messages (or the unsent rest of one) waiting in the send queue. */
    public int queued() {
        return queue.size();
    }

    /** Times a send or flush found the ring busy. */
    public long busyRetries() {
        return busyRetries;
    }
}
