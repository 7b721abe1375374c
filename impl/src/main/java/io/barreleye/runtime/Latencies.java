package io.barreleye.runtime;

import java.util.Arrays;

/** Latency samples of one core, written only by that core; merged and summarised after a run. */
public final class Latencies {
    private long[] samples = new long[1024];
    private int n;

    public void add(long v) {
        if (n == samples.length) samples = Arrays.copyOf(samples, n * 2);
        samples[n++] = v;
    }

    public int count() {
        return n;
    }

    /** All samples of {@code parts}, sorted. */
    public static long[] merge(Iterable<Latencies> parts) {
        int total = 0;
        for (Latencies l : parts) total += l.n;
        long[] all = new long[total];
        int k = 0;
        for (Latencies l : parts) {
            System.arraycopy(l.samples, 0, all, k, l.n);
            k += l.n;
        }
        Arrays.sort(all);
        return all;
    }

    /** The p-th percentile (0..100) of sorted samples, nearest rank; 0 when empty. */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
