package io.barreleye.modelcheck.value;

/** {@code lo..hi}, enumerated only when needed. */
public final class IntervalValue extends SetValue {
    public final int lo;
    public final int hi;
    private SetEnumValue enumerated;

    public IntervalValue(int lo, int hi) {
        this.lo = lo;
        this.hi = hi;
    }

    @Override public boolean contains(Value v) {
        return v instanceof IntValue i && i.value >= lo && i.value <= hi;
    }

    @Override public int size() {
        return hi < lo ? 0 : hi - lo + 1;
    }

    @Override public SetEnumValue toEnum() {
        SetEnumValue e = enumerated;
        if (e == null) {
            int n = size();
            Value[] vs = new Value[n];
            for (int i = 0; i < n; i++) vs[i] = IntValue.of(lo + i);
            e = enumerated = SetEnumValue.ofSorted(vs);
        }
        return e;
    }
}
