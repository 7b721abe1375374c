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
        int diverged = 0;
        for (Conformance.Run r : runs) {
            System.out.printf("  %-12s %-20s %-8s seed %-3d %6d events  %s%n", r.spec(), r.model(), r.runtime(), r.seed(),
                    r.result().totalEvents(), r.result().conforms() ? "conforms" : "DIVERGES at " + r.result().diagnosis());
            if (!r.result().conforms()) diverged++;
        }
        List<Conformance.Coverage> cov = Conformance.coverage(runs, specs, w);
        for (Conformance.Coverage c : cov) {
            System.out.printf("  coverage of %s (%s): %d of %d actions, %d of %d distinct states%n", c.spec(), c.model(),
                    c.actionsTaken().size(), c.allActions().size(), c.statesVisited(), c.modelDistinct());
        }
        ReportWriter.write(report, models, runs, cov);
        System.out.println("Report: " + report.resolve("index.html") + " and report.json");
        return checked == 0 && diverged == 0 ? 0 : 1;
    }
}
