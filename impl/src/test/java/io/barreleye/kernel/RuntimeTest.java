package io.barreleye.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.runtime.PingPongWorkload;
import io.barreleye.runtime.RunResult;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.runtime.StormWorkload;
import io.barreleye.runtime.ThreadRuntime;
import io.barreleye.runtime.Workload;
import io.barreleye.topology.Machines;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The same kernel code under the simulation and on threads. */
class RuntimeTest {
    static List<String> simulate(long seed, Generation g) {
        SimRuntime rt = new SimRuntime(seed);
        Machine m = Machine.boot(Machines.named("amd-4x4"), 6, g, 4, rt.clock());
        List<String> events = new ArrayList<>();
        m.setRecorder((event, core, args) -> events.add(event + " " + core + " " + java.util.Arrays.toString(args)));
        Workload w = new StormWorkload(5);
        assertTrue(rt.run(m, w.start(m), 1_000_000), "seed " + seed);
        return events;
    }

    @Test
    void sameSeedSameRunEventForEvent() {
        for (Generation g : Generation.values()) {
            List<String> a = simulate(42, g);
            List<String> b = simulate(42, g);
            assertEquals(a, b, "seed 42 replays identically (" + g + ")");
            assertEquals(2 * 6 * 5 * 5, a.size(), "every storm message is sent and received once");
            assertTrue(!a.equals(simulate(43, g)), "another seed interleaves differently");
        }
    }

    /**
     * A runtime run many times (a driver's runFor per step) ends each run's threads and forgets
     * them: it once kept every thread of every run and joined them all at each stop, quadratic in
     * the number of runs (a threaded capability driver run spent minutes in stop).
     */
    @Test
    void aThreadedRuntimeRunManyTimesHoldsNoThreadsBetweenRuns() {
        ThreadRuntime rt = new ThreadRuntime();
        Machine m = Machine.boot(Machines.named("single-16"), 3, Generation.USED_BIT, 4, rt.clock());
        for (int i = 0; i < 200; i++) {
            assertTrue(rt.run(m, CompletableFuture.completedFuture(null), 50), "run " + i);
            assertEquals(0, rt.threadsHeld(), "run " + i + " left its threads behind");
        }
    }

    @Test
    void pingPongUnderSimulationMeasuresRoundTripsInSteps() {
        SimRuntime rt = new SimRuntime(7);
        Machine m = Machine.boot(Machines.named("intel-2x4"), 4, Generation.EPOCH_ACK, 4, rt.clock());
        Workload w = new PingPongWorkload(50);
        assertTrue(rt.run(m, w.start(m), 1_000_000));
        RunResult r = RunResult.of(m, rt, 7L, w, true, 0);
        assertEquals(100, r.latencies().length, "50 round trips on each of 2 pairs");
        assertTrue(r.latencies()[0] >= 2, "a round trip takes at least two steps");
        assertEquals(2 * 50 * 2, r.messages(), r.format()); // 2 pairs x 50 rounds x (ping + pong)
    }

    @Test
    void crashFailsOperationsWaitingOnTheLostCoreInsteadOfHanging() {
        SimRuntime rt = new SimRuntime(3).stopAt(0, 1, Long.MAX_VALUE / 2).crashAt(50, 1);
        Machine m = Machine.boot(Machines.named("single-16"), 3, Generation.USED_BIT, 4, rt.clock());
        CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
        m.kernel(0).post(() -> m.kernel(0).monitor().ping(1).thenAccept(f::complete));
        assertTrue(rt.run(m, f, 10_000), "the ping resolves");
        Outcome<Long> o = f.join();
        assertTrue(o instanceof Outcome.Failure<Long> fl && fl.reason() == Outcome.Reason.CORE_FAILED, o.toString());
    }

    @Test
    void delayedMessagesArriveLateButArrive() {
        SimRuntime fast = new SimRuntime(5);
        SimRuntime slow = new SimRuntime(5).delayAt(0, 1, 0, 5_000);
        long[] rtt = new long[2];
        int i = 0;
        for (SimRuntime rt : new SimRuntime[] {fast, slow}) {
            Machine m = Machine.boot(Machines.named("single-16"), 2, Generation.USED_BIT, 4, rt.clock());
            CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
            m.kernel(0).post(() -> m.kernel(0).monitor().ping(1).thenAccept(f::complete));
            assertTrue(rt.run(m, f, 100_000));
            rtt[i++] = ((Outcome.Success<Long>) f.join()).value();
        }
        assertTrue(rtt[0] < 100 && rtt[1] >= 5_000, "delay shows in the round trip: " + rtt[0] + " vs " + rtt[1]);
    }

    @Test
    void hotPluggedCoreJoinsTheConversation() {
        SimRuntime rt = new SimRuntime(11);
        Machine m = Machine.boot(Machines.named("single-16"), 2, Generation.EPOCH_ACK, 4, rt.clock());
        Kernel added = m.addCore();
        CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
        added.post(() -> added.monitor().ping(0).thenAccept(f::complete));
        assertTrue(rt.run(m, f, 100_000));
        assertTrue(f.join().succeeded());
    }

    @Test
    void threadedStormLosesNothing() {
        for (Generation g : Generation.values()) {
            ThreadRuntime rt = new ThreadRuntime();
            Machine m = Machine.boot(Machines.named("amd-4x4"), 4, g, 16, rt.clock());
            StormWorkload w = new StormWorkload(50_000);
            assertTrue(rt.run(m, w.start(m), 120_000), "storm completes on threads (" + g + ")");
            RunResult r = RunResult.of(m, rt, null, w, true, 0);
            assertEquals(4L * 3 * 50_000, r.latencies().length, r.format());
            for (long[] c : r.perCore()) assertEquals(3L * 50_000, c[2], r.format());
        }
    }
}
