package io.barreleye.modelcheck;

import io.barreleye.modelcheck.value.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints a result the way TLC does, and writes it as JSON. */
public final class Report {
    private Report() {}

    public static void print(CheckResult r, PrintStream out) {
        switch (r.verdict) {
            case SUCCESS -> out.println("Model checking completed. No error has been found.");
            case SAFETY_VIOLATION, PROPERTY_VIOLATION, DEADLOCK, EVALUATION_ERROR, OVERFLOW, ASSERTION_FAILED -> {
                out.println("Error: " + r.message);
                if (!r.locations.isEmpty()) {
                    out.println("Error: The error occurred when evaluating the nested expressions at the following positions:");
                    for (int i = r.locations.size() - 1, k = 0; i >= 0; i--, k++) out.println(k + ". " + r.locations.get(i));
                }
                if (!r.trace.isEmpty()) {
                    out.println(r.loopBack == -2 ? "Error: The behavior up to this point is:"
                            : "Error: The following behavior constitutes a counter-example:");
                    printTrace(r, out);
                    if (r.loopBack >= 0) out.println("Back to state " + (r.loopBack + 1) + ": " + r.loopLabel);
                    else if (r.loopBack == -1) out.println("State " + (r.trace.size() + 1) + ": Stuttering");
                }
            }
            default -> out.println("Error: " + r.message);
        }
        if (!r.coverage.isEmpty()) {
            out.println("Coverage (per action: states where enabled, successors generated, new distinct states):");
            for (CheckResult.Coverage c : r.coverage) {
                out.printf("  %s: enabled %d, generated %d, distinct %d%s%n", c.action(), c.enabled(), c.generated(),
                        c.distinct(), c.generated() == 0 ? "  <- never taken" : "");
            }
        }
        if (r.seed != null) {
            out.println("Simulation: " + r.behaviours + " behaviour" + (r.behaviours == 1 ? "" : "s") + " from seed " + r.seed
                    + ", " + r.generated + " states generated, " + r.distinct + " distinct states seen, longest "
                    + r.depth + " states.");
            out.flush();
            return;
        }
        if (r.searched) {
            out.println(r.generated + " states generated, " + r.distinct + " distinct states found, " + r.queueLeft
                    + " states left on queue.");
            out.println("The depth of the complete state graph search is " + r.depth + ".");
            out.printf("Finished in %.2fs (%d worker%s, %.0f distinct states/s, peak heap %d MB).%n", r.millis / 1000.0,
                    r.workers, r.workers == 1 ? "" : "s", r.distinct / Math.max(r.millis / 1000.0, 1e-3),
                    r.peakHeapBytes >> 20);
        }
        out.flush();
    }

    static void printTrace(CheckResult r, PrintStream out) {
        for (int i = 0; i < r.trace.size(); i++) {
            CheckResult.Step s = r.trace.get(i);
            out.println("State " + (i + 1) + ": " + s.label());
            out.print(i < r.printed.size() ? r.printed.get(i) : formatState(r.varNames, s.state()));
        }
    }

    public static String formatState(String[] names, Value[] state) {
        StringBuilder sb = new StringBuilder();
        Integer[] order = new Integer[names.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // TLC prints a state's variables in alphabetical order
        java.util.Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
        for (int v : order) {
            if (names.length > 1) sb.append("/\\ ");
            sb.append(names[v]).append(" = ");
            sb.append(io.barreleye.modelcheck.value.Pretty.print(state[v])); // long values broken as TLC's ppr does
            sb.append('\n');
        }
        return sb.toString();
    }

    /** An ALIAS value printed as a state: a record's fields as conjuncts, anything else as is. */
    public static String formatAlias(Value a) {
        if (a instanceof io.barreleye.modelcheck.value.RecordValue rec) {
            StringBuilder sb = new StringBuilder();
            for (int i : io.barreleye.modelcheck.value.TlcOrder.order(rec.domainArray())) { // fields as TLC orders them
                if (rec.names.length > 1) sb.append("/\\ ");
                sb.append(rec.names[i]).append(" = ");
                sb.append(io.barreleye.modelcheck.value.Pretty.print(rec.vals[i]));
                sb.append('\n');
            }
            return sb.toString();
        }
        return a + "\n";
    }

    /** The result as a JSON document, for tools. */
    public static String json(CheckResult r) {
        StringBuilder sb = new StringBuilder("{\n");
        field(sb, "spec", r.spec).append(",\n");
        field(sb, "model", r.model).append(",\n");
        field(sb, "verdict", r.verdict.name()).append(",\n");
        sb.append("  \"exitCode\": ").append(r.exitCode()).append(",\n");
        field(sb, "message", r.message).append(",\n");
        field(sb, "property", r.property).append(",\n");
        sb.append("  \"statesGenerated\": ").append(r.generated).append(",\n");
        sb.append("  \"distinctStates\": ").append(r.distinct).append(",\n");
        sb.append("  \"statesLeftOnQueue\": ").append(r.queueLeft).append(",\n");
        sb.append("  \"depth\": ").append(r.depth).append(",\n");
        sb.append("  \"workers\": ").append(r.workers).append(",\n");
        sb.append("  \"millis\": ").append(r.millis).append(",\n");
        sb.append("  \"peakHeapBytes\": ").append(r.peakHeapBytes).append(",\n");
        sb.append("  \"locations\": [");
        for (int i = 0; i < r.locations.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(r.locations.get(i)));
        }
        sb.append("],\n  \"loopBack\": ").append(r.loopBack).append(",\n  \"trace\": [");
        for (int i = 0; i < r.trace.size(); i++) {
            CheckResult.Step s = r.trace.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"action\": ").append(quote(s.label().toString())).append(", \"state\": {");
            for (int v = 0; v < r.varNames.length; v++) {
                sb.append(v == 0 ? "" : ", ").append(quote(r.varNames[v])).append(": ").append(quote(s.state()[v].toString()));
            }
            sb.append("}}");
        }
        sb.append(r.trace.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return sb.toString();
    }

    public static void writeJson(CheckResult r, Path file) throws IOException {
        Files.writeString(file, json(r), StandardCharsets.UTF_8);
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        return sb.append("  ").append(quote(name)).append(": ").append(value == null ? "null" : quote(value));
    }

    public static String quoteJson(String s) {
        return quote(s);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
