package io.barreleye.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The machine's bookkeeping of cores (boot, hot-plug, removal, liveness, channels) and what a
 * kernel reports about itself (whether a step did work, busy retries, messages still on the
 * modelled interconnect), each at the edges of its range; found missing by mutation testing.
 */
class MachineTest {
    private static final Topology SIXTEEN = Machines.named("single-16");

    private static Machine boot(SimRuntime rt, int cores) {
        return Machine.boot(SIXTEEN, cores, Generation.USED_BIT, 2, rt.clock());
    }

    /** Runs until nothing is left to do. */
    private static void settle(SimRuntime rt, Machine m) {
        rt.run(m, new CompletableFuture<>(), 100_000);
    }

    private static List<Integer> upTo(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(i);
        return out;
    }

    @Test
    void bootsOneToAllCoresOfTheTopologyWithTheBootViewOfExactlyThose() {
        for (int cores : new int[] {1, 2, SIXTEEN.size()}) {
            SimRuntime rt = new SimRuntime(1);
            Machine m = boot(rt, cores);
            assertEquals(cores, m.size());
            for (Kernel k : m.live()) assertEquals(new View(1, upTo(cores)), k.view(), cores + " cores: core " + k.id());
            settle(rt, m); // a lone core, with no channel at all, steps too
            assertTrue(m.kernel(0).quiet());
        }
        assertThrows(IllegalArgumentException.class, () -> boot(new SimRuntime(1), 0));
        assertThrows(IllegalArgumentException.class, () -> boot(new SimRuntime(1), SIXTEEN.size() + 1));
    }

    /**
     * An installed view tells the SKB which cores are live (service placement and multicast trees
     * read them); the kernel's surviving mutant removed that call. A topology of its own, so that
     * no other test's machine shares the SKB.
     */
    @Test
    void anInstalledViewTellsTheSkbWhichCoresAreLive() {
        Machine m = Machine.boot(Machines.named("single-16"), 3, Generation.USED_BIT, 2, new SimRuntime(1).clock());
        io.barreleye.skb.Skb skb = io.barreleye.skb.Skb.of(m.topology());
        assertEquals(List.of(0, 1, 2), skb.facts().liveCores());
        m.kernel(0).installView(new View(2, List.of(0, 1)));
        assertEquals(List.of(0, 1), skb.facts().liveCores());
    }

    @Test
    void hotPlugsUpToTheTopologysSize() {
        Machine m = boot(new SimRuntime(1), SIXTEEN.size() - 1);
        assertEquals(SIXTEEN.size() - 1, m.addCore().id());
        assertThrows(IllegalStateException.class, m::addCore);
    }

    @Test
    void removalUnbindsTheCoreEverywhereAndOnlyOnce() {
        SimRuntime rt = new SimRuntime(1);
        Machine m = boot(rt, 3);
        assertTrue(m.isAlive(0));
        assertTrue(m.isAlive(2));
        assertFalse(m.isAlive(3));
        assertFalse(m.isAlive(-1));
        settle(rt, m);
        assertTrue(m.kernel(0).connected(2));
        assertFalse(m.kernel(0).connected(0), "no channel to itself");
        assertFalse(m.kernel(0).connected(3));
        for (int peer = 3; peer < 40; peer++) assertFalse(m.kernel(0).connected(peer), "core " + peer + " was never booted");
        assertThrows(IllegalArgumentException.class, () -> m.removeCore(3));
        assertThrows(IllegalArgumentException.class, () -> m.removeCore(-1));
        m.removeCore(2);
        assertFalse(m.isAlive(2));
        assertThrows(IllegalArgumentException.class, () -> m.removeCore(2));
        settle(rt, m);
        assertFalse(m.kernel(0).connected(2), "core 0 unbound the removed core");
        assertFalse(m.kernel(1).connected(2), "core 1 unbound the removed core");
        assertTrue(m.kernel(0).connected(1));
        m.removeCore(0);
        assertEquals(List.of(1), m.live().stream().map(Kernel::id).toList());
        settle(rt, m);
        assertFalse(m.kernel(1).connected(0));
    }

