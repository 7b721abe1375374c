package io.barreleye.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.ChannelFault;
import io.barreleye.channel.Endpoint;
import io.barreleye.channel.Generation;
import io.barreleye.channel.Urpc;
import io.barreleye.modelcheck.trace.TraceValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channels recorded per core, without a lock ({@link PerCoreUrpcRecorder}): correct runs, simulated
 * and on threads, conform to specs/Urpc.tla once the two logs are merged by happens-before; a
 * receiver that copied out a payload other than the one written (a planted bug on real threads, or
 * logs fed a racy interleaving) diverges at its Recv; logs that admit no order fail the run.
 */
class PerCoreRecordingTest {
    @TempDir
    Path tmp;

    private TraceValidator.Result validate(UrpcMapping map, String name) throws IOException {
        return map.checked(Validation.written(tmp.resolve(name + ".ndjson"), map.lines()));
    }

    /** The simulation's schedule recorded per core: the merge yields a conforming trace of as many events as the locked recording. */
    @Test
    void simulatedRunsRecordedPerCoreConform() throws IOException {
        for (Generation g : Generation.values()) {
            long events = 0;
            for (long seed = 1; seed <= 30; seed++) {
                int slots = 2 + (int) (seed % 4);
                if (g == Generation.EPOCH_ACK && slots < 3) slots = 3;
                UrpcMapping perCore = UrpcDriver.simulateWith(ChannelRecording.PER_CORE, Set.of(), g, slots, 30, seed);
                TraceValidator.Result r = validate(perCore, "per-core-" + g + "-" + seed);
                assertTrue(r.conforms(), g + " seed " + seed + ": " + r.diagnosis());
                assertEquals(UrpcDriver.simulate(g, slots, 30, seed).size(), perCore.size(), g + " seed " + seed);
                events += perCore.size();
            }
            System.out.println("URPC " + g + " simulated, recorded per core: seeds 1..30 conform, " + events + " events");
        }
    }

    /** Correct channels on two threads, no lock taken: every merged trace conforms. */
    @Test
    void threadedRunsRecordedPerCoreConform() throws Exception {
        threadedRunsConform(6, 100);
    }

    /** As above, many more and longer runs (the more the two threads overlap, the more orders the merge meets). */
    @Test
    @Tag("slow")
    void manyThreadedRunsRecordedPerCoreConform() throws Exception {
        threadedRunsConform(100, 1_000);
    }

    private void threadedRunsConform(int runs, int messages) throws Exception {
        for (Generation g : Generation.values()) {
            long events = 0;
            long start = System.nanoTime();
            for (int run = 1; run <= runs; run++) {
                int slots = 3 + run % 3;
                UrpcMapping map = UrpcDriver.threads(g, slots, messages, 60_000);
                TraceValidator.Result r = validate(map, "threads-" + g + "-" + run);
                assertTrue(r.conforms(), g + " run " + run + " (" + slots + " slots): " + r.diagnosis());
                assertEquals(2L * messages, map.dataMessages());
                events += r.totalEvents();
            }
            System.out.printf("URPC %s on threads, recorded per core: %d runs of %d messages each way conform, %d events, %.1f s%n", g, runs,
                    messages, events, (System.nanoTime() - start) / 1e9);
        }
    }

    /** A receiver that copies out the next slot's payload, on real threads with no lock: caught at its Recv. */
    @Test
    void readsNextSlotOnThreadsDivergesAtRecv() throws Exception {
        for (Generation g : Generation.values()) {
            UrpcMapping map = UrpcDriver.threadsWith(Set.of(ChannelFault.READS_NEXT_SLOT), g, 4, 50, 10_000);
            TraceValidator.Result r = validate(map, "reads-next-" + g);
            assertFalse(r.conforms(), g + " conformed");
            assertTrue(r.diagnosis().contains("Recv("), r.diagnosis());
            assertNull(map.orderProblem(), "the logs do admit an order; the payload read is what is wrong");
        }
    }

