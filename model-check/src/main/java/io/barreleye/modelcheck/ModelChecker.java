package io.barreleye.modelcheck;

import io.barreleye.modelcheck.CheckResult.Verdict;
import io.barreleye.modelcheck.config.ConfigException;
import io.barreleye.modelcheck.config.ConfigParser;
import io.barreleye.modelcheck.config.ModelConfig;
import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.eval.EvalException;
import io.barreleye.modelcheck.eval.SemanticException;
import io.barreleye.modelcheck.search.Bfs;
import io.barreleye.modelcheck.search.Simulator;
import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.syntax.SyntaxException;
import io.barreleye.modelcheck.value.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The embedded TLA+ model checker's entry point: parse, compile, search, report. */
public final class ModelChecker {
    private ModelChecker() {}

    /** Checks one model, printing TLC-style output to {@code out}; never throws for a bad spec. */
    /** A check's result and the report it printed. */
    public record Captured(CheckResult result, String output) {}

    /** Checks with the report kept as text instead of printed: for a batch of models, or a test. */
    public static Captured checkCaptured(CheckOptions o) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        CheckResult r;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            r = check(o, ps);
        }
        return new Captured(r, buf.toString(StandardCharsets.UTF_8));
    }

    public static CheckResult check(CheckOptions o, PrintStream out) {
        long t0 = System.nanoTime();
        CheckResult r = new CheckResult();
        Path cfgPath = o.config != null ? o.config : defaultConfig(o.spec);
        r.spec = o.spec.toString();
        r.model = cfgPath.toString();
        try {
            if (!Files.isRegularFile(o.spec)) {
                return fail(r, Verdict.PARSE_ERROR, "cannot read the spec " + o.spec + ": no such file", out);
            }
            if (!Files.isRegularFile(cfgPath)) {
                return fail(r, Verdict.CONFIG_ERROR, "cannot read the model " + cfgPath + ": no such file"
                        + (o.config == null ? " (give one with -config FILE)" : ""), out);
            }
            out.println("Barreleye model checker: " + o.spec + " with model " + cfgPath + " (" + o.workers
                    + " worker" + (o.workers == 1 ? "" : "s") + ")");
            ModelConfig cfg = ConfigParser.parse(cfgPath.getFileName().toString(),
                    Files.readString(cfgPath, StandardCharsets.UTF_8));
            CompiledSpec spec = CompiledSpec.compile(o.spec, cfg, o.noDeadlock, out);
            r.varNames = spec.varNames;
            Span bad = spec.falseAssumption();
            if (bad != null) {
                return fail(r, Verdict.ASSUMPTION_FALSE, "Assumption " + bad.describe() + " is false.", out);
            }
            if (o.simulate) {
                long seed = o.seed != null ? o.seed : new java.util.Random().nextLong();
                new Simulator(spec, out).run(r, seed, o.depth, o.behaviours);
            } else {
                new Bfs(spec, o.workers, out, o.progressSeconds, o.coverage, o.dumpDot).run(r);
                if (r.verdict == Verdict.SUCCESS
                        && !spec.postconditionHolds(r.distinct, r.generated, r.depth, r.queueLeft)) {
                    r.verdict = Verdict.SAFETY_VIOLATION;
                    r.property = spec.postconditionName;
                    r.message = "The postcondition " + spec.postconditionName + " is violated.";
                }
            }
            for (int i = 0; i < r.trace.size(); i++) {
                Value[] st = r.trace.get(i).state();
                Value a = spec.alias(st, i + 1 < r.trace.size() ? r.trace.get(i + 1).state() : null, i + 1);
                r.printed.add(a == null ? Report.formatState(spec.varNames, st) : Report.formatAlias(a));
            }
        } catch (SyntaxException e) {
            return fail(r, Verdict.PARSE_ERROR, "Parse error: " + e.located(), out);
        } catch (SemanticException e) {
            return fail(r, Verdict.PARSE_ERROR, "Semantic error: " + e.located(), out);
        } catch (ConfigException e) {
            return fail(r, Verdict.CONFIG_ERROR, "Model error: " + e.getMessage(), out);
        } catch (CompiledSpec.UnsupportedPropertyException e) {
            return fail(r, Verdict.UNSUPPORTED, e.getMessage(), out);
        } catch (io.barreleye.modelcheck.eval.AssumptionEvaluationException e) {
            e.trail().forEach(s -> r.locations.add(s.describe()));
            return fail(r, Verdict.ASSUMPTION_FALSE, e.getMessage(), out);
        } catch (EvalException e) {
            e.trail().forEach(s -> r.locations.add(s.describe()));
            return fail(r, e.exitCode() == 255 ? Verdict.OVERFLOW
                    : e.exitCode() == 14 ? Verdict.ASSERTION_FAILED
                    : e.exitCode() == 76 ? Verdict.SAFETY_EVAL_ERROR : Verdict.EVALUATION_ERROR, e.getMessage(), out);
        } catch (io.barreleye.modelcheck.value.ValueException e) {
            // an operation on values that TLC refuses, reached where no expression adds its location
            return fail(r, Verdict.EVALUATION_ERROR, e.getMessage(), out);
        } catch (NoSuchFileException e) {
            return fail(r, Verdict.FILE_ERROR, "cannot read " + e.getFile() + ": no such file", out);
        } catch (IOException e) {
            return fail(r, Verdict.FILE_ERROR, "cannot read a file: " + e.getMessage(), out);
        } catch (OutOfMemoryError e) {
            r.verdict = Verdict.OUT_OF_MEMORY;
            r.message = "the checker ran out of memory after " + r.distinct + " distinct states (the search is incomplete);"
                    + " give the JVM more heap, e.g. BARRELEYE_JAVA_OPTS=-Xmx8g, or use -simulate for models this large";
        } finally {
            r.millis = (System.nanoTime() - t0) / 1_000_000;
            r.peakHeapBytes = peakHeap();
        }
        Report.print(r, out);
        return r;
    }

    private static CheckResult fail(CheckResult r, Verdict v, String message, PrintStream out) {
        r.verdict = v;
        r.message = message;
        Report.print(r, out);
        return r;
    }

    /** {@code Foo.tla} is checked with {@code Foo.cfg}. */
    public static Path defaultConfig(Path spec) {
        String name = spec.getFileName().toString();
        String base = name.endsWith(".tla") ? name.substring(0, name.length() - 4) : name;
        return spec.getParent() == null ? Path.of(base + ".cfg") : spec.getParent().resolve(base + ".cfg");
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }
}
