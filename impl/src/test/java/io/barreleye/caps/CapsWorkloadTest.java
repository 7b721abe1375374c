package io.barreleye.caps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.runtime.CoreRuntime;
import io.barreleye.runtime.Latencies;
import io.barreleye.runtime.RunResult;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.runtime.ThreadRuntime;
import io.barreleye.topology.Machines;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The capability churn workload under the simulation and on threads, and its retype latency. */
class CapsWorkloadTest {
    static RunResult runOnce(CoreRuntime rt, String topology, int cores, int rounds, long budget, Long seed) {
        Machine m = Machine.boot(Machines.named(topology), cores, Generation.EPOCH_ACK, 16, rt.clock());
        CapsWorkload w = new CapsWorkload(rounds);
        long t0 = System.nanoTime();
        var done = w.start(m);
        boolean completed = rt.run(m, done, budget);
        assertTrue(completed && !done.isCompletedExceptionally(), rt.name() + " " + cores + " cores (seed " + seed + "): " + done);
        assertNull(CapsInvariants.check(m), rt.name() + " " + cores + " cores (seed " + seed + ")");
        RunResult r = RunResult.of(m, rt, seed, w, true, (System.nanoTime() - t0) / 1_000_000);
        assertEquals((long) cores * rounds, r.latencies().length, r.format());
        return r;
    }

    @Test
    void churnCompletesUnderTheSimulation() {
        for (long seed = 1; seed <= 5; seed++) runOnce(new SimRuntime(seed), "amd-4x4", 4, 20, 5_000_000, seed);
    }

    @Test
    void churnCompletesOnThreadsWithTheInvariantsHolding() {
        for (int cores : new int[] {2, 4}) {
            ThreadRuntime rt = new ThreadRuntime();
            RunResult r = runOnce(rt, "amd-4x4", cores, 50, 120_000, null);
            System.out.println("[caps] threads " + cores + " cores: " + r.millis() + " ms, retype p50 " + median(r) + " ns");
            assertTrue(rt.failures().isEmpty(), rt.failures().toString());
        }
    }

    static long median(RunResult r) {
        return Latencies.percentile(r.latencies(), 50);
    }

    /** Retype latency against core count; prints the table the report quotes. */
    @Test
    @Tag("slow")
    void retypeLatencyTable() {
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%-10s %-8s %5s %12s %12s %8s", "machine", "runtime", "cores", "p50", "p90", "samples"));
        String[][] sims = {{"amd-4x4", "2"}, {"amd-4x4", "4"}, {"amd-4x4", "8"}, {"amd-4x4", "16"}, {"amd-8x4", "16"}, {"amd-8x4", "32"}};
        for (String[] s : sims) {
            int cores = Integer.parseInt(s[1]);
            List<Long> all = new ArrayList<>();
            long[] p90 = new long[3];
            for (long seed = 1; seed <= 3; seed++) {
                RunResult r = runOnce(new SimRuntime(seed), s[0], cores, 40, 50_000_000, seed);
                for (long v : r.latencies()) all.add(v);
            }
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            rows.add(String.format(Locale.ROOT, "%-10s %-8s %5d %12d %12d %8d", s[0], "sim", cores, Latencies.percentile(sorted, 50),
                    Latencies.percentile(sorted, 90), sorted.length));
        }
        for (int cores : new int[] {1, 2, 4}) {
            ThreadRuntime rt = new ThreadRuntime();
            RunResult r = runOnce(rt, "amd-4x4", cores, 2000, 300_000, null);
            rows.add(String.format(Locale.ROOT, "%-10s %-8s %5d %12d %12d %8d", "amd-4x4", "threads", cores, median(r),
                    Latencies.percentile(r.latencies(), 90), r.latencies().length));
        }
        System.out.println("[caps] retype latency (sim: steps, threads: ns)\n" + String.join("\n", rows));
    }
}
