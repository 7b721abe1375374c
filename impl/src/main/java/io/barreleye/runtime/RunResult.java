package io.barreleye.runtime;

import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a run did: messages, busy retries, latency percentiles and per-core counts. */
public record RunResult(String machine, int cores, String runtime, Long seed, String workload, boolean completed,
                        long millis, long steps, long[] latencies, List<long[]> perCore, String unit) {

    /** Collects the counters of a finished run. */
    public static RunResult of(Machine m, CoreRuntime rt, Long seed, Workload w, boolean completed, long millis) {
        List<long[]> per = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            Kernel k = m.kernel(i);
            per.add(new long[] {i, k.sent(), k.received(), k.busyRetries(), m.isAlive(i) ? 1 : 0});
        }
        long steps = rt instanceof SimRuntime s ? s.steps() : 0;
        return new RunResult(m.topology().name(), m.size(), rt.name(), seed, w.name(), completed, millis, steps,
                Latencies.merge(w.latencies()), per, rt instanceof SimRuntime ? "steps" : "ns");
    }

    public long messages() {
        long n = 0;
        for (long[] c : perCore) n += c[1];
        return n;
    }

    public long busyRetries() {
        long n = 0;
        for (long[] c : perCore) n += c[3];
        return n;
    }

    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Machine %s, %d cores, runtime %s%s, workload %s%n", machine, cores, runtime,
                seed == null ? "" : " (seed " + seed + ")", workload));
        sb.append(completed ? "Completed" : "DID NOT COMPLETE").append(String.format(Locale.ROOT, " in %d ms%s.%n", millis,
                steps > 0 ? " (" + steps + " simulation steps)" : ""));
        sb.append(String.format(Locale.ROOT, "Messages sent: %d, busy retries: %d%n", messages(), busyRetries()));
        sb.append(String.format(Locale.ROOT, "Latency (%s) over %d samples: p50 %d, p90 %d, p99 %d, max %d%n", unit,
                latencies.length, Latencies.percentile(latencies, 50), Latencies.percentile(latencies, 90),
                Latencies.percentile(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1]));
        sb.append(String.format(Locale.ROOT, "%6s %12s %12s %12s%n", "core", "sent", "received", "busy"));
        for (long[] c : perCore) {
            sb.append(String.format(Locale.ROOT, "%6d %12d %12d %12d%s%n", c[0], c[1], c[2], c[3], c[4] == 1 ? "" : "  (removed)"));
        }
        return sb.toString();
    }
}
