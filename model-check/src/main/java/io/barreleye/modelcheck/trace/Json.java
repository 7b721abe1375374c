package io.barreleye.modelcheck.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for trace lines (the checker has no dependencies): objects become
 * LinkedHashMaps, arrays Lists, numbers Longs, plus Strings, Booleans and null. Errors name the
 * column.
 */
public final class Json {
    private final String s;
    private int p;

    private Json(String s) {
        this.s = s;
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
        Json j = new Json(text);
        j.ws();
        Object v = j.value();
        j.ws();
        if (j.p != text.length()) throw j.error("unexpected text after the JSON value");
        return v;
    }

    private JsonException error(String msg) {
        return new JsonException(p + 1, msg);
    }

    private void ws() {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
    }

    private Object value() {
        if (p >= s.length()) throw error("unexpected end of line, expected a value");
        char c = s.charAt(p);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
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

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, p)) throw error("expected " + word);
        p += word.length();
        return v;
    }

    private Long number() {
        int start = p;
        if (s.charAt(p) == '-') p++;
        while (p < s.length() && Character.isDigit(s.charAt(p))) p++;
        if (p < s.length() && (s.charAt(p) == '.' || s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
            throw error("only integers are allowed in traces");
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
            if (c == '\\') break;
            q++;
        }
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (p >= s.length()) throw error("unterminated string");
            char c = s.charAt(p++);
            if (c == '"') return sb.toString();
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
                    sb.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
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
            out.add(value());
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
            String k = string();
            ws();
            if (p >= s.length() || s.charAt(p) != ':') throw error("expected : after a field name");
            p++;
            ws();
            out.put(k, value());
            ws();
            if (p >= s.length()) throw error("unterminated object");
            char c = s.charAt(p++);
            if (c == '}') return out;
            if (c != ',') throw error("expected , or } in an object");
        }
    }
}
