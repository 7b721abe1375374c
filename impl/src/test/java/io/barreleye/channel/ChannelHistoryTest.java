package io.barreleye.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.history.HistoryRecorder;
import io.barreleye.history.LinearizabilityChecker;
import io.barreleye.history.Op;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Long histories of {@link FullRingScenario} (a producer thread and a consumer thread, thousands
 * of operations each, on a 3-slot ring) recorded without serialising the two sides and checked by
 * {@link LinearizabilityChecker} against {@link RingModel}; the planted full-ring off-by-one must
 * make the history non-linearizable.
 */
class ChannelHistoryTest {
    static final int PER_SIDE = 3_000;

    static List<Op> record(FullRingScenario channel, long seed) throws InterruptedException {
        HistoryRecorder rec = new HistoryRecorder();
        HistoryRecorder.Log producerLog = rec.log(0);
        HistoryRecorder.Log consumerLog = rec.log(1);
        SplittableRandom rnd = new SplittableRandom(seed);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < PER_SIDE; i++) {
                int len = 1 + rnd.nextInt(Endpoint.PAYLOAD_WORDS);
                producerLog.record("trySend", new int[] {len}, (Supplier<Object>) () -> channel.trySend(len));
            }
        });
        Thread consumer = new Thread(() -> {
            for (int i = 0; i < PER_SIDE; i++) {
                consumerLog.record("tryRecv", new int[0], (Supplier<Object>) channel::tryRecv);
            }
        });
        producer.start();
        consumer.start();
        producer.join();
        consumer.join();
        return rec.history();
    }

    static LinearizabilityChecker.Result check(List<Op> h, FullRingScenario.Spec initial) {
        return new LinearizabilityChecker<>(initial, (FullRingScenario.Spec s, Op op) -> {
            FullRingScenario.Spec next = s.copy();
            Object answer = op.name().equals("trySend") ? (Object) next.trySend(op.args()[0]) : (Object) next.tryRecv();
            return answer.equals(op.result()) ? next : null;
        }).check(h);
    }

    static LinearizabilityChecker.Result timed(String what, List<Op> h, FullRingScenario.Spec initial) {
        LinearizabilityChecker.Result r = check(h, initial);
        int repeats = 10;
        long t0 = System.nanoTime();
        for (int i = 0; i < repeats; i++) check(h, initial);
        double ms = (System.nanoTime() - t0) / 1e6 / repeats;
        System.out.printf("%s: %d operations, %s (%d configurations); check %.2f ms per history, %.0f histories/s%n", what, h.size(),
                r.linearizable() ? "linearizable" : "NOT linearizable: " + r.detail(), r.configurations(), ms, 1000 / ms);
        return r;
    }

    @Test
    void bothGenerationsGiveLinearizableHistories() throws InterruptedException {
        long seed = 16;
        LinearizabilityChecker.Result a = timed("gen A channel history (seed " + seed + ")", record(new EpochAckFullRingLincheckTest(), seed),
                new FullRingScenario.EpochAckSpec());
        assertTrue(a.linearizable(), "seed " + seed + ": " + a.detail());
        LinearizabilityChecker.Result b = timed("gen B channel history (seed " + seed + ")", record(new UsedBitFullRingLincheckTest(), seed),
                new FullRingScenario.UsedBitSpec());
        assertTrue(b.linearizable(), "seed " + seed + ": " + b.detail());
    }

    @Test
    void plantedFullRingOffByOneIsNotLinearizable() throws InterruptedException {
        long seed = 16;
        LinearizabilityChecker.Result r = timed("gen A channel history, FULL_RING_OFF_BY_ONE (seed " + seed + ")",
                record(new EpochAckFullRingLincheckTest.OffByOne(), seed), new FullRingScenario.EpochAckSpec());
        assertFalse(r.linearizable(), "seed " + seed + ": the planted bug went unseen");
    }
}
