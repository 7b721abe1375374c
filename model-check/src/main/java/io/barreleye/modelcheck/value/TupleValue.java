package io.barreleye.modelcheck.value;

/** A tuple or sequence: a function with domain 1..n. */
public final class TupleValue extends FcnValue {
    public static final TupleValue EMPTY = new TupleValue(new Value[0]);
    public final Value[] elems;

    /**
     * The fingerprint fold of the elements (from {@link #FOLD_SEED}), computed once per tuple and
     * extended in O(1) by {@link #append}: a state holding a long history sequence (a trace of
     * 100,000 sends) then fingerprints in constant time rather than in the history's length.
     * Written before {@link #folded} (volatile), so a thread that sees folded sees the fold.
     */
    private long fold;
    private volatile boolean folded;
    private static final long FOLD_SEED = 0x51L;

    public TupleValue(Value[] elems) {
        this.elems = elems;
    }

    /** {@code Append(this, v)}: a new tuple, its fingerprint fold extended from this one's when known. */
    public TupleValue append(Value v) {
        Value[] r = java.util.Arrays.copyOf(elems, elems.length + 1);
        r[elems.length] = v;
        TupleValue t = new TupleValue(r);
        if (folded) {
            t.fold = v.fingerprint(fold);
            t.folded = true;
        }
        return t;
    }

    private long fold() {
        if (!folded) {
            long h = FOLD_SEED;
            for (Value e : elems) h = e.fingerprint(h);
            fold = h;
            folded = true;
        }
        return fold;
    }

    public static TupleValue of(Value... elems) {
        return elems.length == 0 ? EMPTY : new TupleValue(elems);
    }

    @Override int shape() { return 0; }

    @Override public Value apply(Value arg) {
        if (arg instanceof IntValue i && i.value >= 1 && i.value <= elems.length) return elems[i.value - 1];
        return null;
    }

    @Override public SetValue domain() { return new IntervalValue(1, elems.length); }

    @Override public Value[] domainArray() {
        Value[] d = new Value[elems.length];
        for (int i = 0; i < d.length; i++) d[i] = IntValue.of(i + 1);
        return d;
    }

    @Override public Value[] valueArray() { return elems; }

    @Override public int size() { return elems.length; }

    @Override public Value except(Value arg, Value v) {
        if (!(arg instanceof IntValue i) || i.value < 1 || i.value > elems.length) return this;
        Value[] e = elems.clone();
        e[i.value - 1] = v;
        return new TupleValue(e);
    }

    @Override public long fingerprint(long seed) {
        return mix(seed, mix(fold(), 0x51 + elems.length));
    }

    @Override public void print(StringBuilder sb) {
        sb.append("<<");
        for (int i = 0; i < elems.length; i++) {
            if (i > 0) sb.append(", ");
            elems[i].print(sb);
        }
        sb.append(">>");
    }

    @Override public String kind() { return "sequence"; }
}
