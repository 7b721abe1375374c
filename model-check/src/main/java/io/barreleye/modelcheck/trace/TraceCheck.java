package io.barreleye.modelcheck.trace;

import io.barreleye.modelcheck.config.ConfigParser;
import io.barreleye.modelcheck.config.ModelConfig;
import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.value.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads the spec and model a trace names (with the trace's constants) and validates the trace. */
public final class TraceCheck {
    private TraceCheck() {}

    /**
     * Finds a file the header names: next to the trace, else under {@code specsDir}; only inside
     * those two folders (the reader has refused absolute names and {@code ..}; a link that leads
     * out of the folder is refused here). Null when it is in neither.
     */
    static Path locate(Path trace, String name, Path specsDir) throws IOException {
        if (!TraceReader.safeRelative(name)) return null;
        Path inTraceFolder = inside(trace.toAbsolutePath().getParent(), name);
        return inTraceFolder != null ? inTraceFolder : inside(specsDir.toAbsolutePath(), name);
    }

    /** {@code dir/name} when it is a file that really lies under {@code dir}, links resolved; else null. */
    private static Path inside(Path dir, String name) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) return null;
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) return null;
        return p.toRealPath().startsWith(dir.toRealPath()) ? p : null;
    }

    /** The spec or model {@code name} a trace names, or a refusal saying where it was looked for. */
    static Path resolve(Trace t, String what, String name, Path specsDir) throws IOException {
        Path p = locate(t.file(), name, specsDir);
        if (p == null) {
            throw new Trace.TraceException(t.file() + ":" + t.headerLine() + ": the " + what + " " + name
                    + " is not found (looked next to the trace and in " + specsDir + ")");
        }
        return p;
    }

    /** The model a trace names: its {@code "model"}, else the spec's name with {@code .cfg}. */
    static String modelName(Trace t) {
        return t.model() != null ? t.model() : t.spec().replaceFirst("\\.tla$", ".cfg");
    }

    /**
     * Compiled specs by spec file, model file, their modification times and the trace's constants:
     * a suite validating thousands of traces of one model compiles it once. A compiled spec is
     * immutable once built (the model checker's workers share one too).
     */
    private static final Map<String, CompiledSpec> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_COMPILED = 64;

    /** Compiles the trace's spec and model, with the trace's constants replacing the model's. */
    public static CompiledSpec compile(Trace t, Path specsDir) throws IOException {
        Path tla = resolve(t, "spec", t.spec(), specsDir);
        Path cfgPath = resolve(t, "model", modelName(t), specsDir);
        String key = tla.toAbsolutePath() + "@" + Files.getLastModifiedTime(tla) + "|" + cfgPath.toAbsolutePath() + "@"
                + Files.getLastModifiedTime(cfgPath) + "|" + header("", "", t.constants());
        CompiledSpec cached = COMPILED.get(key);
        if (cached != null) return cached;
        CompiledSpec compiled = compileFresh(t, tla, cfgPath);
        if (COMPILED.size() >= MAX_COMPILED) COMPILED.clear();
        COMPILED.put(key, compiled);
        return compiled;
    }

    private static CompiledSpec compileFresh(Trace t, Path tla, Path cfgPath) throws IOException {
        ModelConfig cfg = ConfigParser.parse(cfgPath.getFileName().toString(), Files.readString(cfgPath, StandardCharsets.UTF_8));
        for (String c : t.constants().keySet()) {
            // the model gives every constant of the spec a value (as TLC requires), so any other name is not one
            if (!cfg.constants.containsKey(c) && !cfg.overrides.containsKey(c)) {
                throw new Trace.TraceException(t.file() + ":" + t.headerLine() + ": the header's constant " + c
                        + " is not a constant of " + t.spec() + " (the model " + cfgPath.getFileName() + " gives it no value)");
            }
        }
        for (Map.Entry<String, Value> c : t.constants().entrySet()) {
            cfg.constants.put(c.getKey(), c.getValue());
            cfg.overrides.remove(c.getKey()); // the trace's value replaces the model's `C <- Op` too
        }
        // Validation never needs deadlock checks, invariants or properties: the trace is the behaviour.
        cfg.invariants.clear();
        cfg.properties.clear();
        cfg.constraints.clear();
        cfg.actionConstraints.clear();
        cfg.symmetry = null;
        cfg.view = null;
        cfg.fairnessUnused = true;
        return CompiledSpec.compile(tla, cfg, true, new PrintStream(OutputStream.nullOutputStream()));
    }

    public static TraceValidator.Result check(Trace t, Path specsDir) throws IOException {
        return new TraceValidator(compile(t, specsDir)).validate(t.events());
    }

    /** Writes a header line for a trace of {@code spec} with {@code model}. */
    public static String header(String spec, String model, Map<String, Value> constants) {
        StringBuilder sb = new StringBuilder("{\"trace\":\"barreleye/1\",\"spec\":");
        sb.append(io.barreleye.modelcheck.Report.quoteJson(spec)).append(",\"model\":")
                .append(io.barreleye.modelcheck.Report.quoteJson(model));
        if (!constants.isEmpty()) {
            sb.append(",\"constants\":{");
            int i = 0;
            for (Map.Entry<String, Value> c : constants.entrySet()) {
                if (i++ > 0) sb.append(',');
                sb.append(io.barreleye.modelcheck.Report.quoteJson(c.getKey())).append(':').append(TraceValues.toJson(c.getValue()));
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    /** An event line recording the action and every variable of the state it produced. */
    public static String eventLine(String action, int core, long clock, String[] vars, Value[] state, List<String> only) {
        StringBuilder sb = new StringBuilder("{\"event\":").append(io.barreleye.modelcheck.Report.quoteJson(action));
        if (core >= 0) sb.append(",\"core\":").append(core);
        sb.append(",\"clock\":").append(clock).append(",\"vars\":{");
        int n = 0;
        for (int i = 0; i < vars.length; i++) {
            if (only != null && !only.contains(vars[i])) continue;
            if (n++ > 0) sb.append(',');
            sb.append(io.barreleye.modelcheck.Report.quoteJson(vars[i])).append(':').append(TraceValues.toJson(state[i]));
        }
        return sb.append("}}").toString();
    }
}
