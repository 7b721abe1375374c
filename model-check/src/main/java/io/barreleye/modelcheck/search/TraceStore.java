package io.barreleye.modelcheck.search;

/**
 * For every distinct state, its fingerprint and the index of the state it was first reached from:
 * twelve bytes a state, in chunks, so a counterexample can be rebuilt by replaying the spec
 * along the fingerprints instead of keeping states in memory.
 */
public final class TraceStore {
    private static final int CHUNK_BITS = 16;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private long[][] fps = new long[16][];
    private int[][] parents = new int[16][];
    private int size;

    /** Appends a state; returns its index. */
    public synchronized int add(long fp, int parent) {
        int idx = size++;
        int c = idx >>> CHUNK_BITS;
        if (c >= fps.length) {
            fps = java.util.Arrays.copyOf(fps, fps.length * 2);
            parents = java.util.Arrays.copyOf(parents, parents.length * 2);
        }
        if (fps[c] == null) {
            fps[c] = new long[CHUNK];
            parents[c] = new int[CHUNK];
        }
        fps[c][idx & (CHUNK - 1)] = fp;
        parents[c][idx & (CHUNK - 1)] = parent;
        return idx;
    }

    public synchronized long fp(int idx) {
        return fps[idx >>> CHUNK_BITS][idx & (CHUNK - 1)];
    }

    public synchronized int parent(int idx) {
        return parents[idx >>> CHUNK_BITS][idx & (CHUNK - 1)];
    }

    public synchronized int size() {
        return size;
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
