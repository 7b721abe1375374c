package io.barreleye.modelcheck.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for trace lines (the checker has no dependencies): objects become
 * LinkedHashMaps, arrays Lists, numbers Longs, plus Strings, Booleans and null. Anything RFC 8259
 * does not allow is refused (leading zeros, raw control characters in strings, a repeated field
 * name), and so is nesting deeper than {@link #MAX_DEPTH}, so that no line can exhaust the stack.
 * Errors name the column.
 */
public final class Json {
    /** Deeper nesting is refused: trace values are a handful of levels deep. */
    public static final int MAX_DEPTH = 200;

    private final String s;
    private int p;
    private int depth;
    /** When locating: the path of the value whose column is wanted, the path read so far, and the answer. */
    private final List<Object> target;
    private final List<Object> at = new ArrayList<>();
    private int found = -1;

    private Json(String s, List<Object> target) {
        this.s = s;
        this.target = target;
    }

    /** Thrown for malformed JSON, with the 1-based column. */
    public static final class JsonException extends RuntimeException {
        public final int column;

        JsonException(int column, String message) {
            super(message, null, false, false);
            this.column = column;
        }
    }

    public static Object parse(String text) {
        Json j = new Json(text, null);
        j.ws();
        Object v = j.value();
        j.ws();
        if (j.p != text.length()) throw j.error("unexpected text after the JSON value");
        return v;
    }

    /**
     * The 1-based column where the value at {@code path} (field names and array indexes from the
     * top) starts in {@code text}, a line that parses; 1 when there is no such value. Reading a
     * line again to place an error keeps the common path, a line that is fine, free of bookkeeping.
     */
    public static int columnOf(String text, List<Object> path) {
        Json j = new Json(text, path);
        j.ws();
        j.value();
        return j.found < 0 ? 1 : j.found;
    }

    private JsonException error(String msg) {
        return new JsonException(p + 1, msg);
    }

    private void ws() {
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == '\r' || s.charAt(p) == '\n')) p++;
    }

    private Object value() {
        if (target != null && found < 0 && at.equals(target)) found = p + 1;
        if (p >= s.length()) throw error("unexpected end of line, expected a value");
        char c = s.charAt(p);
        switch (c) {
            case '{':
                enter();
                Map<String, Object> o = object();
                depth--;
                return o;
            case '[':
                enter();
                List<Object> a = array();
                depth--;
                return a;
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return number();
                throw error("unexpected character '" + c + "', expected a value");
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH + " levels");
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, p)) throw error("expected " + word);
        p += word.length();
        return v;
    }

    private Long number() {
        int start = p;
        if (s.charAt(p) == '-') p++;
        int digits = p;
        while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') p++;
        if (p == digits) {
            p = start;
            throw error("malformed number");
        }
        if (s.charAt(digits) == '0' && p - digits > 1) {
            p = start;
            throw error("a number must not start with 0");
        }
        if (p < s.length() && (s.charAt(p) == '.' || s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            throw error("only integers are allowed in traces");
        }
        if (p - digits <= 18) {
            // at most 18 digits cannot overflow a long: no substring, no parse
            long v = 0;
            for (int i = digits; i < p; i++) v = v * 10 + (s.charAt(i) - '0');
            return s.charAt(start) == '-' ? -v : v;
        }
        try {
            return Long.parseLong(s.substring(start, p));
        } catch (NumberFormatException e) {
            p = start;
            throw error("malformed number");
        }
    }

    private String string() {
        p++;
        // fast path: no escapes before the closing quote
        int q = p;
        while (q < s.length()) {
            char c = s.charAt(q);
            if (c == '"') {
                String out = s.substring(p, q);
                p = q + 1;
                return out;
            }
            if (c == '\\' || c < 0x20) break;
            q++;
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (p >= s.length()) throw error("unterminated string");
            char c = s.charAt(p++);
            if (c == '"') return sb.toString();
            if (c < 0x20) {
                p--;
                throw error("control character U+" + String.format("%04X", (int) c) + " in a string (escape it)");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (p >= s.length()) throw error("unterminated escape");
            char e = s.charAt(p++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (p + 4 > s.length()) throw error("short \\u escape");
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(s.charAt(p + i), 16);
                        if (d < 0) throw error("\\u takes four hex digits");
                        code = code * 16 + d;
                    }
                    sb.append((char) code);
                    p += 4;
                }
                default -> throw error("unknown escape \\" + e);
            }
        }
    }

    private List<Object> array() {
        p++;
        List<Object> out = new ArrayList<>();
        ws();
        if (p < s.length() && s.charAt(p) == ']') {
            p++;
            return out;
        }
        while (true) {
            ws();
            if (target != null) at.add(out.size());
            out.add(value());
            if (target != null) at.remove(at.size() - 1);
            ws();
            if (p >= s.length()) throw error("unterminated array");
            char c = s.charAt(p++);
            if (c == ']') return out;
            if (c != ',') throw error("expected , or ] in an array");
        }
    }

    private Map<String, Object> object() {
        p++;
        Map<String, Object> out = new LinkedHashMap<>();
        ws();
        if (p < s.length() && s.charAt(p) == '}') {
            p++;
            return out;
        }
        while (true) {
            ws();
            if (p >= s.length() || s.charAt(p) != '"') throw error("expected a quoted field name");
            int keyAt = p;
            String k = string();
            if (out.containsKey(k)) {
                p = keyAt;
                throw error("the field \"" + k + "\" appears twice");
            }
            ws();
            if (p >= s.length() || s.charAt(p) != ':') throw error("expected : after a field name");
            p++;
            ws();
            if (target != null) at.add(k);
            out.put(k, value());
            if (target != null) at.remove(at.size() - 1);
            ws();
            if (p >= s.length()) throw error("unterminated object");
            char c = s.charAt(p++);
            if (c == '}') return out;
            if (c != ',') throw error("expected , or } in an object");
        }
    }
}
