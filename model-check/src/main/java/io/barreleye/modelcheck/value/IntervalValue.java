package io.barreleye.modelcheck.value;

/** {@code lo..hi}, enumerated only when needed; TLC prints it as {@code lo..hi} ({@code {}} when empty). */
public final class IntervalValue extends SetValue {
    public final int lo;
    public final int hi;
    private SetEnumValue enumerated;

    public IntervalValue(int lo, int hi) {
        this.lo = lo;
        this.hi = hi;
    }

    @Override public boolean contains(Value v) {
        if (v instanceof IntValue i) return i.value >= lo && i.value <= hi;
        if (untypedModelValue(v)) return false;
        throw cannotTest(v, this);
    }

    @Override public void print(StringBuilder sb) {
        if (hi < lo) sb.append("{}");
        else sb.append(lo).append("..").append(hi);
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
