package io.barreleye.bench.figures;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.runtime.CoreRuntime;
import io.barreleye.runtime.Latencies;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.runtime.ThreadRuntime;
import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import io.barreleye.vm.TreeShape;
import io.barreleye.vm.VmWorkload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Unmap (TLB shootdown) latency against core count, one series per multicast tree: core 0 maps,
 * touches and unmaps one page, {@code rounds} times, on an otherwise idle machine; the median is
 * plotted. On threads of this machine in ns; in the simulation with its interconnect latency
 * model ({@link SimRuntime#withInterconnectLatency}) for the paper's machines, in the model's ns.
 * The trees are {@link TreeShape#values()}: a tree added there is measured without a change here.
 */
public final class UnmapLatency {
    /** The paper's machines, simulated. */
    public static final List<String> SIMULATED = List.of("intel-2x4", "amd-4x4", "amd-8x4");
    private static final int SLOTS = 16;

    private UnmapLatency() {}

    /** The core counts measured on a machine of {@code size} cores: 2, 4, 6, ... and the whole machine. */
    static List<Integer> coreCounts(int size, int step) {
        List<Integer> out = new ArrayList<>();
        for (int c = 2; c <= size; c += step) out.add(c);
        if (out.isEmpty() || out.get(out.size() - 1) != size) out.add(size);
        return out;
    }

    /** Threads on this machine: cores 2..host cores, median ns. */
    public static Figure threads(int rounds, String conditions) {
        Topology host = Machines.host();
        List<Figure.Series> series = new ArrayList<>();
        Map<String, String> notes = new LinkedHashMap<>();
        List<Integer> counts = coreCounts(host.size(), 1);
        for (TreeShape shape : TreeShape.values()) {
            double[] x = new double[counts.size()];
            double[] y = new double[counts.size()];
            for (int i = 0; i < counts.size(); i++) {
                x[i] = counts.get(i);
                y[i] = median(host, counts.get(i), shape, new ThreadRuntime(), rounds, 60_000);
            }
            series.add(new Figure.Series(shape.name(), x, y));
        }
        notes.put("machine", host.describe().lines().findFirst().orElse(host.name()));
        return new Figure("unmap-threads", "Unmap latency on threads (this machine)", "line", "cores", "median ns per unmap",
                List.of(), series, notes, conditions);
    }

    /** The simulation with the latency model: one figure per machine, cores 2..its size. */
    public static Figure simulated(String machine, int rounds, int coreStep, long seed, String conditions) {
        Topology t = Machines.named(machine);
        List<Integer> counts = coreCounts(t.size(), coreStep);
        List<Figure.Series> series = new ArrayList<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (TreeShape shape : TreeShape.values()) {
            double[] x = new double[counts.size()];
            double[] y = new double[counts.size()];
            for (int i = 0; i < counts.size(); i++) {
                int n = counts.get(i);
                x[i] = n;
                long steps = median(t, n, shape, new SimRuntime(seed).withInterconnectLatency(), rounds, 200_000_000L);
                y[i] = SimRuntime.stepsToNanos(steps, n);
            }
            series.add(new Figure.Series(shape.name(), x, y));
        }
        int last = counts.size() - 1;
        String best = null;
        double bestNs = Double.MAX_VALUE;
        for (Figure.Series s : series) {
            if (s.y()[last] < bestNs) {
                bestNs = s.y()[last];
                best = s.label();
            }
        }
        notes.put("fastest at " + counts.get(last) + " cores", String.format(Locale.ROOT, "%s (%.0f ns)", best, bestNs));
        notes.put("seed", Long.toString(seed));
        return new Figure("unmap-sim-" + machine, "Unmap latency, simulated " + machine + " (interconnect latency model)", "line",
                "cores", "median model ns per unmap", List.of(), series, notes, conditions);
    }

    private static long median(Topology t, int cores, TreeShape shape, CoreRuntime rt, int rounds, long budget) {
        Machine m = Machine.boot(t, cores, Generation.EPOCH_ACK, SLOTS, rt.clock());
        VmWorkload w = VmWorkload.singleInitiator(rounds, shape);
        if (!rt.run(m, w.start(m), budget)) {
            throw new IllegalStateException("unmap on " + t.name() + " with " + cores + " cores (" + shape + ", " + rt.name()
                    + ") did not complete within its budget");
        }
        return Latencies.percentile(Latencies.merge(w.latencies()), 50);
    }
}
