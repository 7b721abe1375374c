package io.barreleye.modelcheck.value;

/**
 * A TLA+ value. Every mathematical value has exactly one representation (functions with domain
 * 1..n are tuples, functions with a domain of strings are records, finite sets are sorted arrays
 * when compared), so equality, ordering and fingerprints can be structural.
 */
public abstract class Value implements Comparable<Value> {
    /**
     * The kind of value: 0 model value, 1 boolean, 2 integer, 3 string, 4 function, 5 set. Values
     * of different kinds cannot be compared, as in TLC, except that a model value sorts before
     * everything else (see {@link Kinds}).
     */
    protected abstract int rank();

    /** Compares two values of the same rank. */
    protected abstract int compareSame(Value other);

    /** A 64-bit hash of the value, stable across runs; the basis of state fingerprints. */
    public abstract long fingerprint(long seed);

    /** How TLC prints the value. */
    public abstract void print(StringBuilder sb);

    /** A short name of the kind of value, for error messages. */
    public abstract String kind();

    /**
     * TLC's order, used to sort sets and function domains. Throws a {@link ValueException} for
     * values of kinds TLC cannot compare ({@code 1} and {@code "a"}, a typed model value and a
     * number...).
     */
    @Override
    public final int compareTo(Value o) {
        if (this == o) return 0;
        int r = rank();
        if (r != o.rank()) return Kinds.compareKinds(this, o);
        return compareSame(o);
    }

    /** Java equality: values TLC cannot compare are simply unequal here (TLC's {@code =} is {@link Kinds#equal}). */
    @Override
    public boolean equals(Object o) {
        if (o == this) return true;
        if (!(o instanceof Value v)) return false;
        try {
            return compareTo(v) == 0;
        } catch (ValueException e) {
            return false;
        }
    }

    /** The kind's rank, for {@link Kinds}. */
    final int kindRank() {
        return rank();
    }

    @Override
    public int hashCode() {
        long f = fingerprint(0x9E3779B97F4A7C15L);
        return (int) (f ^ (f >>> 32));
    }

    @Override
    public final String toString() {
        StringBuilder sb = new StringBuilder();
        print(sb);
        return sb.toString();
    }

    /** A strong 64-bit mixer (the finaliser of SplitMix64). */
    public static long mix(long h, long v) {
        long z = h ^ (v + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
