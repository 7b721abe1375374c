package io.barreleye.channel;

/**
 * Fragments over an {@link Endpoint} that is not a URPC ring (a simulated one, say): the first
 * word of each message carries the MORE flag, leaving 6 payload words per fragment.
 */
final class PrefixFraming implements FragmentLink {
    private final Endpoint endpoint;
    private final long[] scratch = new long[Endpoint.PAYLOAD_WORDS];

    PrefixFraming(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public int fragmentWords() {
        return Endpoint.PAYLOAD_WORDS - 1;
    }

    @Override
    public boolean trySendFragment(long[] src, int off, int len, boolean more) {
        scratch[0] = more ? 1L : 0L;
        System.arraycopy(src, off, scratch, 1, len);
        return endpoint.trySend(scratch, len + 1);
    }

    @Override
    public int tryRecvFragment(long[] dst, int off) {
        int n = endpoint.tryRecv(scratch);
        if (n < 1) {
            return -1;
        }
        System.arraycopy(scratch, 1, dst, off, n - 1);
        return (n - 1) | (scratch[0] != 0 ? Header.FRAGMENT_MORE : 0);
    }
}
