package io.barreleye.modelcheck.value;

/** A tuple or sequence: a function with domain 1..n. */
public final class TupleValue extends FcnValue {
    public static final TupleValue EMPTY = new TupleValue(new Value[0]);
    public final Value[] elems;

    public TupleValue(Value[] elems) {
        this.elems = elems;
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
        long h = mix(seed, 0x51 + elems.length);
        for (Value e : elems) h = e.fingerprint(h);
        return h;
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
