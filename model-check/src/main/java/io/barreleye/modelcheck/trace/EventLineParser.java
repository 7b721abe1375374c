package io.barreleye.modelcheck.trace;

import io.barreleye.modelcheck.value.BoolValue;
import io.barreleye.modelcheck.value.Copies;
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
 * <p>It reads the line's bytes as they are in the file, never decoded: a line it accepts is all
 * ASCII (it looks at every byte, and any byte beyond ASCII makes it give up), so it is UTF-8.
 * It handles well-formed lines of plain values only and gives up ({@link #parse} answers null)
 * on anything else: a byte beyond ASCII, an escape in a string, a number beyond 32 bits, a null,
 * deep nesting, a repeated or unknown field, a malformed tag, any syntax error. The caller then reads that line
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

    /** The bytes the line is in, and where it ends in them. */
    private byte[] s;
    private int len;
    private int p;
    private int depth;
    private final StringValue[] strings = new StringValue[512];
    private final byte[][] stringBytes = new byte[512][];
    /** Record layouts met so far (at most 16, the oldest replaced first) and their field names as written. */
    private final RecordValue.Layout[] layouts = new RecordValue.Layout[16];
    private final String[][] layoutNames = new String[16][];
    private int layoutCount;
    private int nextEvicted;
    /** The last long value read per variable name: its text (a copy: the line's bytes are reused) and the value. */
    private final Map<String, Remembered> memo = new HashMap<>();

    /**
     * A whole variable's last value and its text; for a set, also its elements in the order
     * written and where each one's text ends (an offset into {@code text}), else null.
     */
    private record Remembered(byte[] text, Value value, Value[] elems, int[] ends) {}

    /** How a set's text starts, as the trace writer writes it. */
    private static final byte[] SET_OPEN = "{\"set\":[".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The event of line number {@code n}, or null when this line must be read the strict way. */
    TraceEvent parse(String line, int n, boolean byClock) {
        byte[] b = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return parse(b, 0, b.length, n, byClock);
    }

    /**
     * The event of line number {@code n}, whose bytes are {@code b[from, to)} (read only during
     * the call), or null when this line must be read the strict way.
     */
    TraceEvent parse(byte[] b, int from, int to, int n, boolean byClock) {
        s = b;
        len = to;
        p = from;
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
            byte c = next();
            if (c == '}') break;
            if (c != ',') throw GIVE_UP;
        }
        if (action == null || byClock && !hasClock) throw GIVE_UP;
        List<TraceEvent.Constraint> cs;
        if (vars == null || updates == null) {
            cs = vars != null ? vars : updates != null ? updates : new ArrayList<>(0); // the event's own list either way
        } else {
            cs = new ArrayList<>(vars.size() + updates.size());
            cs.addAll(vars);
            cs.addAll(updates);
        }
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
            byte c = next();
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
            byte c = next();
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
            byte c = next();
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
                    if (path != null || peek() != '[') throw GIVE_UP;
                    path = elements(); // a fresh array, read straight, not as a tuple copied out
                }
                case "value" -> {
                    if (value != null) throw GIVE_UP;
                    value = value();
                }
                default -> throw GIVE_UP;
            }
            ws();
            byte c = next();
            if (c == '}') break;
            if (c != ',') throw GIVE_UP;
        }
        if (var == null || value == null) throw GIVE_UP;
        return new TraceEvent.Constraint(var, path == null ? new Value[0] : path, value);
    }

    /**
     * The value of a whole variable: the previous line's, when its text is the same. A set whose
     * text begins as the previous one's did (a history that grew by an element at its end, such
     * as membership's {@code vlog} at each new view) keeps the elements whose text is unchanged
     * and reads only the rest: an element is kept when its text and the separator after it lie
     * inside the common beginning, so it is the very same text, hence the same value.
     */
    private Value remembered(String var) {
        int start = p;
        Remembered last = memo.get(var);
        int kept = 0;
        if (last != null) {
            int n = last.text.length;
            int same = Arrays.mismatch(s, start, Math.min(len, start + n), last.text, 0, Math.min(n, len - start));
            if (same < 0 && start + n <= len && endsValue(start + n)) {
                p = start + n;
                return last.value;
            }
            if (last.ends != null) {
                if (same < 0) same = Math.min(n, len - start);
                while (kept < last.ends.length && last.ends[kept] < same) kept++;
            }
        }
        boolean set = startsWith(SET_OPEN);
        if (!set) {
            Value v = value();
            if (p - start >= MEMO_FROM) memo.put(var, new Remembered(Arrays.copyOfRange(s, start, p), v, null, null));
            return v;
        }
        // {"set":[e1, ..., en]}: the first `kept` elements as last time, the rest read here
        if (depth + 2 > MAX_DEPTH) throw GIVE_UP;
        depth += 2;
        Value[] elems = new Value[Math.max(8, kept + 8)];
        int[] ends = new int[elems.length];
        int count = kept;
        if (kept > 0) {
            System.arraycopy(last.elems, 0, elems, 0, kept);
            System.arraycopy(last.ends, 0, ends, 0, kept);
            p = start + last.ends[kept - 1];
        } else {
            p = start + SET_OPEN.length;
            ws();
            if (peek() != ']') { // an empty set has none: the loop below reads its ']'
                elems[count] = value();
                ends[count++] = p - start;
            }
        }
        while (true) {
            ws();
            byte c = next();
            if (c == ']') break;
            if (c != ',') throw GIVE_UP;
            ws();
            if (count == elems.length) {
                elems = Copies.of(elems, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            elems[count] = value();
            ends[count++] = p - start;
        }
        ws();
        expect('}');
        depth -= 2;
        Value[] written = Copies.of(elems, count);
        Value v = SetEnumValue.of(Copies.of(written)); // sorts its own copy: `written` keeps the order of the text
        if (p - start >= MEMO_FROM) {
            memo.put(var, new Remembered(Arrays.copyOfRange(s, start, p), v, written, Arrays.copyOf(ends, count)));
        }
        return v;
    }

    /** True when a value's text can end just before {@code i}: what follows is a separator. */
    private boolean endsValue(int i) {
        if (i >= len) return false;
        byte c = s[i];
        return c == ',' || c == '}' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private Value value() {
        byte c = peek();
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
            if (n == out.length) out = Copies.of(out, n * 2);
            out[n++] = value();
            ws();
            byte c = next();
            if (c == ']') break;
            if (c != ',') throw GIVE_UP;
        }
        depth--;
        return n == out.length ? out : Copies.of(out, n);
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
                names = Copies.of(names, n * 2);
                vals = Copies.of(vals, n * 2);
            }
            names[n] = name;
            vals[n++] = value();
            ws();
            byte c = next();
            if (c == '}') break;
            if (c != ',') throw GIVE_UP;
        }
        depth--;
        return layout(names, n).make(n == vals.length ? vals : Copies.of(vals, n));
    }

    /**
     * The layout of a record whose first {@code n} field names are {@code names}, as written:
     * looked up among the few met before, by identity (the names come from {@link #string}'s
     * cache, so a record of a kind met before has the very same strings), else made and kept.
     * A trace's records are of a handful of kinds, and making a layout sorts the names.
     */
    private RecordValue.Layout layout(String[] names, int n) {
        for (int k = 0; k < layoutCount; k++) {
            String[] known = layoutNames[k];
            if (known.length != n) continue;
            int i = 0;
            while (i < n && known[i] == names[i]) i++;
            if (i == n) return layouts[k];
        }
        String[] exact = n == names.length ? names : Copies.of(names, n);
        RecordValue.Layout l = RecordValue.Layout.of(exact);
        int k = layoutCount < layouts.length ? layoutCount++ : nextEvicted++ % layouts.length;
        layoutNames[k] = exact;
        layouts[k] = l;
        return l;
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

    /**
     * A string of ASCII characters without escapes or control characters, as the interned value
     * (found without copying when met before). A byte beyond ASCII is negative: given up on.
     */
    private StringValue string() {
        int start = p + 1;
        int h = 0;
        byte[] b = s; // locals: the client compiler keeps them in registers, not fields
        int i = start;
        int n = len;
        while (true) {
            if (i >= n) throw GIVE_UP;
            byte c = b[i];
            if (c == '"') break;
            if (c == '\\' || c < 0x20) throw GIVE_UP;
            h = 31 * h + c;
            i++;
        }
        int end = i;
        p = i + 1;
        int slot = (h ^ (h >>> 16)) & (strings.length - 1);
        byte[] cached = stringBytes[slot];
        if (cached != null && Arrays.equals(s, start, end, cached, 0, cached.length)) return strings[slot];
        StringValue v = StringValue.of(new String(s, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1));
        strings[slot] = v;
        stringBytes[slot] = Arrays.copyOfRange(s, start, end);
        return v;
    }

    private long natural(long max) {
        return integer(0, max);
    }

    /** An integer in [min, max] (at most 18 digits, no leading zero, no fraction or exponent). */
    private long integer(long min, long max) {
        byte[] b = s;
        int i = p;
        int n = len;
        boolean negative = i < n && b[i] == '-';
        if (negative) i++;
        int digits = i;
        long v = 0;
        while (i < n) {
            byte c = b[i];
            if (c < '0' || c > '9') break;
            v = v * 10 + (c - '0');
            i++;
        }
        p = i;
        int count = i - digits;
        if (count == 0 || count > 18 || count > 1 && b[digits] == '0') throw GIVE_UP;
        if (i < n && (b[i] == '.' || b[i] == 'e' || b[i] == 'E')) throw GIVE_UP;
        if (negative) v = -v;
        if (v < min || v > max) throw GIVE_UP;
        return v;
    }

    private void ws() {
        byte[] b = s;
        int i = p;
        int n = len;
        while (i < n) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') break;
            i++;
        }
        p = i;
    }

    private byte peek() {
        if (p >= len) throw GIVE_UP;
        return s[p];
    }

    private byte next() {
        byte c = peek();
        p++;
        return c;
    }

    private boolean startsWith(byte[] w) {
        return p + w.length <= len && Arrays.equals(s, p, p + w.length, w, 0, w.length);
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
