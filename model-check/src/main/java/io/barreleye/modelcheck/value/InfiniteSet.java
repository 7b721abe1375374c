package io.barreleye.modelcheck.value;

/** Nat, Int and STRING: membership by kind, never enumerated. */
public final class InfiniteSet extends SetValue {
    public static final InfiniteSet NAT = new InfiniteSet("Nat");
    public static final InfiniteSet INT = new InfiniteSet("Int");
    public static final InfiniteSet STRING = new InfiniteSet("STRING");
    private final String name;

    private InfiniteSet(String name) {
        this.name = name;
    }

    @Override public boolean contains(Value v) {
        boolean strings = name.equals("STRING");
        if (strings ? !(v instanceof StringValue) : !(v instanceof IntValue)) {
            if (untypedModelValue(v)) return false;
            throw cannotTest(v, this);
        }
        return !name.equals("Nat") || ((IntValue) v).value >= 0;
    }

    @Override public boolean isFinite() { return false; }

    @Override public SetEnumValue toEnum() { throw infinite(name); }

    @Override public void print(StringBuilder sb) { sb.append(name); }

    @Override public boolean equals(Object o) { return o == this; }

    @Override public int hashCode() { return name.hashCode(); }
}
