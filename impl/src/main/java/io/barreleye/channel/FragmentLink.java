package io.barreleye.channel;

/**
 * What {@link MessageChannel} needs from an endpoint: fragments that say whether another
 * fragment of the same message follows. URPC endpoints carry that in the header's MORE bit;
 * other endpoints are adapted by {@link PrefixFraming}.
 */
interface FragmentLink {
    /** Payload words one fragment can carry. */
    int fragmentWords();

    /** Writes {@code src[off .. off+len)} as one fragment; false = busy, nothing written. */
    boolean trySendFragment(long[] src, int off, int len, boolean more);

    /**
     * Copies the next fragment into {@code dst} at {@code off}.
     *
     * @return -1 if none, else its length, with {@link Header#FRAGMENT_MORE} set if more follow
     */
    int tryRecvFragment(long[] dst, int off);
}