    /**
     * HEADER_BEFORE_PAYLOAD free-running on two threads, recorded per core and (for comparison)
     * locked: a measurement of how often the window between header and payload is hit (printed);
     * every run that diverges must do so at a Recv, with logs that admit an order (the bug is in
     * the payload, not in the order).
     */
    @Test
    @Tag("slow")
    void freeRunningHeaderBeforePayloadIsCaughtWhenTheWindowIsHit() throws Exception {
        for (ChannelRecording recording : ChannelRecording.values()) {
            for (Generation g : Generation.values()) {
                int runs = 200;
                int caught = 0;
                for (int run = 1; run <= runs; run++) {
                    UrpcMapping map = UrpcDriver.threadsWith(recording, Set.of(ChannelFault.HEADER_BEFORE_PAYLOAD), g, 4, 200, 10_000);
                    TraceValidator.Result r = validate(map, "free-late-" + recording + "-" + g + "-" + run);
                    if (r.conforms()) continue;
                    caught++;
                    assertNull(map.orderProblem(), g + " run " + run);
                    assertTrue(r.diagnosis().contains("Recv(") && r.diagnosis().contains("rcvd"), g + " run " + run + ": " + r.diagnosis());
                }
                System.out.println("HEADER_BEFORE_PAYLOAD " + g + " free-running on two threads, recorded " + recording + ": caught in " + caught
                        + " of " + runs + " runs (200 messages each way, 4 slots)");
            }
        }
    }

    /**
     * HEADER_BEFORE_PAYLOAD on two real threads, the interleaving fixed by handing turns over (a
     * semaphore per thread, no sleeps): the receiver takes the slot after the header is out and
     * before the payload lands, records the stale words it copied, and the trace diverges at that
     * Recv; the same two threads with the sender's next call in between conform.
     */
    @Test
    void aPayloadReadBeforeItLandsDivergesOnThreads() throws Exception {
        for (Generation g : Generation.values()) {
            UrpcMapping racy = inTurns(g, true);
            TraceValidator.Result r = validate(racy, "late-payload-" + g);
            assertFalse(r.conforms(), g + ": a stale payload conformed");
            assertTrue(r.diagnosis().contains("Recv(1)") && r.diagnosis().contains("rcvd"), r.diagnosis());

            UrpcMapping landed = inTurns(g, false);
            TraceValidator.Result ok = validate(landed, "landed-payload-" + g);
            assertTrue(ok.conforms(), g + ": " + ok.diagnosis());
        }
    }

    /** Side a sends one word (header first, payload held back), side b receives, each on its own thread, in the order asked. */
    private static UrpcMapping inTurns(Generation g, boolean readBeforeLanding) throws InterruptedException {
        PerCoreUrpcRecorder rec = new PerCoreUrpcRecorder(g, 3, 0, 1);
        Urpc.Pair p = Urpc.duplex(g, 3, rec, Set.of(ChannelFault.HEADER_BEFORE_PAYLOAD));
        Semaphore aTurn = new Semaphore(0);
        Semaphore bTurn = new Semaphore(0);
        long[] got = new long[Endpoint.PAYLOAD_WORDS];
        Thread a = new Thread(() -> {
            assertTrue(p.a().trySend(new long[] {77}, 1));
            if (readBeforeLanding) {
                bTurn.release();
                aTurn.acquireUninterruptibly();
            }
            assertEquals(-1, p.a().tryRecv(new long[Endpoint.PAYLOAD_WORDS]), "nothing for a; the held-back payload lands now");
            if (!readBeforeLanding) bTurn.release();
        });
        Thread b = new Thread(() -> {
            bTurn.acquireUninterruptibly();
            assertEquals(1, p.b().tryRecv(got));
            aTurn.release();
        });
        a.start();
        b.start();
        a.join();
        b.join();
        assertEquals(readBeforeLanding ? 0 : 77, got[0]);
        return rec.mapping();
    }

    // Logs fed directly: headers as the channel writes them (generation B: used bit 1, length in
    // bits 3..5; generation A: epoch bit 0, length, piggybacked ack in bits 16..31).
    private static final long ONE_WORD_B = 1 | 1 << 3;
    private static final long ONE_WORD_A = 1 << 3;

    private static ChannelStep send(int side, long next, long taken, long header, long word) {
        return new ChannelStep("Send", side, next, taken, 0, taken, header, 0, new long[] {word});
    }

    /** A Recv that took {@code header} and copied out {@code word}; it stored 0 (generation B: the cleared header). */
    private static ChannelStep recv(int side, long next, long taken, long header, long word) {
        return new ChannelStep("Recv", side, next, taken, 0, 0, 0, header, new long[] {word});
    }

    private static ChannelStep busy(int side, long next, long taken) {
        return new ChannelStep("SendBusy", side, next, taken, 0, 0, 0, 0, new long[0]);
    }

