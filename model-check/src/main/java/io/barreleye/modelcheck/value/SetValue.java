package io.barreleye.modelcheck.value;

/**
 * Sets. Finite sets compare and fingerprint through their enumerated, sorted form; infinite and
 * large sets (Nat, Seq(S), [S -> T], SUBSET S, ...) answer membership without enumerating.
 */
public abstract class SetValue extends Value {
    @Override final protected int rank() { return 5; }

    public abstract boolean contains(Value v);

    /** The sorted elements; throws for a set that cannot be enumerated. */
    public abstract SetEnumValue toEnum();

    public boolean isFinite() {
        return true;
    }

    public int size() {
        return toEnum().elems.length;
    }

    @Override final protected int compareSame(Value o) {
        SetEnumValue a = toEnum();
        SetEnumValue b = ((SetValue) o).toEnum();
        int c = Integer.compare(a.elems.length, b.elems.length);
        if (c != 0) return c;
        for (int i = 0; i < a.elems.length; i++) {
            c = a.elems[i].compareTo(b.elems[i]);
            if (c != 0) return c;
        }
        return 0;
    }

    /** Every representation of a set fingerprints through its enumerated form, whose element hash is computed once. */
    @Override public long fingerprint(long seed) {
        return mix(seed, toEnum().selfHash());
    }

    /** The elements in TLC's order ({@link TlcOrder}). */
    @Override public void print(StringBuilder sb) {
        Value[] e = TlcOrder.sorted(toEnum().elems);
        sb.append('{');
        for (int i = 0; i < e.length; i++) {
            if (i > 0) sb.append(", ");
            e[i].print(sb);
        }
        sb.append('}');
    }

    @Override public String kind() { return "set"; }

    /** True when {@code this} is a subset of {@code other}. */
    public boolean subsetOf(SetValue other) {
        for (Value v : toEnum().elems) {
            if (!other.contains(v)) return false;
        }
        return true;
    }

    /** TLC's error for a membership test it cannot decide: {@code v} is not of the kind the set holds. */
    static ValueException cannotTest(Value v, SetValue s) {
        return new ValueException("Attempted to check if the value:\n" + v + "\nis an element of " + s + ".");
    }

    /** True for an untyped model value, which is in no set of numbers, strings or sequences (TLC answers FALSE). */
    static boolean untypedModelValue(Value v) {
        return v instanceof ModelValue m && !m.typed();
    }

    static ValueException infinite(String what) {
        return new ValueException("cannot enumerate the infinite set " + what);
    }
}
