package io.barreleye.skb;

import io.barreleye.topology.Topology;
import java.util.Arrays;

/**
 * One-way core-to-core message latency in nanoseconds, for every ordered pair of a machine's
 * cores, and where the numbers came from: the hop model of a synthetic machine
 * ({@link #fromHopModel}) or a URPC round-trip calibration on the running machine
 * ({@link LatencyCalibration}). Immutable.
 */
public final class LatencyMatrix {
    private final long[][] nanos;
    private final String source;

    /**
     * @param nanos  square, non-negative, 0 on the diagonal
     * @param source how the numbers were obtained, for the facts listing
     */
    public LatencyMatrix(long[][] nanos, String source) {
        int n = nanos.length;
        this.nanos = new long[n][];
        for (int i = 0; i < n; i++) {
            if (nanos[i].length != n) {
                throw new IllegalArgumentException("latency matrix is not square (row " + i + ")");
            }
            this.nanos[i] = nanos[i].clone();
            for (int j = 0; j < n; j++) {
                if (nanos[i][j] < 0 || (i == j && nanos[i][j] != 0)) {
                    throw new IllegalArgumentException("bad latency " + nanos[i][j] + " ns from core " + i + " to " + j);
                }
            }
        }
        this.source = source;
    }

    /** The synthetic machine's latencies: {@link Topology#estimatedLatencyNanos} for every pair. */
    public static LatencyMatrix fromHopModel(Topology t) {
        long[][] m = new long[t.size()][t.size()];
        for (int i = 0; i < t.size(); i++) {
            for (int j = 0; j < t.size(); j++) {
                m[i][j] = t.estimatedLatencyNanos(i, j);
            }
        }
        return new LatencyMatrix(m, "hop model");
    }

    /** Number of cores. */
    public int size() {
        return nanos.length;
    }

    /** One-way latency from core {@code a} to core {@code b}. */
    public long nanos(int a, int b) {
        return nanos[a][b];
    }

    /** How the numbers were obtained ("hop model", "URPC round-trip calibration ..."). */
    public String source() {
        return source;
    }

    /** The largest entry (the diameter a tree's delivery can never beat with one hop). */
    public long max() {
        return Arrays.stream(nanos).flatMapToLong(Arrays::stream).max().orElse(0);
    }
}
