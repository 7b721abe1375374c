package io.barreleye.modelcheck.value;

public final class BoolValue extends Value {
    public static final BoolValue TRUE = new BoolValue(true);
    public static final BoolValue FALSE = new BoolValue(false);
    public final boolean value;

    private BoolValue(boolean v) {
        this.value = v;
    }

    public static BoolValue of(boolean b) {
        return b ? TRUE : FALSE;
    }

    @Override protected int rank() { return 1; }

    @Override protected int compareSame(Value o) {
        return Boolean.compare(value, ((BoolValue) o).value);
    }

    @Override public long fingerprint(long seed) {
        return mix(seed, value ? 0x11 : 0x10);
    }

    @Override public void print(StringBuilder sb) {
        sb.append(value ? "TRUE" : "FALSE");
    }

    @Override public String kind() { return "boolean"; }
}
