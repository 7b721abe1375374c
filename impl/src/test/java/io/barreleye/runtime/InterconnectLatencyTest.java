package io.barreleye.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.topology.Machines;
import io.barreleye.vm.TreeShape;
import io.barreleye.vm.VmWorkload;
import org.junit.jupiter.api.Test;

/** The simulation's interconnect latency model: distance now costs time, and NUMA-aware trees gain from it. */
class InterconnectLatencyTest {
    private static final long SEED = 7;

    private static long medianUnmap(String machine, int cores, TreeShape shape, boolean latency) {
        SimRuntime rt = new SimRuntime(SEED);
        if (latency) rt.withInterconnectLatency();
        Machine m = Machine.boot(Machines.named(machine), cores, Generation.EPOCH_ACK, 8, rt.clock());
        VmWorkload w = VmWorkload.singleInitiator(20, shape);
        assertTrue(rt.run(m, w.start(m), 50_000_000L), "seed " + SEED + " did not complete");
        return Latencies.percentile(Latencies.merge(w.latencies()), 50);
    }

    private static long medianPing(String machine, int cores, boolean latency) {
        SimRuntime rt = new SimRuntime(SEED);
        if (latency) rt.withInterconnectLatency();
        Machine m = Machine.boot(Machines.named(machine), cores, Generation.EPOCH_ACK, 8, rt.clock());
        PingPongWorkload w = new PingPongWorkload(20);
        assertTrue(rt.run(m, w.start(m), 10_000_000L), "seed " + SEED + " did not complete");
        return Latencies.percentile(Latencies.merge(w.latencies()), 50);
    }

    @Test
    void aRoundTripCostsAtLeastTwiceTheModelledOneWayLatency() {
        // 2 cores of amd-4x4 share a cache: 40 ns one way, 2 cores -> 4 steps each way
        long steps = medianPing("amd-4x4", 2, true);
        long oneWay = (40 * 2 + SimRuntime.NANOS_PER_CORE_STEP - 1) / SimRuntime.NANOS_PER_CORE_STEP;
        assertTrue(steps >= 2 * oneWay, "round trip " + steps + " steps, one way " + oneWay);
        assertTrue(steps > medianPing("amd-4x4", 2, false), "the model must add time");
    }

    @Test
    void sameSeedSameLatencies() {
        assertEquals(medianUnmap("amd-4x4", 16, TreeShape.MULTICAST, true),
                medianUnmap("amd-4x4", 16, TreeShape.MULTICAST, true));
    }

    @Test
    void numaAwareMulticastBeatsBroadcastOnTheLargeMachine() {
        long numa = medianUnmap("amd-8x4", 32, TreeShape.NUMA_MULTICAST, true);
        long broadcast = medianUnmap("amd-8x4", 32, TreeShape.BROADCAST, true);
        assertTrue(numa < broadcast, "NUMA_MULTICAST " + numa + " steps vs BROADCAST " + broadcast);
    }

    @Test
    void aCrashedPeersMessagesInFlightDoNotKeepTheMachineBusy() {
        SimRuntime rt = new SimRuntime(SEED).withInterconnectLatency();
        rt.crashAt(30, 1);
        Machine m = Machine.boot(Machines.named("amd-4x4"), 4, Generation.EPOCH_ACK, 8, rt.clock());
        StormWorkload w = new StormWorkload(50);
        // core 1 dies mid-storm: the others never get all its messages, and the run must end (quiet), not spin
        assertTrue(!rt.run(m, w.start(m), 5_000_000L));
        assertTrue(rt.steps() < 5_000_000L, "ended at step " + rt.steps() + ": it ran to the budget");
    }
}