    private static UrpcMapping fed(Generation g, int slots, List<ChannelStep> a, List<ChannelStep> b) {
        PerCoreUrpcRecorder rec = new PerCoreUrpcRecorder(g, slots, 0, 1);
        a.forEach(rec::log);
        b.forEach(rec::log);
        return rec.mapping();
    }

    /** A receiver's log that records a stale payload (the words before the write landed) for the position it took: diverges at that Recv. */
    @Test
    void aStalePayloadInTheReceiversLogDivergesAtRecv() throws IOException {
        UrpcMapping stale = fed(Generation.USED_BIT, 2, List.of(send(0, 1, 0, ONE_WORD_B, 7)),
                List.of(recv(1, 0, 1, ONE_WORD_B, 0)));
        TraceValidator.Result r = validate(stale, "fed-stale");
        assertFalse(r.conforms());
        assertTrue(r.diagnosis().contains("Recv can be taken, but the trace records rcvd[0][1]' = 0"), r.diagnosis());

        UrpcMapping fresh = fed(Generation.USED_BIT, 2, List.of(send(0, 1, 0, ONE_WORD_B, 7)),
                List.of(recv(1, 0, 1, ONE_WORD_B, 7)));
        assertTrue(validate(fresh, "fed-fresh").conforms());
    }

    /**
     * Generation B, store buffering: both sides clear a slot, then each is told busy by the slot
     * the other just cleared (each load passed its own core's store). Program order admits no
     * interleaving; the merge takes each SendBusy ahead of its side's Recv (they commute in the
     * spec) and the trace conforms.
     */
    @Test
    void storeBufferedBusyAnswersAreOrderedAheadOfTheirSidesRecv() throws IOException {
        Generation g = Generation.USED_BIT;
        List<ChannelStep> a = List.of(send(0, 1, 0, ONE_WORD_B, 10), send(0, 2, 0, ONE_WORD_B, 11), recv(0, 2, 1, ONE_WORD_B, 20),
                busy(0, 2, 1));
        List<ChannelStep> b = List.of(send(1, 1, 0, ONE_WORD_B, 20), send(1, 2, 0, ONE_WORD_B, 21), recv(1, 2, 1, ONE_WORD_B, 10),
                busy(1, 2, 1));
        UrpcMapping map = fed(g, 2, a, b);
        assertNull(map.orderProblem());
        TraceValidator.Result r = validate(map, "fed-store-buffering");
        assertTrue(r.conforms(), r.diagnosis());
        List<String> events = map.lines().subList(1, map.lines().size()).stream().map(l -> l.replaceAll(".*\"event\":\"(\\w+)\",\"core\":(\\d).*", "$1/$2"))
                .toList();
        assertEquals(List.of("Send/0", "Send/1", "Send/0", "Send/1", "SendBusy/0", "Recv/1", "SendBusy/1", "Recv/0"), events);
    }

    /** Generation A, each side's Recv logged before the Send it took: a cycle, reported, and the run fails whatever the trace says. */
    @Test
    void logsThatAdmitNoOrderFailTheRun() throws IOException {
        Generation g = Generation.EPOCH_ACK;
        List<ChannelStep> a = List.of(recv(0, 0, 1, ONE_WORD_A | 1L << 16, 20), send(0, 1, 1, ONE_WORD_A | 1L << 16, 10));
        List<ChannelStep> b = List.of(recv(1, 0, 1, ONE_WORD_A | 1L << 16, 10), send(1, 1, 1, ONE_WORD_A | 1L << 16, 20));
        UrpcMapping map = fed(g, 3, a, b);
        assertNotNull(map.orderProblem());
        assertTrue(map.orderProblem().contains("admit no order") && map.orderProblem().contains("core 0's Recv of position 0"), map.orderProblem());
        TraceValidator.Result r = validate(map, "fed-cycle");
        assertFalse(r.conforms());
        assertTrue(r.diagnosis().startsWith("the two endpoints' logs admit no happens-before order"), r.diagnosis());

        UrpcMapping otherHeader = fed(g, 3, List.of(send(0, 1, 0, ONE_WORD_A, 10)), List.of(recv(1, 0, 1, ONE_WORD_A | 1, 10)));
        assertTrue(otherHeader.orderProblem().contains("took header 0x9, but the write of that position stored 0x8"), otherHeader.orderProblem());
        UrpcMapping nobody = fed(g, 3, List.of(), List.of(recv(1, 0, 1, ONE_WORD_A, 10)));
        assertTrue(nobody.orderProblem().contains("never wrote"), nobody.orderProblem());
    }
}
