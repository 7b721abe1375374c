package io.barreleye.modelcheck.value;

/** A tuple or sequence: a function with domain 1..n. */
public final class TupleValue extends FcnValue {
    public static final TupleValue EMPTY = new TupleValue(new Value[0]);
    public final Value[] elems;

    /**
     * The hash of the elements: a sum of one term per (index, element), computed once per tuple
     * and updated in O(1) by {@link #append} and {@link #except}, so a state holding a long
     * history sequence, or a function over many operations that one step changes in one place,
     * fingerprints in constant time. Written before {@link #summed} (volatile), so a thread that
     * sees summed sees the sum.
     */
    private long sum;
    private volatile boolean summed;
    private static final long TERM_SEED = 0x51L;

    public TupleValue(Value[] elems) {
        this.elems = elems;
    }

    public static TupleValue of(Value... elems) {
        return elems.length == 0 ? EMPTY : new TupleValue(elems);
    }

    /** The hash term of element {@code e} at (1-based) index {@code i}. */
    private static long term(int i, Value e) {
        return mix(e.fingerprint(TERM_SEED), i);
    }

    private long sum() {
        if (!summed) {
            long h = 0;
            for (int i = 0; i < elems.length; i++) h += term(i + 1, elems[i]);
            sum = h;
            summed = true;
        }
        return sum;
    }

    /** A tuple whose sum is {@code known} (when this one's was computed). */
    private TupleValue withSum(Value[] e, boolean known, long s) {
        TupleValue t = new TupleValue(e);
        if (known) {
            t.sum = s;
            t.summed = true;
        }
        return t;
    }

    /** {@code Append(this, v)}: a new tuple, its hash extended from this one's when known. */
    public TupleValue append(Value v) {
        Value[] r = java.util.Arrays.copyOf(elems, elems.length + 1);
        r[elems.length] = v;
        boolean known = summed;
        return withSum(r, known, known ? sum + term(r.length, v) : 0);
    }

    @Override protected int shape() { return 0; }

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
        if (!(arg instanceof IntValue i)) {
            throw new ValueException("Attempted to access tuple at a non integral index: " + arg);
        }
        if (i.value < 1 || i.value > elems.length) return this; // outside the domain: unchanged, as in TLC
        Value[] e = elems.clone();
        e[i.value - 1] = v;
        boolean known = summed;
        return withSum(e, known, known ? sum - term(i.value, elems[i.value - 1]) + term(i.value, v) : 0);
    }

    @Override public long fingerprint(long seed) {
        return mix(seed, mix(sum(), 0x51 + elems.length));
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
