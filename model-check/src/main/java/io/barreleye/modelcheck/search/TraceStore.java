package io.barreleye.modelcheck.search;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * For every distinct state, its fingerprint and the index of the state it was first reached from:
 * twelve bytes a state, in chunks, so a counterexample can be rebuilt by replaying the spec
 * along the fingerprints instead of keeping states in memory. Workers append concurrently: an
 * index is claimed atomically and only allocating a new chunk takes the lock. Reads happen after
 * the workers of a level have been joined.
 */
public final class TraceStore {
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private volatile long[][] fps = new long[16][];
    private volatile int[][] parents = new int[16][];
    private final AtomicInteger size = new AtomicInteger();

    /** Appends a state; returns its index. */
    public int add(long fp, int parent) {
        int idx = size.getAndIncrement();
        int c = idx >>> CHUNK_BITS;
        long[][] f = fps;
        if (c >= f.length || f[c] == null) f = grow(c);
        f[c][idx & (CHUNK - 1)] = fp;
        parents[c][idx & (CHUNK - 1)] = parent;
        return idx;
    }

    private synchronized long[][] grow(int c) {
        if (c >= fps.length) {
            int n = Math.max(fps.length * 2, c + 1);
            parents = Arrays.copyOf(parents, n);
            fps = Arrays.copyOf(fps, n);
        }
        if (fps[c] == null) {
            parents[c] = new int[CHUNK];
            fps[c] = new long[CHUNK];
        }
        return fps;
    }

    public long fp(int idx) {
        return fps[idx >>> CHUNK_BITS][idx & (CHUNK - 1)];
    }

    public int parent(int idx) {
        return parents[idx >>> CHUNK_BITS][idx & (CHUNK - 1)];
    }

    public int size() {
        return size.get();
    }

    /** Fingerprints from an initial state to {@code idx}, in order. */
    public long[] path(int idx) {
        int n = 0;
        for (int i = idx; i >= 0; i = parent(i)) n++;
        long[] out = new long[n];
        for (int i = idx, k = n - 1; i >= 0; i = parent(i), k--) out[k] = fp(i);
        return out;
    }

    public long bytes() {
        long n = 0;
        for (long[] c : fps) {
            if (c != null) n += 12L * c.length;
        }
        return n;
    }
}
