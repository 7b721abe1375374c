package io.barreleye.modelcheck.value;

import java.util.Arrays;

/**
 * TLC's order of values, where it differs from the canonical order values are kept in: strings
 * (and so record fields and model values, by their names) in the order the run first met them
 * ({@link StringOrder}), not alphabetically. It decides how sets, records and functions print
 * and which element CHOOSE picks; it never decides equality, so values built for different
 * specs (a trace and the spec it is checked against) still compare correctly.
 */
public final class TlcOrder {
    private TlcOrder() {}

    /** TLC's comparison of two values; values of kinds TLC cannot compare are an error ({@link Kinds}). */
    public static int compare(Value a, Value b) {
        if (a == b) return 0;
        if (a.kindRank() != b.kindRank()) return a.compareTo(b);
        if (a instanceof StringValue x) return Integer.compare(StringOrder.rank(x), StringOrder.rank((StringValue) b));
        if (a instanceof ModelValue x) {
            int c = a.compareTo(b); // a typed model value of another type is an error
            return c == 0 ? 0 : Integer.compare(StringOrder.rank(x.key()), StringOrder.rank(((ModelValue) b).key()));
        }
        if (a instanceof SetValue x) return compareSets(x, (SetValue) b);
        if (a instanceof FcnValue f) return compareFunctions(f, (FcnValue) b);
        return a.compareTo(b);
    }

    private static int compareSets(SetValue a, SetValue b) {
        Value[] x = sorted(a.toEnum().elems);
        Value[] y = sorted(b.toEnum().elems);
        int c = Integer.compare(x.length, y.length);
        for (int i = 0; c == 0 && i < x.length; i++) c = compare(x[i], y[i]);
        return c;
    }

    private static int compareFunctions(FcnValue f, FcnValue g) {
        if (f.shape() != g.shape()) return f.compareTo(g); // the empty function first; a record and a tuple: error
        if (f instanceof TupleValue t && g instanceof TupleValue u) {
            int c = Integer.compare(t.size(), u.size());
            for (int i = 0; c == 0 && i < t.size(); i++) c = compare(t.get(i), u.get(i));
            return c;
        }
        Value[] d1 = f.domainArray();
        Value[] d2 = g.domainArray();
        int c = Integer.compare(d1.length, d2.length);
        if (c != 0) return c;
        int[] o1 = order(d1);
        int[] o2 = order(d2);
        for (int i = 0; c == 0 && i < o1.length; i++) c = compare(d1[o1[i]], d2[o2[i]]);
        Value[] v1 = f.valueArray();
        Value[] v2 = g.valueArray();
        for (int i = 0; c == 0 && i < o1.length; i++) c = compare(v1[o1[i]], v2[o2[i]]);
        return c;
    }

    /** True when TLC's order of such values is their canonical order (numbers, booleans). */
    private static boolean sameOrder(Value v) {
        return v instanceof IntValue || v instanceof BoolValue;
    }

    /** The elements of a sorted set in TLC's order: the array itself when that is already the order. */
    public static Value[] sorted(Value[] elems) {
        if (elems.length < 2 || sameOrder(elems[0]) && sameOrder(elems[elems.length - 1])) return elems;
        Value[] out = elems.clone();
        Arrays.sort(out, TlcOrder::compare);
        return out;
    }

    /** The positions of {@code keys} (a function's domain, in canonical order) in TLC's order. */
    public static int[] order(Value[] keys) {
        int[] idx = new int[keys.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        if (keys.length < 2 || sameOrder(keys[0]) && sameOrder(keys[keys.length - 1])) return idx;
        Integer[] boxed = new Integer[keys.length];
        for (int i = 0; i < boxed.length; i++) boxed[i] = i;
        Arrays.sort(boxed, (x, y) -> compare(keys[x], keys[y]));
        for (int i = 0; i < idx.length; i++) idx[i] = boxed[i];
        return idx;
    }

    /** The positions of a record's fields in the order TLC prints them. */
    static int[] fieldOrder(StringValue[] keys) {
        return order(keys);
    }
}
