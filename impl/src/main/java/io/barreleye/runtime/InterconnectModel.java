package io.barreleye.runtime;

import io.barreleye.kernel.DeliveryDelay;
import io.barreleye.kernel.Machine;
import java.util.Arrays;

/**
 * The simulation's interconnect latency model, in simulation steps. A message from a to b
 * leaves a when a's previous message has left (a sender writes one cache line at a time: each
 * send occupies it for the line's transfer to b), and arrives {@code Topology.estimatedLatencyNanos(a, b)}
 * later. So a core that sends to many others pays for each in turn (the cost that makes broadcast
 * slow on large machines), and far cores cost more than near ones (what NUMA-aware trees exploit).
 * Nanoseconds become steps through {@link SimRuntime#NANOS_PER_CORE_STEP}, scaled by the number of
 * cores, since each core gets one step in n.
 */
final class InterconnectModel implements DeliveryDelay {
    private final Machine machine;
    private final SimRuntime sim;
    /** Per sender: the step at which its link is free for the next message. */
    private long[] freeAt = new long[0];

    InterconnectModel(Machine machine, SimRuntime sim) {
        this.machine = machine;
        this.sim = sim;
    }

    @Override
    public long delay(int from, int to) {
        if (from >= freeAt.length) freeAt = Arrays.copyOf(freeAt, Math.max(from + 1, machine.topology().size()));
        long now = sim.steps();
        long transfer = toSteps(machine.topology().estimatedLatencyNanos(from, to));
        long departs = Math.max(now, freeAt[from]);
        freeAt[from] = departs + transfer;
        return departs - now + transfer;
    }

    private long toSteps(long nanos) {
        return (nanos * machine.size() + SimRuntime.NANOS_PER_CORE_STEP - 1) / SimRuntime.NANOS_PER_CORE_STEP;
    }
}
