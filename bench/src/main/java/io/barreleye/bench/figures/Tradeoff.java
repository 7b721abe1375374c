package io.barreleye.bench.figures;

import io.barreleye.channel.Endpoint;
import io.barreleye.channel.Generation;
import io.barreleye.channel.Urpc;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The seed's trade-off experiment (Baumann et al., SOSP 2009, figure 3): n client threads each
 * update k shared cache lines directly, without locking, versus each client sends one URPC
 * message per update to a server thread that applies the update to its own copy of the lines and
 * replies. Cost per operation is the clients' average time per update, in ns.
 *
 * <p>Shared lines are 128 bytes apart (one line and its adjacent-line prefetch partner); each
 * update is an opaque read and an opaque write of one word per line: a plain racy increment the
 * JIT may not merge or hoist, with no lock and no atomic read-modify-write, as in the seed's C.
 * A spinning thread yields after {@link #SPINS_BEFORE_YIELD} idle polls so that an
 * oversubscribed machine still makes progress (the measurement then includes the scheduler).
 */
public final class Tradeoff {
    static final int LINE_LONGS = 16;
    static final int MAX_LINES = 8;
    static final int SPINS_BEFORE_YIELD = 1 << 12;
    private static final int SLOTS = 16;

    /** How long each point is measured, and how long it is warmed up first. */
    public record Settings(long warmupMillis, long measureMillis, int maxClients, int maxLines) {
        public Settings {
            if (maxClients < 1) throw new IllegalArgumentException("clients must be at least 1: " + maxClients);
            if (maxLines < 1 || maxLines > MAX_LINES) throw new IllegalArgumentException("lines must be 1.." + MAX_LINES);
        }
    }

    /** ns per operation: shared[n-1][k-1], and messages per generation [n-1][k-1]. */
    public record Result(double[][] shared, Map<Generation, double[][]> messages) {
        /** The smallest n at which messages (best generation) cost less than sharing k lines, or -1. */
        public int crossover(int k) {
            for (int n = 1; n <= shared.length; n++) {
                if (bestMessages(n, k) < shared[n - 1][k - 1]) return n;
            }
            return -1;
        }

        double bestMessages(int n, int k) {
            double best = Double.MAX_VALUE;
            for (double[][] m : messages.values()) best = Math.min(best, m[n - 1][k - 1]);
            return best;
        }
    }

    private Tradeoff() {}

    /** Runs every point: n = 1..maxClients, k = 1..maxLines, shared and both URPC generations. */
    public static Result measure(Settings s) throws InterruptedException {
        double[][] shared = new double[s.maxClients()][s.maxLines()];
        Map<Generation, double[][]> messages = new LinkedHashMap<>();
        for (Generation g : Generation.values()) messages.put(g, new double[s.maxClients()][s.maxLines()]);
        for (int n = 1; n <= s.maxClients(); n++) {
            for (int k = 1; k <= s.maxLines(); k++) {
                sharedLines(n, k, s.warmupMillis());
                shared[n - 1][k - 1] = sharedLines(n, k, s.measureMillis());
                for (Generation g : Generation.values()) {
                    messagesToServer(g, n, k, s.warmupMillis());
                    messages.get(g)[n - 1][k - 1] = messagesToServer(g, n, k, s.measureMillis());
                }
            }
        }
        return new Result(shared, messages);
    }

    /** The figure: shared k = 1..K, messages k = 1 and K for each generation; notes hold the crossovers. */
    public static Figure figure(Result r, String conditions) {
        int clients = r.shared().length;
        int lines = r.shared()[0].length;
        List<Figure.Series> series = new ArrayList<>();
        for (int k = 1; k <= lines; k++) series.add(column("shared, " + k + " line" + (k == 1 ? "" : "s"), r.shared(), k));
        for (Map.Entry<Generation, double[][]> e : r.messages().entrySet()) {
            series.add(column("URPC " + e.getKey() + ", 1 line", e.getValue(), 1));
            if (lines > 1) series.add(column("URPC " + e.getKey() + ", " + lines + " lines", e.getValue(), lines));
        }
        Map<String, String> notes = new LinkedHashMap<>();
        for (int k = 1; k <= lines; k++) {
            int n = r.crossover(k);
            notes.put("crossover k=" + k, n < 0 ? "none up to n=" + clients
                    : String.format(Locale.ROOT, "n=%d (shared %.0f ns, messages %.0f ns)", n, r.shared()[n - 1][k - 1],
                    r.bestMessages(n, k)));
        }
        return new Figure("tradeoff", "Shared cache lines vs URPC messages to a server", "line", "client threads (n)",
                "ns per operation", List.of(), series, notes, conditions);
    }

    private static Figure.Series column(String label, double[][] table, int k) {
        double[] x = new double[table.length];
        double[] y = new double[table.length];
        for (int n = 1; n <= table.length; n++) {
            x[n - 1] = n;
            y[n - 1] = table[n - 1][k - 1];
        }
        return new Figure.Series(label, x, y);
    }

    /** n clients each increment k shared lines per operation for {@code millis}; ns per operation. */
    static double sharedLines(int n, int k, long millis) throws InterruptedException {
        AtomicLongArray lines = new AtomicLongArray(MAX_LINES * LINE_LONGS + LINE_LONGS);
        Run run = new Run(n, millis);
        for (int c = 0; c < n; c++) {
            int me = c;
            run.start(() -> {
                long ops = 0;
                while (!run.stop) {
                    for (int j = 1; j <= k; j++) {
                        int i = j * LINE_LONGS; // line 0 is left as padding before the first shared line
                        lines.setOpaque(i, lines.getOpaque(i) + 1);
                    }
                    if (++ops == 1) run.firstOp.countDown();
                }
                run.ops[me * LINE_LONGS] = ops;
            });
        }
        return run.finish();
    }

    /**
     * n clients, one server: each client sends one one-word message per operation on its own
     * URPC channel and waits for the server's reply; the server polls every channel and applies
     * each update to its k private lines. ns per operation (a round trip).
     */
    static double messagesToServer(Generation g, int n, int k, long millis) throws InterruptedException {
        Urpc.Pair[] pairs = new Urpc.Pair[n];
        for (int c = 0; c < n; c++) pairs[c] = Urpc.duplex(g, SLOTS);
        Run run = new Run(n, millis);
        run.startServer(() -> {
            long[] local = new long[MAX_LINES * LINE_LONGS + LINE_LONGS];
            long[] msg = new long[Endpoint.PAYLOAD_WORDS];
            int idle = 0;
            while (!run.stop) {
                boolean any = false;
                for (Urpc.Pair p : pairs) {
                    if (p.b().tryRecv(msg) < 0) continue;
                    any = true;
                    for (int j = 1; j <= k; j++) local[j * LINE_LONGS] += msg[0];
                    while (!p.b().trySend(msg, 1) && !run.stop) Thread.onSpinWait();
                }
                idle = any ? 0 : backOff(idle);
            }
            run.sink = local[LINE_LONGS];
        });
        for (int c = 0; c < n; c++) {
            int me = c;
            Endpoint e = pairs[c].a();
            run.start(() -> {
                long[] msg = {1, 0, 0, 0, 0, 0, 0};
                long[] reply = new long[Endpoint.PAYLOAD_WORDS];
                long ops = 0;
                while (!run.stop) {
                    int idle = 0;
                    while (!e.trySend(msg, 1)) {
                        if (run.stop) break;
                        idle = backOff(idle);
                    }
                    while (e.tryRecv(reply) < 0) {
                        if (run.stop) break;
                        idle = backOff(idle);
                    }
                    if (!run.stop && ++ops == 1) run.firstOp.countDown();
                }
                run.ops[me * LINE_LONGS] = ops;
            });
        }
        return run.finish();
    }

    private static int backOff(int idle) {
        if (++idle < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
            return idle;
        }
        Thread.yield();
        return 0;
    }

    /** One measured phase: the threads start together, run for a fixed time, and report their counts. */
    private static final class Run {
        final long[] ops;
        final long millis;
        final CountDownLatch ready;
        final CountDownLatch go = new CountDownLatch(1);
        /** Counted down by the first operation any client completes: the interval lasts until there is one. */
        final CountDownLatch firstOp = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        volatile boolean stop;
        volatile long sink;
        long startNanos;
        long endNanos;

        Run(int clients, long millis) {
            this.ops = new long[clients * LINE_LONGS]; // one padded counter per client, written once at the end
            this.millis = millis;
            this.ready = new CountDownLatch(clients);
        }

        void start(Runnable client) {
            spawn(() -> {
                ready.countDown();
                await(go);
                client.run();
            }, "client-" + threads.size());
        }

        void startServer(Runnable server) {
            spawn(server, "server");
        }

        private void spawn(Runnable r, String name) {
            Thread t = new Thread(r, "tradeoff-" + name);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }

        /** Starts the clients, waits out the measurement, stops everyone; ns per operation per client. */
        double finish() throws InterruptedException {
            ready.await();
            startNanos = System.nanoTime();
            go.countDown();
            Thread.sleep(millis); // the measured interval itself, not synchronisation
            // on an overloaded machine a round trip can take longer than a short interval: the
            // interval then lasts until one operation completed (at most a minute), so it is never empty
            firstOp.await(60, java.util.concurrent.TimeUnit.SECONDS);
            stop = true;
            endNanos = System.nanoTime();
            for (Thread t : threads) t.join();
            long total = 0;
            int clients = ops.length / LINE_LONGS;
            for (int c = 0; c < clients; c++) total += ops[c * LINE_LONGS];
            return total == 0 ? Double.NaN : (double) (endNanos - startNanos) * clients / total;
        }

        private static void await(CountDownLatch l) {
            try {
                l.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
