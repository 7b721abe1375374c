package io.barreleye.modelcheck.value;

import java.util.Arrays;

/**
 * Functions. Construct through {@link #of}, which picks the one representation a function has:
 * a {@link TupleValue} when the domain is 1..n (including the empty function), a
 * {@link RecordValue} when the domain is a non-empty set of strings, this class otherwise.
 */
public abstract class FcnValue extends Value {
    @Override final protected int rank() { return 4; }

    /** 0 tuple, 1 record, 2 general function: orders representations, which are canonical. */
    protected abstract int shape();

    /** The value at {@code arg}, or null when {@code arg} is outside the domain. */
    public abstract Value apply(Value arg);

    public abstract SetValue domain();

    /** Domain elements in ascending order, and the values at them. */
    public abstract Value[] domainArray();

    public abstract Value[] valueArray();

    public abstract int size();

    /**
     * False for a function over an infinite domain, which is kept as its definition: it has no
     * {@link #domainArray} and prints as TLC prints its definition.
     */
    public boolean isEnumerable() {
        return true;
    }

    /** The function with {@code arg} mapped to {@code v}; {@code arg} must be in the domain. */
    public Value except(Value arg, Value v) {
        Value[] dom = domainArray();
        int i = Arrays.binarySearch(dom, arg);
        if (i < 0) return this; // EXCEPT outside the domain leaves the function unchanged, as in TLC
        Value[] vals = Copies.of(valueArray());
        vals[i] = v;
        return of(dom, vals);
    }

    /**
     * {@code a.compareTo(b)}, two integers compared in place: the fields of messages and the
     * parts of tuples a set of them is searched by are mostly integers, and comparing them through
     * {@code compareTo} takes three virtual calls each.
     */
    private static int order(Value a, Value b) {
        if (a instanceof IntValue x && b instanceof IntValue y) return Integer.compare(x.value, y.value);
        return a.compareTo(b);
    }

    @Override final protected int compareSame(Value o) {
        FcnValue f = (FcnValue) o;
        if (shape() != f.shape()) {
            // The empty function is both the empty tuple and the empty record; a record and a
            // non-empty tuple cannot be compared, as in TLC (D090).
            if (size() == 0 || f.size() == 0) return Integer.compare(size(), f.size());
            if (Kinds.recordAndTuple(this, f)) throw Kinds.mismatch("compare", this, f);
            return Integer.compare(shape(), f.shape());
        }
        if (this instanceof TupleValue t1 && f instanceof TupleValue t2) {
            // domains 1..n and 1..m: the shorter first, then element by element
            int c = Integer.compare(t1.size(), t2.size());
            for (int i = 0; c == 0 && i < t1.size(); i++) c = order(t1.get(i), t2.get(i));
            return c;
        }
        if (this instanceof RecordValue r1 && f instanceof RecordValue r2) {
            // the same order as comparing their domains of strings, without building them
            int c = Integer.compare(r1.names.length, r2.names.length);
            if (c == 0 && r1.keys != r2.keys) {
                // field names are interned: the same name is the same object, so equal names
                // (the usual case, records of one kind) cost no character comparison
                for (int i = 0; c == 0 && i < r1.names.length; i++) {
                    if (r1.keys[i] != r2.keys[i]) c = r1.names[i].compareTo(r2.names[i]);
                }
            }
            for (int i = 0; c == 0 && i < r1.vals.length; i++) c = order(r1.vals[i], r2.vals[i]);
            return c;
        }
        Value[] d1 = domainArray();
        Value[] d2 = f.domainArray();
        int c = Integer.compare(d1.length, d2.length);
        if (c != 0) return c;
        for (int i = 0; i < d1.length; i++) {
            c = d1[i].compareTo(d2[i]);
            if (c != 0) return c;
        }
        Value[] v1 = valueArray();
        Value[] v2 = f.valueArray();
        for (int i = 0; i < v1.length; i++) {
            c = v1[i].compareTo(v2[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    /** Builds the canonical function from a sorted, duplicate-free domain and matching values. */
    public static FcnValue of(Value[] sortedDomain, Value[] values) {
        int n = sortedDomain.length;
        boolean oneToN = true;
        boolean strings = n > 0;
        for (int i = 0; i < n; i++) {
            Value d = sortedDomain[i];
            if (!(d instanceof IntValue iv && iv.value == i + 1)) oneToN = false;
            if (!(d instanceof StringValue)) strings = false;
        }
        if (oneToN) return new TupleValue(values);
        if (strings) {
            StringValue[] keys = new StringValue[n];
            for (int i = 0; i < n; i++) keys[i] = (StringValue) sortedDomain[i];
            return new RecordValue(keys, values);
        }
        return new GeneralFcn(sortedDomain, values);
    }

    /** A function whose domain is neither 1..n nor a set of strings. */
    static final class GeneralFcn extends FcnValue {
        private final Value[] dom;
        private final Value[] vals;

        GeneralFcn(Value[] dom, Value[] vals) {
            this.dom = dom;
            this.vals = vals;
        }

        @Override protected int shape() { return 2; }

        @Override public Value apply(Value arg) {
            if (dom.length <= 8) {
                for (int i = 0; i < dom.length; i++) {
                    if (dom[i].equals(arg)) return vals[i];
                }
                return null;
            }
            int i = Arrays.binarySearch(dom, arg);
            return i >= 0 ? vals[i] : null;
        }

        @Override public SetValue domain() { return SetEnumValue.ofSorted(dom); }

        @Override public Value[] domainArray() { return dom; }

        @Override public Value[] valueArray() { return vals; }

        @Override public int size() { return dom.length; }

        /** The hash of the pairs, computed once per function (see {@link SetEnumValue}'s selfHash). */
        private long selfHash;
        private volatile boolean hashed;

        @Override public long fingerprint(long seed) {
            if (!hashed) {
                long h = 0x53;
                for (int i = 0; i < dom.length; i++) {
                    h = dom[i].fingerprint(h);
                    h = vals[i].fingerprint(h);
                }
                selfHash = h;
                hashed = true;
            }
            return mix(seed, selfHash);
        }

        @Override public void print(StringBuilder sb) {
            sb.append('(');
            int[] order = TlcOrder.order(dom);
            for (int k = 0; k < order.length; k++) {
                int i = order[k];
                if (k > 0) sb.append(" @@ ");
                dom[i].print(sb);
                sb.append(" :> ");
                vals[i].print(sb);
            }
            sb.append(')');
        }

        @Override public String kind() { return "function"; }
    }
}
