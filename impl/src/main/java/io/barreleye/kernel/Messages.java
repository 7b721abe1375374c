package io.barreleye.kernel;

/**
 * The layout of a kernel message in channel words: word 0 holds the type (16 bits), the sender
 * core (16 bits) and the membership view (32 bits); the payload follows. Encoding writes into a
 * caller's buffer, so sending allocates nothing.
 */
public final class Messages {
    public static final int HEADER_WORDS = 1;

    private Messages() {}

    public static long header(int type, int from, int view) {
        return ((long) type << 48) | ((long) (from & 0xFFFF) << 32) | (view & 0xFFFFFFFFL);
    }

    public static int type(long header) {
        return (int) (header >>> 48);
    }

    public static int from(long header) {
        return (int) ((header >>> 32) & 0xFFFF);
    }

    public static int view(long header) {
        return (int) header;
    }
}
