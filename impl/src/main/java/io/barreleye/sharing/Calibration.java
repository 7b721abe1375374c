package io.barreleye.sharing;

import io.barreleye.channel.Generation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The trade-off measurement in miniature, run at boot for one cache group: clients (the group's
 * members other than the home, at most the spare CPUs of this machine) each do {@code ops}
 * adds on a fresh shared copy under a lock, then on a fresh message replica; the cost per add of
 * each, the best of {@code repeats} tries. The caller picks the cheaper.
 */
public final class Calibration implements Calibrator {
    /** Time budget of one measurement: the whole calibration of a group stays under repeats x 2 x this. */
    static final long BUDGET_NANOS = 20_000_000;

    private final int ops;
    private final int repeats;
    private final Generation generation;

    public Calibration(int ops, int repeats, Generation generation) {
        if (ops < 1 || repeats < 1) throw new IllegalArgumentException("ops and repeats must be positive");
        this.ops = ops;
        this.repeats = repeats;
        this.generation = generation;
    }

    /** The boot default: 2000 adds per client, best of 3 (a few milliseconds per group). */
    public static Calibration atBoot() {
        return new Calibration(2_000, 3, Generation.EPOCH_ACK);
    }

    @Override
    public Measurement measure(int groupSize) {
        int clients = Math.max(1, Math.min(groupSize - 1, Runtime.getRuntime().availableProcessors() - 1));
        double shared = Double.MAX_VALUE;
        double messages = Double.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            try (GroupReplica s = new LockedReplica()) {
                shared = Math.min(shared, nanosPerOp(s, clients));
            }
            try (GroupReplica m = new MessageReplica(groupSize, generation)) {
                messages = Math.min(messages, nanosPerOp(m, clients));
            }
        }
        return new Measurement(shared, messages, clients);
    }

    /**
     * Clients 1..clients (member 0 is the home) each add up to {@code ops} times, stopping at the
     * time budget (so a loaded machine, where a message round trip can take a scheduler quantum,
     * does not stall the boot); ns per add per client over the adds done.
     */
    private double nanosPerOp(GroupReplica replica, int clients) {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] done = new long[clients + 1];
        long[] deadline = {0};
        for (int c = 1; c <= clients; c++) {
            int member = c;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                int i = 0;
                while (i == 0 || (i < ops && System.nanoTime() < deadline[0])) { // at least one add, however late it starts
                    replica.add(member, 1);
                    i++;
                }
                done[member] = i;
            }, "calibrate-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long t0 = System.nanoTime();
        deadline[0] = t0 + BUDGET_NANOS; // published to the clients by the latch
        go.countDown();
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Double.MAX_VALUE;
            }
        }
        long elapsed = System.nanoTime() - t0;
        long total = 0;
        for (long d : done) total += d;
        if (replica.get(0) != total) throw new IllegalStateException(replica.mode() + " replica lost updates during calibration");
        return total == 0 ? Double.MAX_VALUE : (double) elapsed * clients / total;
    }
}
