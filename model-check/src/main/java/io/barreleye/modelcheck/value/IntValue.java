package io.barreleye.modelcheck.value;

/** TLC's integers are 32-bit; arithmetic that leaves that range is an error, as in TLC. */
public final class IntValue extends Value {
    /**
     * The integers -256 to 32,767, made once: ids, counters and positions of a long run (message
     * ids up to 30,000, operations up to 14,142) are then not allocated at every step.
     */
    private static final IntValue[] SMALL = new IntValue[256 + 32768];

    static {
        for (int i = 0; i < SMALL.length; i++) SMALL[i] = new IntValue(i - 256);
    }

    public final int value;

    private IntValue(int v) {
        this.value = v;
    }

    public static IntValue of(int v) {
        return v >= -256 && v < 32768 ? SMALL[v + 256] : new IntValue(v);
    }

    @Override protected int rank() { return 2; }

    @Override protected int compareSame(Value o) {
        return Integer.compare(value, ((IntValue) o).value);
    }

    @Override public long fingerprint(long seed) {
        return mix(seed ^ 0x21, value);
    }

    @Override public void print(StringBuilder sb) {
        sb.append(value);
    }

    @Override public String kind() { return "integer"; }

    @Override public boolean equals(Object o) {
        return o instanceof IntValue i && i.value == value;
    }

    @Override public int hashCode() { return value; }
}
