package io.barreleye.cli;

import io.barreleye.modelcheck.CheckOptions;
import io.barreleye.modelcheck.CheckResult;
import io.barreleye.modelcheck.ModelChecker;
import io.barreleye.modelcheck.Report;
import io.barreleye.modelcheck.files.OutputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code barreleye check}: model-check a spec, with TLC's own option spellings. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Model-check a TLA+ spec with the embedded checker (TLC's options and exit codes).")
final class CheckCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SPEC.tla", description = "The spec to check.")
    Path spec;

    @Option(names = "-config", paramLabel = "MODEL.cfg", description = "The model (default: SPEC.cfg).")
    Path config;

    @Option(names = "-workers", paramLabel = "N", defaultValue = "1",
            description = "Worker threads, or 'auto' for one per core (default: ${DEFAULT-VALUE}).")
    String workers;

    @Option(names = "-deadlock", description = "As in TLC: do NOT check for deadlock.")
    boolean noDeadlock;

    @Option(names = "-json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
    Path json;

    @Option(names = "--all", description = "Check every model under specs/ against its expected verdict.")
    boolean all;

    @Option(names = "-coverage", description = "Report per action how often it was enabled and taken.")
    boolean coverage;

    @Option(names = "-dump", arity = "2", paramLabel = "dot FILE",
            description = "Write the state graph as Graphviz dot to FILE (-dump dot FILE), for small models.")
    List<String> dump;

    @Option(names = "-simulate", description = "Random simulation instead of exhaustive search.")
    boolean simulate;

    @Option(names = "-depth", paramLabel = "D", defaultValue = "100", description = "Simulation: states per behaviour (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "-seed", paramLabel = "S", description = "Simulation: the random seed (printed; replays a run).")
    Long seed;

    @Option(names = "-num", paramLabel = "N", defaultValue = "1000", description = "Simulation: behaviours to generate (default: ${DEFAULT-VALUE}).")
    long num;

    @Option(names = "--compare-tlc", description = "Also run TLC (the jar named by TLA2TOOLS_JAR) on the model and compare.")
    boolean compareTlc;

    @Option(names = "-progress", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between progress lines on long runs (default: ${DEFAULT-VALUE}).")
    double progress;

    // TLC's options that change nothing here, accepted so that a TLC command line works unchanged.
    @Option(names = "-fp", paramLabel = "N", description = "As in TLC (0..130): which fingerprint polynomial; accepted, no effect here.")
    Integer fp;

    @Option(names = "-cleanup", description = "As in TLC: clean up the states folder; accepted (the checker writes none).")
    boolean cleanup;

    @Option(names = "-metadir", paramLabel = "DIR", description = "As in TLC: where TLC keeps its states; accepted (the checker writes none).")
    Path metadir;

    @Option(names = {"-noGenerateSpecTE", "-noTE"}, description = "As in TLC: no trace-explorer spec; accepted (the checker writes none).")
    boolean noTraceExplorer;

    @Option(names = "-lncheck", paramLabel = "STRATEGY", description = "As in TLC (e.g. final): when liveness is checked; accepted,"
            + " liveness is always checked after the search.")
    String lncheck;

    @Override
    public Integer call() throws IOException {
        int w = parseWorkers(workers);
        if (w < 0) return 2;
        if (fp != null && (fp < 0 || fp > TlcFlags.MAX_FP)) {
            System.err.println("barreleye check: -fp takes a number from 0 to " + TlcFlags.MAX_FP + ", as in TLC, not " + fp);
            return 2;
        }
        if (all) {
            if (spec != null) {
                System.err.println("barreleye check: --all checks every model under specs/; give it no spec (not " + spec + ")");
                return 2;
            }
            return checkAll(SpecCatalog.specsDir(), w, noDeadlock);
        }
        if (spec == null) {
            System.err.println("barreleye check: give a spec (SPEC.tla) or --all");
            return 2;
        }
        spec = TlcFlags.withSuffix(spec, ".tla");
        for (Path target : dumpAndJson()) {
            String why = OutputFiles.overwritesInput(target);
            if (why != null) {
                System.err.println("barreleye check: cannot write " + target + ": " + why);
                return 2;
            }
        }
        CheckOptions o = new CheckOptions();
        o.spec = spec;
        o.config = config == null ? null : TlcFlags.withSuffix(config, ".cfg");
        o.workers = w;
        o.noDeadlock = noDeadlock;
        o.progressSeconds = progress;
        o.coverage = coverage;
        if (dump != null) {
            if (!TlcFlags.dotDump(dump.get(0))) {
                System.err.println("barreleye check: -dump takes the format dot (TLC's dot,actionlabels,colorize,snapshot"
                        + " too) and a file: -dump dot FILE");
                return 2;
            }
            o.dumpDot = Path.of(dump.get(1));
        }
        o.simulate = simulate;
        o.depth = depth;
        o.seed = seed;
        o.behaviours = num;
        if (depth < 1 || num < 1) {
            System.err.println("barreleye check: -depth and -num must be positive");
            return 2;
        }
        CheckResult r = ModelChecker.check(o, System.out);
        if (json != null) {
            try {
                OutputFiles.write(json, Report.json(r));
            } catch (IOException e) {
                // the verdict stands and gives the exit status; the JSON copy of it could not be written
                System.err.println("barreleye check: -json: " + e.getMessage());
                return r.exitCode();
            }
        }
        if (compareTlc) return TlcComparison.compare(o, r, System.out);
        return r.exitCode();
    }

    /** The files this check will write. */
    private List<Path> dumpAndJson() {
        List<Path> out = new java.util.ArrayList<>();
        if (json != null) out.add(json);
        if (dump != null && dump.size() == 2) out.add(Path.of(dump.get(1)));
        return out;
    }

    static int parseWorkers(String s) {
        if (s.equals("auto")) return Runtime.getRuntime().availableProcessors();
        try {
            int n = Integer.parseInt(s);
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // fall through
        }
        System.err.println("barreleye check: -workers takes a positive number or 'auto', not '" + s + "'");
        return -1;
    }

    /** Checks every model under {@code dir}; 0 when each gives its expected verdict. */
    static int checkAll(Path dir, int workers, boolean noDeadlock) throws IOException {
        return checkAll(dir, workers, noDeadlock, new java.util.ArrayList<>());
    }

    /** As {@link #checkAll(Path, int, boolean)}, adding a line per model to {@code lines} for the report. */
    static int checkAll(Path dir, int workers, boolean noDeadlock, List<io.barreleye.traces.ReportWriter.ModelLine> lines)
            throws IOException {
        List<SpecCatalog.Model> models = SpecCatalog.models(dir);
        if (models.isEmpty()) {
            System.err.println("barreleye: no models (.cfg files) under " + dir.toAbsolutePath());
            return 1;
        }
        int failures = 0;
        System.out.printf("%-44s %-22s %10s %10s %8s  %s%n", "model", "verdict", "distinct", "generated", "seconds", "as expected");
        for (SpecCatalog.Model m : models) {
            CheckOptions o = CheckOptions.of(m.spec(), m.config(), workers);
            o.noDeadlock = noDeadlock;
            ModelChecker.Captured c = ModelChecker.checkCaptured(o);
            CheckResult r = c.result();
            String output = c.output();
            boolean ok = r.exitCode() == m.expectedExit() && output.contains(m.expectedText())
                    && m.countsAsPinned(r.distinct, r.generated);
            if (!ok) failures++;
            Path rel = dir.toAbsolutePath().relativize(m.config().toAbsolutePath());
            lines.add(new io.barreleye.traces.ReportWriter.ModelLine(rel.toString(), r.verdict.name(), r.distinct, r.generated,
                    r.millis / 1000.0, ok));
            System.out.printf("%-44s %-22s %10d %10d %8.2f  %s%n", rel, r.verdict, r.distinct, r.generated,
                    r.millis / 1000.0, ok ? "yes" : "NO (expected exit " + m.expectedExit()
                            + (m.expectedText().isEmpty() ? "" : " with \"" + m.expectedText() + "\"")
                            + (m.pinnedCounts().isEmpty() ? "" : " and " + m.pinnedCounts()) + ")");
            if (!ok) System.out.print(output.indent(4));
        }
        System.out.println(models.size() - failures + " of " + models.size() + " models gave their expected verdict.");
        return failures == 0 ? 0 : 1;
    }
}
