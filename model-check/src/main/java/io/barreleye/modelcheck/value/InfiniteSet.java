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
        return switch (name) {
            case "Nat" -> v instanceof IntValue i && i.value >= 0;
            case "Int" -> v instanceof IntValue;
            default -> v instanceof StringValue;
        };
    }

    @Override public boolean isFinite() { return false; }

    @Override public SetEnumValue toEnum() { throw infinite(name); }

    @Override public void print(StringBuilder sb) { sb.append(name); }

    @Override public boolean equals(Object o) { return o == this; }

    @Override public int hashCode() { return name.hashCode(); }
}
