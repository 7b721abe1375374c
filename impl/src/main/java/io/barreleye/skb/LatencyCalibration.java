package io.barreleye.skb;

import io.barreleye.channel.Endpoint;
import io.barreleye.channel.Generation;
import io.barreleye.channel.Urpc;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures the running machine's core-to-core latency: for every pair of cores, two threads
 * exchange one-word messages over a URPC channel for a few milliseconds, and half the median
 * round trip is the pair's one-way latency. Pairs are measured in rounds of disjoint pairs (a
 * round-robin tournament schedule), each round's pairs in parallel, so n cores take n-1 rounds.
 *
 * <p>Java cannot pin a thread to a CPU, so what is measured is the latency between two threads
 * wherever the scheduler runs them: on an idle machine that is mostly distinct cores, and the
 * numbers show what messages actually cost here. The result is cached once per process.
 */
public final class LatencyCalibration {
    /** How long each pair exchanges messages. */
    static final long PER_PAIR_NANOS = 3_000_000;
    /** Round trips discarded before measuring (JIT, caches). */
    static final int WARM_UP = 200;

    private static LatencyMatrix host;

    private LatencyCalibration() {
    }

    /** The host's matrix, measured on first use and cached for the process. */
    static synchronized LatencyMatrix host(Topology t) {
        if (host == null || host.size() != t.size()) host = measure(t.size(), PER_PAIR_NANOS);
        return host;
    }

    /** Measures {@code n} cores, each pair for about {@code perPairNanos}. */
    static LatencyMatrix measure(int n, long perPairNanos) {
        long[][] m = new long[n][n];
        for (List<int[]> round : rounds(n)) {
            List<Thread> threads = new ArrayList<>();
            long[] oneWay = new long[round.size()];
            for (int p = 0; p < round.size(); p++) {
                final int slot = p;
                Urpc.Pair ch = Urpc.duplex(Generation.EPOCH_ACK, 8);
                Thread echo = new Thread(() -> echo(ch.b()), "skb-calib-echo");
                Thread ping = new Thread(() -> oneWay[slot] = ping(ch.a(), perPairNanos), "skb-calib-ping");
                echo.setDaemon(true);
                ping.setDaemon(true);
                threads.add(echo);
                threads.add(ping);
            }
            threads.forEach(Thread::start);
            for (Thread th : threads) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("latency calibration interrupted", e);
                }
            }
            for (int p = 0; p < round.size(); p++) {
                int a = round.get(p)[0];
                int b = round.get(p)[1];
                m[a][b] = oneWay[p];
                m[b][a] = oneWay[p];
            }
        }
        return new LatencyMatrix(m, "URPC round-trip calibration (" + perPairNanos / 1_000_000 + " ms per pair, "
                + "median round trip / 2)");
    }

    /**
     * A round-robin tournament: n-1 rounds (n rounded up to even), every pair of 0..n-1 in exactly
     * one round, no core twice in a round.
     */
    static List<List<int[]>> rounds(int n) {
        int m = n % 2 == 0 ? n : n + 1;
        List<List<int[]>> out = new ArrayList<>();
        for (int r = 0; r < m - 1; r++) {
            List<int[]> round = new ArrayList<>();
            for (int i = 0; i < m / 2; i++) {
                int a = i == 0 ? m - 1 : (r + i) % (m - 1);
                int b = (r + m - 1 - i) % (m - 1);
                if (a < n && b < n) round.add(new int[] {Math.min(a, b), Math.max(a, b)});
            }
            out.add(round);
        }
        return out;
    }

    private static final long STOP = -1;

    /** Echoes every message back until it receives {@link #STOP}. */
    private static void echo(Endpoint e) {
        long[] buf = new long[Endpoint.PAYLOAD_WORDS];
        while (true) {
            if (e.tryRecv(buf) < 0) {
                Thread.onSpinWait();
                continue;
            }
            boolean stop = buf[0] == STOP;
            while (!e.trySend(buf, 1)) Thread.onSpinWait();
            if (stop) return;
        }
    }

    /** Round trips for about {@code forNanos}; half the median, in nanoseconds (at least 1). */
    private static long ping(Endpoint e, long forNanos) {
        long[] buf = new long[Endpoint.PAYLOAD_WORDS];
        long[] samples = new long[200_000];
        int count = 0;
        long end = System.nanoTime() + forNanos;
        for (int i = 0; count < samples.length; i++) {
            long t0 = System.nanoTime();
            buf[0] = i;
            while (!e.trySend(buf, 1)) Thread.onSpinWait();
            while (e.tryRecv(buf) < 0) Thread.onSpinWait();
            long rtt = System.nanoTime() - t0;
            if (i >= WARM_UP) samples[count++] = rtt;
            if (t0 > end && count > 0) break;
        }
        buf[0] = STOP;
        while (!e.trySend(buf, 1)) Thread.onSpinWait();
        while (e.tryRecv(buf) < 0) Thread.onSpinWait();
        long[] got = Arrays.copyOf(samples, count);
        Arrays.sort(got);
        return Math.max(1, got[count / 2] / 2);
    }
}
