package io.barreleye.channel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A one-way ring of N slots of one cache line each: 7 payload words then the header word.
 *
 * <p>The slots live in one {@code long[]} with {@link #PAD_WORDS} words of padding at each end,
 * so that no other object (in particular the ring in the other direction, or either endpoint's
 * private state) shares a cache line or an adjacent-line prefetch pair with a slot. The JVM only
 * aligns arrays to 8 bytes, so a slot may straddle two lines; both belong to this ring.
 *
 * <p>Memory ordering: payload words are plain stores followed by a release store of the header
 * ({@link #publish}); the reader polls the header with an acquire load ({@link #header}) and only
 * then reads the payload. Header written last = slot visible as a whole.
 */
final class Ring {
    static final int SLOT_WORDS = 8;
    static final int HEADER_WORD = 7;
    /** 128 bytes: two cache lines, against adjacent-line prefetch. */
    static final int PAD_WORDS = 16;

    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    final int slots;
    private final long[] words;

    Ring(int slots, long emptyHeader) {
        this.slots = slots;
        this.words = new long[PAD_WORDS + slots * SLOT_WORDS + PAD_WORDS];
        for (int i = 0; i < slots; i++) {
            words[headerIndex(i)] = emptyHeader;
        }
        // Safe publication of the initial headers is the job of whoever hands the ring's
        // endpoints to their threads (Thread.start / a final field of the endpoint).
    }

    private static int base(int slot) {
        return PAD_WORDS + slot * SLOT_WORDS;
    }

    private static int headerIndex(int slot) {
        return base(slot) + HEADER_WORD;
    }

    /** Acquire load: everything written before the matching {@link #publish} is visible after. */
    long header(int slot) {
        return (long) WORDS.getAcquire(words, headerIndex(slot));
    }

    /** Release store: the payload written before becomes visible with (not after) the header. */
    void publish(int slot, long header) {
        WORDS.setRelease(words, headerIndex(slot), header);
    }

    /** Plain stores of the payload; must be followed by {@link #publish}. */
    void writePayload(int slot, long[] src, int off, int len) {
        System.arraycopy(src, off, words, base(slot), len);
    }

    /** The first payload word of a slot, for observers (who hold the channel's lock). */
    long firstWord(int slot) {
        return words[base(slot)];
    }

    /** Plain loads of the payload; must be preceded by an acquire {@link #header} of the slot. */
    void readPayload(int slot, long[] dst, int off, int len) {
        System.arraycopy(words, base(slot), dst, off, len);
    }
}
