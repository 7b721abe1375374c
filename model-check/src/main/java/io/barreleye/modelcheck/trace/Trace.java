package io.barreleye.modelcheck.trace;

import io.barreleye.modelcheck.value.Value;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace file (NDJSON, see traces/README.md): a header naming the spec, the model and the
 * constants, then one event per line. Events of a threaded run are put in the order of their
 * logical clocks when the header says {@code "order": "clock"}.
 */
public record Trace(Path file, String spec, String model, Map<String, Value> constants, List<TraceEvent> events) {
    /** A malformed trace, located by line and column. */
    public static final class TraceException extends RuntimeException {
        public TraceException(String message) {
            super(message, null, false, false);
        }
    }

    public static Trace read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, r.lines().iterator());
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * A trace held in memory, as lines: what a test or suite that records thousands of runs
     * validates without writing files. {@code file} names it in messages and is where the header's
     * spec and model are looked for first.
     */
    public static Trace of(Path file, List<String> lines) {
        return parse(file, lines.iterator());
    }

    @SuppressWarnings("unchecked")
    private static Trace parse(Path file, java.util.Iterator<String> lines) {
        List<TraceEvent> events = new ArrayList<>();
        String spec = null;
        String model = null;
        Map<String, Value> constants = new LinkedHashMap<>();
        boolean byClock = false;
        int n = 0;
        while (lines.hasNext()) {
            String line = lines.next();
            n++;
            if (line.isBlank()) continue;
            Map<String, Object> o;
            try {
                Object parsed = Json.parse(line);
                if (!(parsed instanceof Map<?, ?>)) throw new TraceException(file + ":" + n + ": expected a JSON object");
                o = (Map<String, Object>) parsed;
            } catch (Json.JsonException e) {
                throw new TraceException(file + ":" + n + ":" + e.column + ": " + e.getMessage());
            }
            try {
                if (spec == null) {
                    if (!(o.get("spec") instanceof String s)) {
                        throw new TraceException(file + ":" + n + ": the first line must be a header with \"spec\" (and \"model\")");
                    }
                    spec = s;
                    model = o.get("model") instanceof String m ? m : null;
                    if (o.get("constants") instanceof Map<?, ?> cs) {
                        for (Map.Entry<?, ?> c : cs.entrySet()) constants.put((String) c.getKey(), TraceValues.toValue(c.getValue()));
                    }
                    byClock = "clock".equals(o.get("order"));
                    continue;
                }
                events.add(event(o, n));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new TraceException(file + ":" + n + ": " + e.getMessage());
            }
        }
        if (spec == null) throw new TraceException(file + ": empty trace: no header line");
        if (byClock) events.sort(Comparator.comparingLong(TraceEvent::clock).thenComparingInt(TraceEvent::line));
        return new Trace(file, spec, model, constants, events);
    }

    @SuppressWarnings("unchecked")
    static TraceEvent event(Map<String, Object> o, int line) {
        if (!(o.get("event") instanceof String name)) throw new IllegalArgumentException("an event needs \"event\": the action's name");
        Value[] args = null;
        if (o.get("args") instanceof List<?> as) {
            args = new Value[as.size()];
            for (int i = 0; i < args.length; i++) args[i] = as.get(i) == null ? null : TraceValues.toValue(as.get(i));
        }
        int core = o.get("core") instanceof Long c ? (int) (long) c : -1;
        long clock = o.get("clock") instanceof Long c ? c : line;
        List<TraceEvent.Constraint> cs = new ArrayList<>();
        if (o.get("vars") instanceof Map<?, ?> vars) {
            for (Map.Entry<?, ?> v : vars.entrySet()) {
                cs.add(new TraceEvent.Constraint((String) v.getKey(), new Value[0], TraceValues.toValue(v.getValue())));
            }
        }
        if (o.get("updates") instanceof List<?> ups) {
            for (Object u : ups) {
                Map<String, Object> m = (Map<String, Object>) u;
                List<Object> path = (List<Object>) m.get("path");
                Value[] p = new Value[path == null ? 0 : path.size()];
                for (int i = 0; i < p.length; i++) p[i] = TraceValues.toValue(path.get(i));
                if (!(m.get("var") instanceof String var)) throw new IllegalArgumentException("an update needs \"var\"");
                cs.add(new TraceEvent.Constraint(var, p, TraceValues.toValue(m.get("value"))));
            }
        }
        return new TraceEvent(line, name, args, core, clock, cs);
    }
}
