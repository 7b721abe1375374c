package io.barreleye.modelcheck.trace;

import io.barreleye.modelcheck.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the trace format of traces/README.md and nothing else: each line one JSON object, the
 * first the header, every field of the type the format gives it, required fields present, unknown
 * fields and format versions refused, and names of the spec and model plain relative paths (no
 * {@code ..}, nothing absolute) so that a trace can only name files inside the folders it is
 * validated against. Every refusal says {@code file:line:column}.
 */
final class TraceReader {
    /** The format version this reader knows; the header's {@code "trace"} must say it. */
    static final String VERSION = "barreleye/1";

    private static final Set<String> HEADER_FIELDS = Set.of("trace", "spec", "model", "constants", "order");
    private static final Set<String> EVENT_FIELDS = Set.of("event", "core", "clock", "args", "vars", "updates");
    private static final Set<String> UPDATE_FIELDS = Set.of("var", "path", "value");

    /** A field that breaks the format: its path inside the line's JSON places the column. */
    private static final class FieldError extends RuntimeException {
        final List<Object> path;

        FieldError(List<Object> path, String message) {
            super(message, null, false, false);
            this.path = path;
        }
    }

    private TraceReader() {}

    /** Events are handed over in batches of this many: few enough that what waits to be validated stays small. */
    static final int BATCH = 256;

    /** What reading hands over: the header first, then the events in line order, a batch at a time. */
    interface Sink {
        void header(Header h);

        void events(List<TraceEvent> batch);
    }

    /** The order of a threaded run's events when the header says {@code "order":"clock"}. */
    static final Comparator<TraceEvent> CLOCK_ORDER = Comparator.comparingLong(TraceEvent::clock).thenComparingInt(TraceEvent::line);

    /**
     * The lines of a trace, one at a time: the current line's bytes ({@code bytes()[from(), to())},
     * valid until the next {@link #advance}) and, when asked, its text. A line that cannot be read
     * (too long, not UTF-8) is thrown as {@link TraceLines.Refused}.
     */
    interface Lines {
        /** Moves to the next line; false when there is none. */
        boolean advance();

        /** The current line's number (1-based). */
        int number();

        byte[] bytes();

        int from();

        int to();

        String text();

        /** True when the line is empty or white space only. */
        default boolean blank() {
            byte[] b = bytes();
            for (int i = from(); i < to(); i++) {
                if (b[i] < 0) return text().isBlank();
                if (!Character.isWhitespace(b[i])) return false;
            }
            return true;
        }
    }

    /** Lines held as strings (a trace recorded in memory), as UTF-8 bytes. */
    static final class StringLines implements Lines {
        private final Iterator<String> lines;
        private int number;
        private String text;
        private byte[] bytes;

        StringLines(Iterator<String> lines) {
            this.lines = lines;
        }

        @Override public boolean advance() {
            if (!lines.hasNext()) return false;
            number++;
            text = lines.next();
            bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return true;
        }

        @Override public int number() {
            return number;
        }

        @Override public byte[] bytes() {
            return bytes;
        }

        @Override public int from() {
            return 0;
        }

        @Override public int to() {
            return bytes.length;
        }

        @Override public String text() {
            return text;
        }
    }

    static Trace read(Path file, Iterator<String> lines) {
        Collected c = new Collected();
        read(file, new StringLines(lines), c);
        return c.trace(file);
    }

    /** A whole trace gathered from a {@link Sink}'s header and batches. */
    static final class Collected implements Sink {
        private Header h;
        private final List<TraceEvent> events = new ArrayList<>();

        @Override public void header(Header header) {
            h = header;
        }

        @Override public void events(List<TraceEvent> batch) {
            events.addAll(batch);
        }

        Trace trace(Path file) {
            if (h.byClock) events.sort(CLOCK_ORDER);
            return new Trace(file, h.spec, h.model, h.constants, events, h.line);
        }
    }

    /**
     * Reads the header and then the events, handing each batch to {@code sink} as soon as it is
     * parsed. A line is read by the {@link EventLineParser} when it can, else the strict way, which
     * gives its event or its error; the first malformed line, in line order, ends the reading.
     */
    static void read(Path file, Lines lines, Sink sink) {
        try {
            readLines(file, lines, sink);
        } catch (TraceLines.Refused e) {
            throw new Trace.TraceException(file + ":" + e.line + ": " + e.getMessage());
        }
    }

