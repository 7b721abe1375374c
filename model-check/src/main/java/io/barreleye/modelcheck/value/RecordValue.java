package io.barreleye.modelcheck.value;

import java.util.Arrays;

/**
 * A record: a function whose domain is a non-empty set of strings. Fields are kept sorted by name
 * (the canonical order); they print in TLC's order of strings ({@link TlcOrder#fieldOrder}).
 *
 * <p>One record has no fields: TLCExt's {@code Trace} makes a state of a spec without variables
 * into a record, which TLC prints as {@code []}. It is the empty function, so it equals
 * {@code <<>>} and has its fingerprint; only its printed form differs.
 */
public final class RecordValue extends FcnValue {
    public final String[] names;
    final StringValue[] keys;
    public final Value[] vals;

    RecordValue(StringValue[] sortedKeys, Value[] vals) {
        this.keys = sortedKeys;
        this.vals = vals;
        this.names = new String[sortedKeys.length];
        for (int i = 0; i < names.length; i++) names[i] = sortedKeys[i].value;
    }

    /** Builds a record from fields in any order (duplicates: last one wins). */
    public static RecordValue of(String[] names, Value[] vals) {
        return Layout.of(names).make(vals);
    }

    /**
     * The fields of a record written in some order, sorted once: a record constructor evaluated at
     * every step ({@code [kind |-> "Req", op |-> o, ...]}) builds its records without sorting
     * again, and they share one array of names, which makes comparing them cheaper.
     */
    public static final class Layout {
        private final StringValue[] keys;
        /** {@code from[k]}: the position, in the written order, of the value of field {@code keys[k]}. */
        private final int[] from;

        private Layout(StringValue[] keys, int[] from) {
            this.keys = keys;
            this.from = from;
        }

        /** The layout of fields written in this order (a name written twice: the last one counts). */
        public static Layout of(String[] names) {
            Integer[] idx = new Integer[names.length];
            for (int i = 0; i < idx.length; i++) idx[i] = i;
            if (!strictlyAscending(names)) Arrays.sort(idx, (a, b) -> names[a].compareTo(names[b]));
            StringValue[] n = new StringValue[names.length];
            int[] f = new int[names.length];
            int m = 0;
            for (int i = 0; i < idx.length; i++) {
                if (m > 0 && n[m - 1].value.equals(names[idx[i]])) m--;
                n[m] = StringValue.intern(names[idx[i]]); // met when a record is made, as TLC meets it
                f[m++] = idx[i];
            }
            return new Layout(m == n.length ? n : Arrays.copyOf(n, m), m == f.length ? f : Arrays.copyOf(f, m));
        }

        /** The record with these values, given in the order the names were written. */
        public RecordValue make(Value[] written) {
            Value[] v = new Value[keys.length];
            for (int k = 0; k < keys.length; k++) {
                StringOrder.meet(keys[k]); // TLC meets the names each time a record is built
                v[k] = written[from[k]];
            }
            return new RecordValue(keys, v);
        }

        private static boolean strictlyAscending(String[] names) {
            for (int i = 1; i < names.length; i++) {
                if (names[i - 1].compareTo(names[i]) >= 0) return false;
            }
            return true;
        }
    }

    public Value field(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? vals[i] : null;
    }

    /**
     * The value of field {@code key}, or null: found by identity, since every string value is
     * interned (one object per text), so no characters are compared; a record has a few fields.
     */
    public Value field(StringValue key) {
        StringValue[] k = keys;
        for (int i = 0; i < k.length; i++) {
            if (k[i] == key) return vals[i];
        }
        return null;
    }

    @Override protected int shape() { return 1; }

    @Override public Value apply(Value arg) {
        return arg instanceof StringValue s ? field(s) : null;
    }

    @Override public SetValue domain() { return SetEnumValue.ofSorted(domainArray()); }

    @Override public Value[] domainArray() {
        return keys.clone();
    }

    @Override public Value[] valueArray() { return vals; }

    @Override public int size() { return names.length; }

    @Override public Value except(Value arg, Value v) {
        if (!(arg instanceof StringValue s)) return this;
        int i = Arrays.binarySearch(names, s.value);
        if (i < 0) return this;
        Value[] nv = Copies.of(vals);
        nv[i] = v;
        return new RecordValue(keys, nv);
    }

    /** The record's {@link Shape}, computed on first use (a benign race: every thread computes the same one). */
    private Shape shape;

    Shape structure() {
        Shape sh = shape;
        if (sh == null) shape = sh = Shape.ofRecord(keys, vals);
        return sh;
    }

    /** The hash of the fields, computed once per record (see {@link SetEnumValue}'s selfHash). */
    private long selfHash;
    private volatile boolean hashed;

    @Override public long fingerprint(long seed) {
        if (names.length == 0) return TupleValue.EMPTY.fingerprint(seed);
        if (!hashed) {
            long h = 0x52;
            for (int i = 0; i < names.length; i++) {
                h = mix(h, names[i].hashCode());
                h = vals[i].fingerprint(h);
            }
            selfHash = h;
            hashed = true;
        }
        return mix(seed, selfHash);
    }

    @Override public void print(StringBuilder sb) {
        sb.append('[');
        int[] order = TlcOrder.fieldOrder(keys);
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (k > 0) sb.append(", ");
            sb.append(names[i]).append(" |-> ");
            vals[i].print(sb);
        }
        sb.append(']');
    }

    @Override public String kind() { return "record"; }
}
