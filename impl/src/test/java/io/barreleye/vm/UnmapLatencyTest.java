package io.barreleye.vm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.runtime.Latencies;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.runtime.ThreadRuntime;
import io.barreleye.topology.Machines;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Unmap latency against core count for the four tree shapes: `mvn -Pslow ... -Dtest=UnmapLatencyTest`. */
@Tag("slow")
class UnmapLatencyTest {
    static long simMedian(String machine, int cores, TreeShape shape, boolean all, long seed, int rounds) {
        SimRuntime rt = new SimRuntime(seed);
        Machine m = Machine.boot(Machines.named(machine), cores, Generation.EPOCH_ACK, 8, rt.clock());
        VmWorkload w = all ? new VmWorkload(rounds, shape) : VmWorkload.singleInitiator(rounds, shape);
        assertTrue(rt.run(m, w.start(m), 50_000_000L), "seed " + seed);
        return Latencies.percentile(Latencies.merge(w.latencies()), 50);
    }

    static long threadMedian(int cores, TreeShape shape, boolean all, int rounds) {
        ThreadRuntime rt = new ThreadRuntime();
        Machine m = Machine.boot(Machines.named("amd-4x4"), cores, Generation.EPOCH_ACK, 16, rt.clock());
        VmWorkload w = all ? new VmWorkload(rounds, shape) : VmWorkload.singleInitiator(rounds, shape);
        assertTrue(rt.run(m, w.start(m), 120_000));
        return Latencies.percentile(Latencies.merge(w.latencies()), 50);
    }

    @Test
    void table() {
        int[] counts = {2, 4, 8, 16, 32};
        StringBuilder sb = new StringBuilder();
        boolean simToo = !Boolean.getBoolean("vm.latency.threadsOnly");
        for (boolean all : simToo ? new boolean[] {false, true} : new boolean[0]) {
            for (String machine : new String[] {"amd-8x4", "amd-4x4"}) {
                sb.append(String.format(Locale.ROOT, "%nsimulation, %s, median unmap latency (steps), %s%n", machine,
                        all ? "every core unmapping concurrently" : "core 0 alone"));
                sb.append(String.format(Locale.ROOT, "%-16s", "shape \\ cores"));
                for (int n : counts) if (n <= Machines.named(machine).size()) sb.append(String.format(Locale.ROOT, "%8d", n));
                sb.append('\n');
                for (TreeShape s : TreeShape.values()) {
                    sb.append(String.format(Locale.ROOT, "%-16s", s));
                    for (int n : counts) {
                        if (n > Machines.named(machine).size()) continue;
                        sb.append(String.format(Locale.ROOT, "%8d", simMedian(machine, n, s, all, 1, all ? 20 : 100)));
                    }
                    sb.append('\n');
                }
            }
        }
        for (boolean all : new boolean[] {false, true}) {
            sb.append(String.format(Locale.ROOT, "%nthreads on this host (%d CPUs), amd-4x4 prefix, median unmap latency (ns), %s%n",
                    Runtime.getRuntime().availableProcessors(), all ? "every core unmapping" : "core 0 alone"));
            sb.append(String.format(Locale.ROOT, "%-16s%12d%12d%12d%n", "shape \\ cores", 2, 4, 8));
            for (TreeShape s : TreeShape.values()) {
                sb.append(String.format(Locale.ROOT, "%-16s", s));
                for (int n : new int[] {2, 4, 8}) sb.append(String.format(Locale.ROOT, "%12d", threadMedian(n, s, all, all ? 50 : 200)));
                sb.append('\n');
            }
        }
        System.out.println(sb);
    }
}
