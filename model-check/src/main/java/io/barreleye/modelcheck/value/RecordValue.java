package io.barreleye.modelcheck.value;

import java.util.Arrays;

/** A record: a function whose domain is a non-empty set of strings; field names kept sorted. */
public final class RecordValue extends FcnValue {
    public final String[] names;
    public final Value[] vals;

    RecordValue(String[] sortedNames, Value[] vals) {
        this.names = sortedNames;
        this.vals = vals;
    }

    /** Builds a record from fields in any order (duplicates: last one wins). */
    public static RecordValue of(String[] names, Value[] vals) {
        Integer[] idx = new Integer[names.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> names[a].compareTo(names[b]));
        String[] n = new String[names.length];
        Value[] v = new Value[names.length];
        for (int i = 0; i < idx.length; i++) {
            n[i] = names[idx[i]];
            v[i] = vals[idx[i]];
        }
        return new RecordValue(n, v);
    }

    public Value field(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? vals[i] : null;
    }

    @Override int shape() { return 1; }

    @Override public Value apply(Value arg) {
        return arg instanceof StringValue s ? field(s.value) : null;
    }

    @Override public SetValue domain() { return SetEnumValue.ofSorted(domainArray()); }

    @Override public Value[] domainArray() {
        Value[] d = new Value[names.length];
        for (int i = 0; i < d.length; i++) d[i] = StringValue.of(names[i]);
        return d;
    }

    @Override public Value[] valueArray() { return vals; }

    @Override public int size() { return names.length; }

    @Override public Value except(Value arg, Value v) {
        if (!(arg instanceof StringValue s)) return this;
        int i = Arrays.binarySearch(names, s.value);
        if (i < 0) return this;
        Value[] nv = vals.clone();
        nv[i] = v;
        return new RecordValue(names, nv);
    }

    @Override public long fingerprint(long seed) {
        long h = mix(seed, 0x52);
        for (int i = 0; i < names.length; i++) {
            h = mix(h, names[i].hashCode());
            h = vals[i].fingerprint(h);
        }
        return h;
    }

    @Override public void print(StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < names.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(names[i]).append(" |-> ");
            vals[i].print(sb);
        }
        sb.append(']');
    }

    @Override public String kind() { return "record"; }
}
