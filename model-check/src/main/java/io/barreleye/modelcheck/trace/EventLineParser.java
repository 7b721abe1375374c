package io.barreleye.modelcheck.trace;

import io.barreleye.modelcheck.value.BoolValue;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.ModelValue;
import io.barreleye.modelcheck.value.RecordValue;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.StringValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The common event line, read straight into TLA+ values: no JSON maps and lists in between, field
 * names and strings looked up without copying them out of the line, and a value whose text is the
 * same as that of the previous line's value for the same variable (a whole history recorded at
 * every step) taken over instead of being built and sorted again.
 *
 * <p>It handles well-formed lines of plain values only and gives up ({@link #parse} answers null)
 * on anything else: an escape in a string, a number beyond 32 bits, a null, deep nesting, a
 * repeated or unknown field, a malformed tag, any syntax error. The caller then reads that line
 * the strict way ({@link TraceReader}), which gives its event or its located error. So this reads
 * a subset of what the strict reader accepts, into the same event, built by the same value
 * constructors (a test compares the two on every kind of line).
 *
 * <p>One instance per thread: it keeps the last values per variable and a cache of strings.
 */
final class EventLineParser {
    /** Gives up on deeper lines (the strict reader refuses beyond {@link Json#MAX_DEPTH}). */
    private static final int MAX_DEPTH = 64;
    /** Values at least this long (in characters) are remembered per variable for the next line. */
    private static final int MEMO_FROM = 48;

    /** Thrown to abandon a line: preallocated, no stack trace. */
    private static final RuntimeException GIVE_UP = new RuntimeException("not a plain event line", null, false, false) {};

    /** The line being read, and its length: an array, which the client compiler reads faster than a String. */
    private char[] s;
    private int len;
    private int p;
    private int depth;
    private final StringValue[] strings = new StringValue[512];
    private final char[][] stringChars = new char[512][];
    /** The last long value read per variable name: its line, where its text lies, and the value. */
    private final Map<String, Remembered> memo = new HashMap<>();

    private record Remembered(char[] line, int start, int end, Value value) {}

    /** The event of line number {@code n}, or null when this line must be read the strict way. */
    TraceEvent parse(String line, int n, boolean byClock) {
        s = line.toCharArray();
        len = s.length;
        p = 0;
        depth = 0;
        try {
            TraceEvent e = event(n, byClock);
            ws();
            return p == len ? e : null;
        } catch (RuntimeException giveUp) {
            // GIVE_UP, or the value constructors refusing (an element TLC cannot order...): the
            // strict reader decides what that line is
            return null;
        } finally {
            s = null;
        }
    }

    private TraceEvent event(int n, boolean byClock) {
        ws();
        expect('{');
        String action = null;
        Value[] args = null;
        int core = -1;
        long clock = n;
        boolean hasClock = false;
        List<TraceEvent.Constraint> vars = null;
        List<TraceEvent.Constraint> updates = null;
        int seen = 0;
        ws();
        if (peek() == '}') throw GIVE_UP; // no "event": the strict reader says so
        while (true) {
            ws();
            String field = key();
            int bit = switch (field) {
                case "event" -> 1;
                case "args" -> 2;
                case "core" -> 4;
                case "clock" -> 8;
                case "vars" -> 16;
                case "updates" -> 32;
                default -> throw GIVE_UP;
            };
            if ((seen & bit) != 0) throw GIVE_UP;
            seen |= bit;
            ws();
            switch (bit) {
                case 1 -> {
                    action = quoted().value;
                    if (action.isEmpty()) throw GIVE_UP;
                }
                case 2 -> args = args();
                case 4 -> core = (int) natural(Integer.MAX_VALUE);
                case 8 -> {
                    clock = natural(Long.MAX_VALUE);
                    hasClock = true;
                }
                case 16 -> vars = vars();
                default -> updates = updates();
            }
            ws();
            char c = next();
            if (c == '}') break;
            if (c != ',') throw GIVE_UP;
        }
        if (action == null || byClock && !hasClock) throw GIVE_UP;
        List<TraceEvent.Constraint> cs = new ArrayList<>((vars == null ? 0 : vars.size()) + (updates == null ? 0 : updates.size()));
        if (vars != null) cs.addAll(vars);
        if (updates != null) cs.addAll(updates);
        return new TraceEvent(n, action, args, core, clock, cs);
    }

    private Value[] args() {
        expect('[');
        List<Value> out = new ArrayList<>(4);
        ws();
        if (peek() == ']') {
            p++;
            return new Value[0];
        }
        while (true) {
            ws();
            if (startsWith("null")) {
                p += 4;
                out.add(null); // an argument not recorded
            } else {
                out.add(value());
            }
            ws();
            char c = next();
            if (c == ']') return out.toArray(new Value[0]);
            if (c != ',') throw GIVE_UP;
        }
    }

    private List<TraceEvent.Constraint> vars() {
        expect('{');
        List<TraceEvent.Constraint> out = new ArrayList<>(4);
        ws();
        if (peek() == '}') {
            p++;
            return out;
        }
        while (true) {
            ws();
            String var = key();
            for (TraceEvent.Constraint c : out) {
                if (c.var().equals(var)) throw GIVE_UP; // a field twice
            }
            ws();
            out.add(new TraceEvent.Constraint(var, new Value[0], remembered(var)));
            ws();
            char c = next();
            if (c == '}') return out;
            if (c != ',') throw GIVE_UP;
        }
    }

    private List<TraceEvent.Constraint> updates() {
        expect('[');
        List<TraceEvent.Constraint> out = new ArrayList<>(4);
        ws();
        if (peek() == ']') {
            p++;
            return out;
        }
        while (true) {
            ws();
            out.add(update());
            ws();
            char c = next();
            if (c == ']') return out;
            if (c != ',') throw GIVE_UP;
        }
    }

    private TraceEvent.Constraint update() {
        expect('{');
        String var = null;
        Value[] path = null;
        Value value = null;
        while (true) {
            ws();
            String field = key();
            ws();
            switch (field) {
                case "var" -> {
                    if (var != null) throw GIVE_UP;
                    var = quoted().value;
                    if (var.isEmpty()) throw GIVE_UP;
                }
                case "path" -> {
                    if (path != null) throw GIVE_UP;
                    Value t = value();
                    if (!(t instanceof TupleValue tuple) || peekBefore() != ']') throw GIVE_UP;
                    path = tuple.elems().length == 0 ? new Value[0] : tuple.elems().clone();
                }
                case "value" -> {
                    if (value != null) throw GIVE_UP;
                    value = value();
                }
                default -> throw GIVE_UP;
            }
            ws();
            char c = next();
            if (c == '}') break;
            if (c != ',') throw GIVE_UP;
        }
        if (var == null || value == null) throw GIVE_UP;
        return new TraceEvent.Constraint(var, path == null ? new Value[0] : path, value);
    }

    /** The value of a whole variable: the previous line's, when its text is the same. */
    private Value remembered(String var) {
        int start = p;
        Remembered last = memo.get(var);
        if (last != null) {
            int n = last.end - last.start;
            if (start + n <= len && Arrays.equals(s, start, start + n, last.line, last.start, last.end) && endsValue(start + n)) {
                p = start + n;
                return last.value;
            }
        }
        Value v = value();
        return p - start >= MEMO_FROM ? remember(var, start, p, v) : v;
    }

    /** True when a value's text can end just before {@code i}: what follows is a separator. */
    private boolean endsValue(int i) {
        if (i >= len) return false;
        char c = s[i];
        return c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private Value remember(String var, int start, int end, Value v) {
        memo.put(var, new Remembered(s, start, end, v));
        return v;
    }

    private Value value() {
        char c = peek();
        switch (c) {
            case '{':
                return object();
            case '[':
                return tuple();
            case '"':
                return string();
            case 't':
                return word("true", BoolValue.TRUE);
            case 'f':
                return word("false", BoolValue.FALSE);
            default:
                if (c == '-' || c >= '0' && c <= '9') return IntValue.of((int) integer(Integer.MIN_VALUE, Integer.MAX_VALUE));
                throw GIVE_UP;
        }
    }

    private Value word(String w, Value v) {
        if (!startsWith(w)) throw GIVE_UP;
        p += w.length();
        return v;
    }

    private Value[] elements() {
        if (++depth > MAX_DEPTH) throw GIVE_UP;
        expect('[');
        ws();
        if (peek() == ']') {
            p++;
            depth--;
            return new Value[0];
        }
        Value[] out = new Value[8];
        int n = 0;
        while (true) {
            ws();
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = value();
            ws();
            char c = next();
            if (c == ']') break;
            if (c != ',') throw GIVE_UP;
        }
        depth--;
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private Value tuple() {
        return TupleValue.of(elements());
    }

    /** A record, or a tagged set, model value or function (an object of that one field). */
    private Value object() {
        if (++depth > MAX_DEPTH) throw GIVE_UP;
        p++;
        ws();
        if (peek() == '}') {
            p++;
            depth--;
            return TupleValue.EMPTY;
        }
        String[] names = new String[4];
        Value[] vals = new Value[4];
        int n = 0;
        Value tagged = null;
        while (true) {
            ws();
            String name = key();
            for (int i = 0; i < n; i++) {
                if (names[i].equals(name)) throw GIVE_UP; // a field twice
            }
            ws();
            if (n == 0 && (name.equals("set") || name.equals("fcn") || name.equals("mv"))) {
                tagged = tagged(name);
                ws();
                if (peek() != '}') throw GIVE_UP; // a record with a field so named: rare, the strict way
                p++;
                depth--;
                return tagged;
            }
            if (n == names.length) {
                names = Arrays.copyOf(names, n * 2);
                vals = Arrays.copyOf(vals, n * 2);
            }
            names[n] = name;
            vals[n++] = value();
            ws();
            char c = next();
            if (c == '}') break;
            if (c != ',') throw GIVE_UP;
        }
        depth--;
        return RecordValue.of(n == names.length ? names : Arrays.copyOf(names, n), n == vals.length ? vals : Arrays.copyOf(vals, n));
    }

    private Value tagged(String tag) {
        switch (tag) {
            case "set":
                if (peek() != '[') throw GIVE_UP;
                return SetEnumValue.of(elements());
            case "mv":
                return ModelValue.of(quoted().value);
            default:
                if (peek() != '[') throw GIVE_UP;
                Value[] pairs = elements();
                List<Value> keys = new ArrayList<>(pairs.length);
                List<Value> vals = new ArrayList<>(pairs.length);
                for (Value pair : pairs) {
                    if (!(pair instanceof TupleValue kv) || kv.size() != 2) throw GIVE_UP;
                    keys.add(kv.get(0));
                    vals.add(kv.get(1));
                }
                return TraceValues.fcn(keys, vals);
        }
    }

    /** A field name followed by its colon. */
    private String key() {
        String k = quoted().value;
        ws();
        expect(':');
        return k;
    }

    /** A string, which must come next. */
    private StringValue quoted() {
        if (peek() != '"') throw GIVE_UP;
        return string();
    }

    /** A string without escapes or control characters, as the interned value (found without copying when met before). */
    private StringValue string() {
        int start = ++p;
        int h = 0;
        while (true) {
            if (p >= len) throw GIVE_UP;
            char c = s[p];
            if (c == '"') break;
            if (c == '\\' || c < 0x20) throw GIVE_UP;
            h = 31 * h + c;
            p++;
        }
        int end = p++;
        int slot = (h ^ (h >>> 16)) & (strings.length - 1);
        char[] cached = stringChars[slot];
        if (cached != null && Arrays.equals(s, start, end, cached, 0, cached.length)) return strings[slot];
        StringValue v = StringValue.of(new String(s, start, end - start));
        strings[slot] = v;
        stringChars[slot] = Arrays.copyOfRange(s, start, end);
        return v;
    }

    private long natural(long max) {
        return integer(0, max);
    }

    /** An integer in [min, max] (at most 18 digits, no leading zero, no fraction or exponent). */
    private long integer(long min, long max) {
        boolean negative = p < len && s[p] == '-';
        if (negative) p++;
        int digits = p;
        long v = 0;
        while (p < len) {
            char c = s[p];
            if (c < '0' || c > '9') break;
            v = v * 10 + (c - '0');
            p++;
        }
        int count = p - digits;
        if (count == 0 || count > 18 || count > 1 && s[digits] == '0') throw GIVE_UP;
        if (p < len && (s[p] == '.' || s[p] == 'e' || s[p] == 'E')) throw GIVE_UP;
        if (negative) v = -v;
        if (v < min || v > max) throw GIVE_UP;
        return v;
    }

    private void ws() {
        while (p < len) {
            char c = s[p];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return;
            p++;
        }
    }

    private char peek() {
        if (p >= len) throw GIVE_UP;
        return s[p];
    }

    private char peekBefore() {
        return s[p - 1];
    }

    private char next() {
        char c = peek();
        p++;
        return c;
    }

    private boolean startsWith(String w) {
        if (p + w.length() > len) return false;
        for (int i = 0; i < w.length(); i++) {
            if (s[p + i] != w.charAt(i)) return false;
        }
        return true;
    }

    private void expect(char c) {
        if (next() != c) throw GIVE_UP;
    }
}
