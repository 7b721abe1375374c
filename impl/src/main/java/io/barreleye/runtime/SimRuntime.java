package io.barreleye.runtime;

import io.barreleye.kernel.Clock;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The deterministic simulation: one thread; at every step a seeded scheduler picks which live
 * core runs. Time is the step count. Faults are scheduled by step: a core crashes (removed for
 * good), or stops for a while (not scheduled). The same seed and faults give the same run, event
 * for event.
 */
public final class SimRuntime implements CoreRuntime {
    /**
     * A fault at a step: crash {@code core}, stop it for {@code duration} steps, or (when
     * {@code fromPeer >= 0}) delay the messages it receives from {@code fromPeer} for that long.
     */
    public record Fault(long step, int core, boolean crash, long duration, int fromPeer) {}

    private final long seed;
    private final SplittableRandom rnd;
    private final List<Fault> faults = new ArrayList<>();
    private long steps;
    private long delayedUntil;
    private final long[] stoppedUntil = new long[4096];

    public SimRuntime(long seed) {
        this.seed = seed;
        this.rnd = new SplittableRandom(seed);
    }

    /**
     * Nanoseconds of one core's time that one simulation step of that core stands for, in the
     * latency model: about the cost of handling one message. With n cores scheduled at random,
     * each core gets one step in n, so a machine-wide step is this divided by n.
     */
    public static final long NANOS_PER_CORE_STEP = 20;

    private boolean interconnectLatency;

    /**
     * Turns on the interconnect latency model ({@link InterconnectModel}): a message between cores
     * a and b is readable only after {@code Topology.estimatedLatencyNanos(a, b)} (by hops: same
     * cache, package, NUMA node, interconnect hops) has passed, and a core sends one message at a
     * time, converted to steps by {@link #NANOS_PER_CORE_STEP}. Without
     * it a message is readable at the next step whatever the distance, so NUMA-aware trees cannot
     * show their advantage.
     */
    public SimRuntime withInterconnectLatency() {
        this.interconnectLatency = true;
        return this;
    }

    /** Converts steps of a machine of {@code cores} cores to nanoseconds of the latency model. */
    public static double stepsToNanos(long steps, int cores) {
        return (double) steps * NANOS_PER_CORE_STEP / cores;
    }

    public long seed() {
        return seed;
    }

    public SimRuntime crashAt(long step, int core) {
        faults.add(new Fault(step, core, true, 0, -1));
        return this;
    }

    public SimRuntime stopAt(long step, int core, long duration) {
        faults.add(new Fault(step, core, false, duration, -1));
        return this;
    }

    /** From {@code step}, core {@code core} reads nothing from {@code fromPeer} for {@code duration} steps. */
    public SimRuntime delayAt(long step, int core, int fromPeer, long duration) {
        faults.add(new Fault(step, core, false, duration, fromPeer));
        return this;
    }

    @Override
    public Clock clock() {
        return () -> steps;
    }

    public long steps() {
        return steps;
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public long budget(long simSteps) {
        return simSteps;
    }

    @Override
    public boolean run(Machine m, CompletableFuture<?> done, long budget) {
        long limit = steps + budget;
        if (interconnectLatency) {
            m.setDeliveryDelay(new InterconnectModel(m, this));
        }
        int idleRounds = 0;
        while (!done.isDone()) {
            if (steps >= limit) return false;
            applyFaults(m);
            List<Kernel> live = m.live();
            if (live.isEmpty()) return false;
            Kernel k = live.get(rnd.nextInt(live.size()));
            steps++;
            if (stoppedUntil[k.id()] > steps) continue;
            if (k.step()) {
                idleRounds = 0;
            } else if (++idleRounds > 64L * live.size() && allQuiet(live)) {
                return done.isDone();
            }
        }
        return true;
    }

    private boolean allQuiet(List<Kernel> live) {
        if (steps < delayedUntil) return false; // delayed messages are still to be read
        for (Kernel k : live) {
            if (k.awaitingDelivery()) return false; // on the modelled interconnect, still to arrive
            if (stoppedUntil[k.id()] > steps || k.step()) return false;
        }
        return true;
    }

    private void applyFaults(Machine m) {
        for (Fault f : faults) {
            if (f.step() != steps) continue;
            if (!m.isAlive(f.core())) continue;
            if (f.crash()) m.removeCore(f.core());
            else if (f.fromPeer() >= 0) {
                m.kernel(f.core()).deferChannel(f.fromPeer(), steps + f.duration());
                delayedUntil = Math.max(delayedUntil, steps + f.duration());
            }
            else stoppedUntil[f.core()] = steps + f.duration();
        }
    }
}