    private static void readLines(Path file, Lines lines, Sink sink) {
        Header h = null;
        EventLineParser fast = new EventLineParser(); // one for the whole file: it remembers the last line's values
        List<TraceEvent> batch = new ArrayList<>(BATCH);
        while (lines.advance()) {
            int n = lines.number();
            if (lines.blank()) continue;
            if (h == null) {
                String line = lines.text();
                Map<String, Object> o = object(file, n, line);
                try {
                    h = header(o, n);
                } catch (FieldError e) {
                    throw located(file, n, line, e);
                }
                sink.header(h);
                continue;
            }
            TraceEvent e = fast.parse(lines.bytes(), lines.from(), lines.to(), n, h.byClock);
            if (e == null) {
                Object strict = strict(file, lines.text(), n, h.byClock);
                if (strict instanceof Trace.TraceException refused) throw refused;
                e = (TraceEvent) strict;
            }
            batch.add(e);
            if (batch.size() == BATCH) {
                sink.events(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) sink.events(batch);
        if (h == null) throw new Trace.TraceException(file + ":1: empty trace: no header line");
    }

    /** The event of one line read the strict way, or the located error that refuses it. */
    static Object strict(Path file, String line, int n, boolean byClock) {
        try {
            Map<String, Object> o = object(file, n, line);
            try {
                return event(o, n, byClock);
            } catch (FieldError e) {
                return located(file, n, line, e);
            }
        } catch (Trace.TraceException e) {
            return e;
        }
    }

    private static Trace.TraceException located(Path file, int n, String line, FieldError e) {
        return new Trace.TraceException(file + ":" + n + ":" + Json.columnOf(line, e.path) + ": " + e.getMessage());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Path file, int n, String line) {
        Object parsed;
        try {
            parsed = Json.parse(line);
        } catch (Json.JsonException e) {
            throw new Trace.TraceException(file + ":" + n + ":" + e.column + ": " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?>)) throw new Trace.TraceException(file + ":" + n + ":1: expected a JSON object");
        return (Map<String, Object>) parsed;
    }

    /** The header line: where it is, the spec, model and constants it names, and whether events go by their clocks. */
    record Header(int line, String spec, String model, Map<String, Value> constants, boolean byClock) {
        /** The trace so far: the header's part, no events. */
        Trace trace(Path file) {
            return new Trace(file, spec, model, constants, List.of(), line);
        }
    }

    private static Header header(Map<String, Object> o, int n) {
        if (!o.containsKey("trace") && o.containsKey("event")) {
            throw new FieldError(List.of(), "the first line must be the header ({\"trace\":\"" + VERSION + "\",\"spec\":...})");
        }
        known(o, HEADER_FIELDS, List.of(), "header");
        Object version = required(o, "trace", List.of());
        if (!VERSION.equals(version)) {
            throw new FieldError(List.of("trace"), "unknown trace format " + describe(version) + " (this reader knows \""
                    + VERSION + "\")");
        }
        String spec = fileName(o, "spec", ".tla", true);
        String model = fileName(o, "model", ".cfg", false);
        Map<String, Value> constants = new LinkedHashMap<>();
        Object cs = o.get("constants");
        if (cs != null || o.containsKey("constants")) {
            Map<String, Object> m = map(cs, List.of("constants"), "\"constants\" must be an object of constant names and values");
            for (Map.Entry<String, Object> c : m.entrySet()) {
                constants.put(c.getKey(), value(c.getValue(), List.of("constants", c.getKey())));
            }
        }
        boolean byClock = false;
        if (o.containsKey("order")) {
            if (!"clock".equals(o.get("order"))) {
                throw new FieldError(List.of("order"), "\"order\" can only be \"clock\", not " + describe(o.get("order")));
            }
            byClock = true;
        }
        return new Header(n, spec, model, constants, byClock);
    }

    /** A spec or model name: a relative path inside the trace's folder or the spec folder, with the given suffix. */
    private static String fileName(Map<String, Object> o, String field, String suffix, boolean needed) {
        Object v = needed ? required(o, field, List.of()) : o.get(field);
        if (v == null && !o.containsKey(field)) return null;
        if (!(v instanceof String name) || name.isEmpty()) throw new FieldError(List.of(field), "\"" + field + "\" must be a file name");
        if (!name.endsWith(suffix)) throw new FieldError(List.of(field), "\"" + field + "\" must name a " + suffix + " file, not " + describe(name));
        if (!safeRelative(name)) {
            throw new FieldError(List.of(field), "\"" + field + "\" must be a plain relative name (no \"..\", not absolute): "
                    + describe(name));
        }
        return name;
    }

    /** True for a path made of plain names only: nothing that climbs out of or past a folder. */
    static boolean safeRelative(String name) {
        if (name.startsWith("/") || name.startsWith("\\") || name.contains("\0") || name.contains(":")) return false;
        for (String part : name.split("[/\\\\]", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) return false;
        }
        return true;
    }

    private static TraceEvent event(Map<String, Object> o, int n, boolean byClock) {
        known(o, EVENT_FIELDS, List.of(), "event");
        Object name = required(o, "event", List.of());
        if (!(name instanceof String action) || action.isEmpty()) {
            throw new FieldError(List.of("event"), "\"event\" must be the action's name, not " + describe(name));
        }
        Value[] args = null;
        if (o.containsKey("args")) {
            List<Object> as = list(o.get("args"), List.of("args"), "\"args\" must be an array of the action's arguments");
            args = new Value[as.size()];
            for (int i = 0; i < args.length; i++) args[i] = as.get(i) == null ? null : value(as.get(i), List.of("args", i));
        }
        int core = -1;
        if (o.containsKey("core")) core = (int) natural(o.get("core"), "core", Integer.MAX_VALUE);
        long clock = n;
        if (o.containsKey("clock")) {
            clock = natural(o.get("clock"), "clock", Long.MAX_VALUE);
        } else if (byClock) {
            throw new FieldError(List.of(), "the header says \"order\":\"clock\", so every event needs \"clock\"");
        }
        List<TraceEvent.Constraint> cs = new ArrayList<>();
        if (o.containsKey("vars")) {
            Map<String, Object> vars = map(o.get("vars"), List.of("vars"), "\"vars\" must be an object of variable names and values");
            for (Map.Entry<String, Object> v : vars.entrySet()) {
                cs.add(new TraceEvent.Constraint(v.getKey(), new Value[0], value(v.getValue(), List.of("vars", v.getKey()))));
            }
        }
        if (o.containsKey("updates")) {
            List<Object> ups = list(o.get("updates"), List.of("updates"), "\"updates\" must be an array of {\"var\",\"path\",\"value\"}");
            for (int i = 0; i < ups.size(); i++) cs.add(update(ups.get(i), List.of("updates", i)));
        }
        return new TraceEvent(n, action, args, core, clock, cs);
    }

    private static TraceEvent.Constraint update(Object u, List<Object> at) {
        Map<String, Object> m = map(u, at, "an update must be an object {\"var\",\"path\",\"value\"}");
        known(m, UPDATE_FIELDS, at, "update");
        if (!(required(m, "var", at) instanceof String var) || var.isEmpty()) {
            throw new FieldError(append(at, "var"), "an update's \"var\" must be a variable name");
        }
        Value[] p = new Value[0];
        if (m.containsKey("path")) {
            List<Object> path = list(m.get("path"), append(at, "path"), "an update's \"path\" must be an array of keys");
            p = new Value[path.size()];
            for (int i = 0; i < p.length; i++) p[i] = value(path.get(i), append(append(at, "path"), i));
        }
        return new TraceEvent.Constraint(var, p, value(required(m, "value", at), append(at, "value")));
    }

    private static void known(Map<String, Object> o, Set<String> fields, List<Object> at, String what) {
        for (String k : o.keySet()) {
            if (!fields.contains(k)) {
                throw new FieldError(append(at, k), "unknown " + what + " field \"" + k + "\" (known: "
                        + String.join(", ", fields.stream().sorted().toList()) + ")");
            }
        }
    }

    private static Object required(Map<String, Object> o, String field, List<Object> at) {
        Object v = o.get(field);
        if (v == null) {
            throw new FieldError(o.containsKey(field) ? append(at, field) : at, "\"" + field + "\" is required"
                    + (o.containsKey(field) ? " and cannot be null" : ""));
        }
        return v;
    }

    private static long natural(Object v, String field, long max) {
        if (!(v instanceof Long l) || l < 0 || l > max) {
            throw new FieldError(List.of(field), "\"" + field + "\" must be a whole number from 0 to " + max + ", not " + describe(v));
        }
        return l;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, List<Object> at, String message) {
        if (!(v instanceof Map<?, ?> m)) throw new FieldError(at, message + ", not " + describe(v));
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v, List<Object> at, String message) {
        if (!(v instanceof List<?> l)) throw new FieldError(at, message + ", not " + describe(v));
        return (List<Object>) l;
    }

    private static Value value(Object v, List<Object> at) {
        try {
            return TraceValues.toValue(v);
        } catch (IllegalArgumentException e) {
            throw new FieldError(at, e.getMessage());
        }
    }

    private static List<Object> append(List<Object> at, Object key) {
        List<Object> out = new ArrayList<>(at);
        out.add(key);
        return out;
    }

    /** A JSON value named by its type, and shown when short: what a message says the trace gave. */
    static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return s.length() <= 40 ? "\"" + s.replaceAll("\\p{Cntrl}", "?") + "\"" : "a string";
        if (v instanceof Map<?, ?>) return "an object";
        if (v instanceof List<?>) return "an array";
        return v.toString();
    }
}
