package io.barreleye.modelcheck.value;

import java.util.ArrayList;
import java.util.List;

/**
 * A value as TLC prints it where it may be long ({@code Print}, {@code PrintT}, states of a
 * trace): on one line when it fits in 80 columns, otherwise a set, tuple, record or function is
 * broken into one element per line, each nested value again on one line if it fits:
 * <pre>
 * { "alpha",
 *   "bravo" }
 * </pre>
 * The layout follows TLC's pretty printer: delimiters {@code "{ "}, {@code "<< "}, {@code "[ "},
 * {@code "( "} with the elements indented to the column after them, a record field or function
 * argument and its value kept on one line when they fit, else the value on the next line,
 * indented four more.
 */
public final class Pretty {
    private Pretty() {}

    static final int WIDTH = 80;

    public static String print(Value v) {
        return format(Doc.of(v), WIDTH, 0, "");
    }

    /** A value's shape for layout: its one-line text and, for a composite, its parts. */
    private record Doc(String flat, Kind kind, List<Doc> parts) {
        enum Kind { ATOM, SET, SEQ, FCN, REC, PAIR }

        static Doc atom(String s) {
            return new Doc(s, Kind.ATOM, List.of());
        }

        static Doc of(Value v) {
            String flat = v.toString();
            if (v instanceof TupleValue t && t.elems().length > 0) return new Doc(flat, Kind.SEQ, docs(t.elems()));
            if (v instanceof RecordValue r) {
                List<Doc> pairs = new ArrayList<>();
                for (int i : TlcOrder.fieldOrder(r.keys)) pairs.add(pair(atom(r.names[i]), of(r.vals[i])));
                return new Doc(flat, Kind.REC, pairs);
            }
            if (v instanceof FcnValue f && f.isEnumerable() && !(v instanceof TupleValue)) {
                List<Doc> pairs = new ArrayList<>();
                Value[] d = f.domainArray();
                Value[] r = f.valueArray();
                for (int i : TlcOrder.order(d)) pairs.add(pair(of(d[i]), of(r[i])));
                return new Doc(flat, Kind.FCN, pairs);
            }
            if (v instanceof SetValue s && !(v instanceof IntervalValue) && s.isFinite() && flat.startsWith("{") && !flat.equals("{}")) {
                return new Doc(flat, Kind.SET, docs(TlcOrder.sorted(s.toEnum().elems)));
            }
            return atom(flat);
        }

        private static Doc pair(Doc a, Doc b) {
            return new Doc(a.flat + " " + b.flat, Kind.PAIR, List.of(a, b));
        }

        private static List<Doc> docs(Value[] vs) {
            List<Doc> out = new ArrayList<>(vs.length);
            for (Value x : vs) out.add(of(x));
            return out;
        }
    }

    private static String format(Doc d, int width, int trailer, String pad) {
        if (d.flat.length() <= width - trailer) return d.flat;
        return switch (d.kind) {
            case SET -> list(d, width, trailer, pad, "{ ", " }", "  ");
            case SEQ -> list(d, width, trailer, pad, "<< ", " >>", "   ");
            case REC -> pairs(d, width, trailer, pad, "[ ", " ]", "  ", ",", " |->");
            case FCN -> pairs(d, width, trailer, pad, "( ", " )", "  ", " @@", " :>");
            default -> d.flat;
        };
    }

    private static String list(Doc d, int width, int trailer, String pad, String open, String close, String indent) {
        int w = width - Math.max(open.length(), indent.length());
        String p = pad + indent;
        StringBuilder sb = new StringBuilder(open);
        for (int i = 0; i < d.parts.size(); i++) {
            boolean last = i == d.parts.size() - 1;
            sb.append(format(d.parts.get(i), w, last ? trailer + close.length() : 1, p));
            if (!last) sb.append(",\n").append(p);
        }
        return sb.append(close).toString();
    }

    private static String pairs(Doc d, int width, int trailer, String pad, String open, String close, String indent,
            String sep, String div) {
        int w = width - Math.max(open.length(), indent.length());
        int tr = trailer + close.length();
        String p = pad + indent;
        String valuePad = "    ";
        StringBuilder sb = new StringBuilder(open);
        for (int i = 0; i < d.parts.size(); i++) {
            Doc arg = d.parts.get(i).parts.get(0);
            Doc val = d.parts.get(i).parts.get(1);
            boolean last = i == d.parts.size() - 1;
            int room = last ? w - tr : w - sep.length();
            int valueTrailer = last ? tr : sep.length();
            if (arg.flat.length() + div.length() + 1 + val.flat.length() <= room) {
                sb.append(arg.flat).append(div).append(' ').append(val.flat);
            } else {
                String a = arg.flat.length() + div.length() <= w ? arg.flat : format(arg, w, tr + div.length(), p);
                sb.append(a).append(div).append('\n').append(p).append(valuePad)
                        .append(format(val, w - valuePad.length(), valueTrailer, p + valuePad));
            }
            if (!last) sb.append(sep).append('\n').append(p);
        }
        return sb.append(close).toString();
    }
}
