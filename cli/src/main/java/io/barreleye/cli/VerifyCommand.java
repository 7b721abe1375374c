package io.barreleye.cli;

import io.barreleye.traces.Conformance;
import io.barreleye.traces.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code barreleye verify}, the main job: model-check every model under specs/, then run the
 * implementation's workloads (seeded simulations and threads), record them through the
 * refinement mappings, validate every trace against its spec, and write target/report.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Model-check every model under specs/, validate recorded implementation runs against the specs,"
                + " and write target/report/index.html and report.json.")
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "-workers", paramLabel = "N", defaultValue = "auto",
            description = "Worker threads, or 'auto' for one per core (default: ${DEFAULT-VALUE}).")
    String workers;

    @Option(names = "--seeds", defaultValue = "5", description = "Simulation seeds per implementation workload (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Override
    public Integer call() throws IOException {
        int w = CheckCommand.parseWorkers(workers);
        if (w < 0) return 2;
        if (seeds < 1) {
            System.err.println("barreleye verify: --seeds must be positive");
            return 2;
        }
        Path specs = SpecCatalog.specsDir();
        List<ReportWriter.ModelLine> models = new ArrayList<>();
        int checked = CheckCommand.checkAll(specs, w, false, models);
        Path report = specs.toAbsolutePath().getParent().resolve("target").resolve("report");
        System.out.println();
        System.out.println("Validating implementation runs against the specs:");
        List<Conformance.Run> runs = Conformance.runAll(specs, report.resolve("traces"), seeds);
        int diverged = printRuns(runs);
        List<Conformance.Coverage> cov = Conformance.coverage(runs, specs, w);
        for (Conformance.Coverage c : cov) {
            String states = c.statesVisited() < 0 ? "states not counted (the runs' constants are outside every model)"
                    : String.format(java.util.Locale.ROOT, "%d of %d distinct states (%.3f%%)", c.statesVisited(), c.modelDistinct(),
                    c.statesPercent());
            System.out.printf("  coverage of %s (%s): %d of %d actions, %s%n", c.spec(), c.model(), c.actionsTaken().size(),
                    c.allActions().size(), states);
            c.explained().forEach((a, e) -> System.out.println("    " + a + " untaken: "
                    + (e.kind() == io.barreleye.traces.UntakenActions.Kind.CANNOT_OCCUR ? "cannot occur: " : "not reached yet: ")
                    + e.reason()));
            for (String a : c.unexplained()) System.out.println("    " + a + " untaken, and no reason is listed (UntakenActions)");
        }
        ReportWriter.write(report, models, runs, cov);
        System.out.println("Report: " + report.resolve("index.html") + " and report.json");
        return checked == 0 && diverged == 0 ? 0 : 1;
    }

    /**
     * One line per workload and runtime (runs, traces, events, verdict); every divergence in full
     * after them. The report lists every run.
     *
     * @return the runs that diverge
     */
    static int printRuns(List<Conformance.Run> runs) {
        java.util.Map<String, long[]> lines = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> specOf = new java.util.HashMap<>();
        List<Conformance.Run> bad = new ArrayList<>();
        for (Conformance.Run r : runs) {
            String key = r.workload() + "\u0000" + r.runtime();
            long[] t = lines.computeIfAbsent(key, k -> new long[4]);
            t[0]++;
            t[1] += r.traces();
            t[2] += r.result().totalEvents();
            if (!r.result().conforms()) {
                t[3]++;
                bad.add(r);
            }
            specOf.put(key, r.spec());
        }
        System.out.printf("  %-33s %-18s %-8s %5s %6s %8s  %s%n", "workload", "spec", "runtime", "runs", "traces", "events", "verdict");
        for (var e : lines.entrySet()) {
            String[] k = e.getKey().split("\u0000");
            long[] t = e.getValue();
            System.out.printf("  %-33s %-18s %-8s %5d %6d %8d  %s%n", k[0], specOf.get(e.getKey()), k[1], t[0], t[1], t[2],
                    t[3] == 0 ? "all conform" : t[3] + " DIVERGE");
        }
        for (Conformance.Run r : bad) {
            System.out.println();
            System.out.println("  " + r.workload() + " (" + r.runtime() + ", seed " + r.seed() + ") diverges from " + r.spec() + ", "
                    + r.file() + ":");
            System.out.println("  " + r.result().diagnosis().replace("\n", "\n  "));
        }
        System.out.println("  " + runs.size() + " runs, " + runs.stream().mapToInt(Conformance.Run::traces).sum() + " traces, "
                + runs.stream().mapToLong(r -> r.result().totalEvents()).sum() + " events: "
                + (bad.isEmpty() ? "all conform" : bad.size() + " diverge"));
        return bad.size();
    }
}
