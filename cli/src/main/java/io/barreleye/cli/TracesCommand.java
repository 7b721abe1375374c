package io.barreleye.cli;

import io.barreleye.modelcheck.config.ConfigParser;
import io.barreleye.modelcheck.config.ModelConfig;
import io.barreleye.modelcheck.files.OutputFiles;
import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.eval.EvalException;
import io.barreleye.modelcheck.trace.SpecSimulator;
import io.barreleye.modelcheck.trace.StreamingCheck;
import io.barreleye.modelcheck.trace.Trace;
import io.barreleye.modelcheck.trace.TraceCheck;
import io.barreleye.modelcheck.trace.TraceValidator;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code barreleye traces}: validate recorded runs against the specs, or write spec traces. */
@Command(name = "traces", mixinStandardHelpOptions = true,
        description = "Trace validation: does some behaviour of the spec explain a recorded run?",
        subcommands = {TracesCommand.Check.class, TracesCommand.Simulate.class, TracesCommand.ExportTla.class})
final class TracesCommand implements Runnable {
    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /** {@code traces check FILE...}. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validate trace files (NDJSON) against their specs.")
    static final class Check implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files.")
        List<Path> files;

        @Option(names = "--specs", paramLabel = "DIR",
                description = "The folder of specs and models a trace may name, besides its own folder (default: specs/).")
        Path specs;

        @Override
        public Integer call() {
            Path specsDir = specs != null ? specs : SpecCatalog.specsDir();
            if (specs != null && !Files.isDirectory(specs)) {
                System.err.println("barreleye traces check: --specs " + specs + " is not a folder");
                return 2;
            }
            int bad = 0;
            for (Path f : files) {
                long t0 = System.nanoTime();
                try {
                    // validated while it is read: the events are never all in memory
                    AtomicReference<TraceValidator> running = new AtomicReference<>();
                    StreamingCheck.Checked c = Progress.run(() -> StreamingCheck.check(f, specsDir, running::set),
                            Progress.EVERY_MILLIS, ms -> String.format(java.util.Locale.ROOT,
                                    "Progress: %s: %d events explained, %.0f s", f,
                                    running.get() == null ? 0 : running.get().explained(), ms / 1000.0), System.out);
                    TraceValidator.Result r = c.result();
                    double secs = (System.nanoTime() - t0) / 1e9;
                    if (r.conforms()) {
                        System.out.printf("%s: conforms to %s (%d events, %d spec states visited, %.2fs, %.0f events/s)%n",
                                f, c.header().spec(), r.totalEvents(), r.states().size(), secs, r.totalEvents() / Math.max(secs, 1e-9));
                    } else {
                        bad++;
                        System.out.println(f + ": DOES NOT CONFORM to " + c.header().spec() + " at " + r.diagnosis());
                    }
                } catch (Exception e) {
                    if (!InputErrors.isInputError(e)) throw new IllegalStateException(e);
                    bad++;
                    String m = InputErrors.message(e);
                    // a malformed trace's message starts with its file:line:column already
                    System.out.println(m.startsWith(f + ":") ? m : f + ": error: " + m);
                }
            }
            return bad == 0 ? 0 : 1;
        }
    }

    /** {@code traces simulate SPEC -config M --out FILE}: a golden trace from a random behaviour of the spec. */
    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Write a trace of a random behaviour of a spec (a golden trace).")
    static final class Simulate implements Callable<Integer> {
        @Parameters(paramLabel = "SPEC.tla")
        Path spec;

        @Option(names = "-config", paramLabel = "MODEL.cfg")
        Path config;

        @Option(names = "-depth", defaultValue = "50")
        int depth;

        @Option(names = "-seed", defaultValue = "1")
        long seed;

        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "The trace to write: a new file (an existing spec, model or trace is never replaced).")
        Path out;

        @Override
        public Integer call() {
            Path cfgPath = config != null ? config : io.barreleye.modelcheck.ModelChecker.defaultConfig(spec);
            if (!Files.isRegularFile(spec)) {
                System.err.println("barreleye traces simulate: no such file " + spec);
                return 2;
            }
            if (depth < 1) {
                System.err.println("barreleye traces simulate: -depth must be positive");
                return 2;
            }
            String refusal = OutputFiles.refusal(out);
            if (refusal != null) {
                System.err.println("barreleye traces simulate: --out: cannot write " + out + ": " + refusal);
                return 2;
            }
            try {
                ModelConfig cfg = ConfigParser.parse(cfgPath.getFileName().toString(), Files.readString(cfgPath, StandardCharsets.UTF_8));
                CompiledSpec cs = CompiledSpec.compile(spec, cfg, true, new PrintStream(OutputStream.nullOutputStream()));
                List<String> lines = new ArrayList<>();
                lines.add(TraceCheck.header(spec.getFileName().toString(), cfgPath.getFileName().toString(), java.util.Map.of()));
                lines.addAll(SpecSimulator.behaviour(cs, seed, depth));
                OutputFiles.write(out, String.join("\n", lines) + "\n");
                System.out.println("Wrote " + (lines.size() - 2) + " steps of " + spec + " (seed " + seed + ") to " + out);
                return 0;
            } catch (Exception e) {
                if (!InputErrors.isInputError(e)) throw new IllegalStateException(e);
                System.err.println("barreleye traces simulate: " + InputErrors.message(e));
                return e instanceof EvalException ev ? ev.exitCode() : 2;
            }
        }
    }

    /** {@code traces export-tla FILE --out DIR}: the trace as a TLA+ module and model that TLC checks. */
    @Command(name = "export-tla", mixinStandardHelpOptions = true,
            description = "Write a trace as a TLA+ module and model (for TLC): TraceNotFinished violated = the trace conforms.")
    static final class ExportTla implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "The folder to write into (created if only its last part is missing).")
        Path out;

        @Override
        public Integer call() {
            try {
                Path m = io.barreleye.modelcheck.trace.TlaExport.export(Trace.read(file), SpecCatalog.specsDir(), out);
                System.out.println("Wrote " + m + " and its .cfg. Check it with TLC: java -jar tla2tools.jar -config "
                        + m.getFileName().toString().replace(".tla", ".cfg") + " " + m.getFileName()
                        + " (in " + out + "); \"Invariant TraceNotFinished is violated\" means the trace conforms.");
                return 0;
            } catch (Exception e) {
                if (!InputErrors.isInputError(e)) throw new IllegalStateException(e);
                System.err.println("barreleye traces export-tla: " + InputErrors.message(e));
                return 2;
            }
        }
    }
}