    @Test
    void aStepSaysWhetherItDidAnything() {
        SimRuntime rt = new SimRuntime(1);
        Machine m = boot(rt, 2);
        settle(rt, m);
        Kernel k = m.kernel(0);
        assertFalse(k.step(), "an idle core");
        k.post(() -> {});
        assertTrue(k.step(), "a posted task");
        assertFalse(k.step());
        assertFalse(k.awaitingDelivery(), "no latency model: nothing is ever on the interconnect");
    }

    /** A 2-slot ring fills after two messages; the kernel sums its channels' busy retries. */
    @Test
    void busyRetriesCountEveryChannelsRetries() {
        SimRuntime rt = new SimRuntime(1);
        Machine m = boot(rt, 3);
        settle(rt, m);
        Kernel k = m.kernel(0);
        assertEquals(0, k.busyRetries());
        for (int i = 0; i < 3; i++) k.send(1, MessageType.PING, 1000 + i, 0, 0); // core 1 does not step
        assertEquals(1, k.busyRetries());
        for (int i = 0; i < 3; i++) k.send(2, MessageType.PING, 2000 + i, 0, 0);
        assertEquals(2, k.busyRetries(), "the third send to core 2 waits too");
        assertFalse(k.quiet(), "two messages wait in send queues");
        assertTrue(k.step(), "retrying a queued send is work, even when the ring is still full");
        settle(rt, m); // cores 1 and 2 read, so core 0's steps send what waited
        assertTrue(k.quiet(), "every queued message went out");
        assertEquals(3, m.kernel(1).received());
        assertEquals(3, m.kernel(2).received());
    }

    @Test
    void aPingMeasuresItsRoundTripOnTheClock() {
        SimRuntime rt = new SimRuntime(4);
        Machine m = boot(rt, 2);
        settle(rt, m);
        long sentAt = rt.clock().now();
        CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
        m.kernel(0).post(() -> m.kernel(0).monitor().ping(1).thenAccept(f::complete));
        assertTrue(rt.run(m, f, 10_000));
        long rtt = ((Outcome.Success<Long>) f.join()).value();
        assertTrue(rtt >= 2 && rtt <= rt.clock().now() - sentAt, "round trip " + rtt + " within " + (rt.clock().now() - sentAt));
    }

    @Test
    void aDeliveryDelayHoldsMessagesOnTheInterconnect() {
        SimRuntime rt = new SimRuntime(4);
        Machine m = boot(rt, 2);
        settle(rt, m);
        m.setDeliveryDelay((from, to) -> 1_000);
        CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
        m.kernel(0).post(() -> m.kernel(0).monitor().ping(1).thenAccept(f::complete));
        assertTrue(rt.run(m, f, 100_000));
        assertTrue(((Outcome.Success<Long>) f.join()).value() >= 2_000, "ping and pong each take 1000: " + f.join());
    }

    @Test
    void aRecorderSetOnTheMachineRecordsCoresAddedLater() {
        SimRuntime rt = new SimRuntime(2);
        Machine m = boot(rt, 2);
        List<String> events = new ArrayList<>();
        m.setRecorder((event, core, args) -> events.add(event + " " + core));
        Kernel added = m.addCore();
        CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
        added.post(() -> added.monitor().ping(0).thenAccept(f::complete));
        assertTrue(rt.run(m, f, 100_000));
        assertTrue(events.contains("Send 2") && events.contains("Recv 0") && events.contains("Recv 2"), events.toString());
    }

    @Test
    void onlyASuccessSucceeded() {
        assertTrue(Outcome.success(1).succeeded());
        assertFalse(Outcome.failure(Outcome.Reason.BUSY, "busy").succeeded());
    }
}
