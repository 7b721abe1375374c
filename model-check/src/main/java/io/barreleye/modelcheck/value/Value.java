package io.barreleye.modelcheck.value;

/**
 * A TLA+ value. Every mathematical value has exactly one representation (functions with domain
 * 1..n are tuples, functions with a domain of strings are records, finite sets are sorted arrays
 * when compared), so equality, ordering and fingerprints can be structural.
 */
public abstract class Value implements Comparable<Value> {
    /** Rank of the kind of value, for ordering values of different kinds. */
    protected abstract int rank();

    /** Compares two values of the same rank. */
    protected abstract int compareSame(Value other);

    /** A 64-bit hash of the value, stable across runs; the basis of state fingerprints. */
    public abstract long fingerprint(long seed);

    /** How TLC prints the value. */
    public abstract void print(StringBuilder sb);

    /** A short name of the kind of value, for error messages. */
    public abstract String kind();

    @Override
    public final int compareTo(Value o) {
        int r = Integer.compare(rank(), o.rank());
        return r != 0 ? r : compareSame(o);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Value v && compareTo(v) == 0;
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
