package io.barreleye.caps;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.history.HistoryRecorder;
import io.barreleye.history.LinearizabilityChecker;
import io.barreleye.history.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Long histories of the capability operations of {@link CapsLincheckScenario} (thousands of
 * operations from three client threads on the threaded runtime), recorded without serialising the
 * clients and checked by {@link LinearizabilityChecker}, one part per quarter (the quarters'
 * children are independent objects). The cost of the check is printed per history.
 */
class CapsHistoryTest {
    static final String[] OPS = {"retype", "copy", "delete", "revoke", "held"};
    static final int CLIENTS = 3;

    /** Runs {@code perClient} random operations from each of {@link #CLIENTS} threads against {@code clients}. */
    static List<Op> record(CapsLincheckScenario clients, long seed, int perClient) throws InterruptedException {
        HistoryRecorder rec = new HistoryRecorder();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            HistoryRecorder.Log log = rec.log(t);
            SplittableRandom rnd = new SplittableRandom(seed * 31 + t);
            threads.add(new Thread(() -> {
                for (int i = 0; i < perClient; i++) {
                    String name = OPS[rnd.nextInt(OPS.length)];
                    int core = rnd.nextInt(CapsLincheckScenario.CORES);
                    int q = rnd.nextInt(2);
                    log.record(name, new int[] {core, q}, (Supplier<Integer>) () -> run(clients, name, core, q));
                }
            }, "client-" + t));
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        return rec.history();
    }

    private static int run(CapsLincheckScenario c, String name, int core, int q) {
        return switch (name) {
            case "retype" -> c.retype(core, q);
            case "copy" -> c.copy(core, q);
            case "delete" -> c.delete(core, q);
            case "revoke" -> c.revoke(core, q);
            case "held" -> c.held(core, q);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static LinearizabilityChecker.Result check(List<Op> history) {
        LinearizabilityChecker<CapsLincheckScenario.Spec> checker = new LinearizabilityChecker<>(new CapsLincheckScenario.Spec(),
                (s, op) -> {
                    CapsLincheckScenario.Spec next = s.copy();
                    int answer = next.apply(op.name(), op.args()[0], op.args()[1]);
                    return op.result().equals(answer) ? next : null;
                });
        return checker.checkPerKey(history, op -> op.args()[1]);
    }

    /** Checks {@code history} {@code repeats} times and prints the cost per history. */
    static LinearizabilityChecker.Result timedCheck(String what, List<Op> history, int repeats) {
        LinearizabilityChecker.Result r = check(history);
        long t0 = System.nanoTime();
        for (int i = 0; i < repeats; i++) check(history);
        double ms = (System.nanoTime() - t0) / 1e6 / repeats;
        System.out.printf("%s: %d operations, %s (%d configurations); check %.2f ms per history, %.0f histories/s%n",
                what, history.size(), r.linearizable() ? "linearizable" : "NOT linearizable: " + r.detail(), r.configurations(), ms,
                1000 / ms);
        return r;
    }

    @Test
    void recordedHistoriesAreLinearizable() throws Exception {
        for (long seed = 16; seed < 16 + Long.getLong("caps.history.runs", 1); seed++) {
        List<Op> h = record(new CapsLincheckScenario(), seed, 700);
        LinearizabilityChecker.Result r = timedCheck("caps history (seed " + seed + ")", h, 20);
        if (!r.linearizable()) {
            java.nio.file.Files.write(java.nio.file.Path.of("target/caps-history-seed" + seed + ".txt"),
                    h.stream().sorted(java.util.Comparator.comparingLong(Op::call)).map(Op::toString).toList());
        }
        assertTrue(r.linearizable(), "seed " + seed + ": " + r.detail());
        }
    }

    @Tag("slow")
    @Test
    void longerHistoriesAreLinearizable() throws InterruptedException {
        for (long seed = 1; seed <= 5; seed++) {
            List<Op> h = record(new CapsLincheckScenario(), seed, 3_000);
            LinearizabilityChecker.Result r = timedCheck("caps history (seed " + seed + ")", h, 5);
            assertTrue(r.linearizable(), "seed " + seed + ": " + r.detail());
        }
    }

    /** With the owner's lock planted away, two concurrent retypes of one quarter both commit: no linearization. */
    @Test
    void plantedCommitWithoutLockIsNotLinearizable() throws InterruptedException {
        long seed = 16;
        List<Op> h = record(new CapsLincheckScenario.CommitWithoutLock(), seed, 700);
        LinearizabilityChecker.Result r = timedCheck("caps history, COMMIT_WITHOUT_LOCK (seed " + seed + ")", h, 20);
        assertFalse(r.linearizable(), "seed " + seed + ": the planted bug went unseen in " + h.size() + " operations");
    }
}
