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
        Integer[] idx = new Integer[names.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> names[a].compareTo(names[b]));
        StringValue[] n = new StringValue[names.length];
        Value[] v = new Value[names.length];
        int m = 0;
        for (int i = 0; i < idx.length; i++) {
            if (m > 0 && n[m - 1].value.equals(names[idx[i]])) m--;
            n[m] = StringValue.of(names[idx[i]]);
            v[m++] = vals[idx[i]];
        }
        return new RecordValue(m == n.length ? n : Arrays.copyOf(n, m), m == v.length ? v : Arrays.copyOf(v, m));
    }

    public Value field(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? vals[i] : null;
    }

    @Override protected int shape() { return 1; }

    @Override public Value apply(Value arg) {
        return arg instanceof StringValue s ? field(s.value) : null;
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
        Value[] nv = vals.clone();
        nv[i] = v;
        return new RecordValue(keys, nv);
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
