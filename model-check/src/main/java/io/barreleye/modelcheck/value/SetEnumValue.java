package io.barreleye.modelcheck.value;

import java.util.Arrays;
import java.util.Collection;

/**
 * A finite set held as a sorted array without duplicates. A set whose elements TLC cannot order
 * ({@code {1, "a"}}) is kept as written, {@link #mixed}: TLC can test membership in it (comparing
 * element by element, in that order) but stops with an error when it must sort it, to print,
 * count, enumerate or compare it.
 */
public final class SetEnumValue extends SetValue {
    public static final SetEnumValue EMPTY = new SetEnumValue(new Value[0]);
    public final Value[] elems;
    /** The cause when the elements cannot be sorted; null for an ordinary set. */
    private final ValueException unsortable;

    /**
     * The hash of the elements, computed once per set: a state whose large sets do not change
     * (a message pool, a history) fingerprints them in constant time. Written before
     * {@link #hashed} (volatile), so a thread that sees hashed sees the hash.
     */
    private long selfHash;
    private volatile boolean hashed;

    long selfHash() {
        if (!hashed) {
            long h = mix(0x61L, elems.length);
            for (Value v : elems) h = v.fingerprint(h);
            selfHash = h;
            hashed = true;
        }
        return selfHash;
    }

    private SetEnumValue(Value[] sortedUnique) {
        this.elems = sortedUnique;
        this.unsortable = null;
    }

    private SetEnumValue(Value[] asWritten, ValueException unsortable) {
        this.elems = asWritten;
        this.unsortable = unsortable;
    }

    /** True when the elements are of kinds TLC cannot order (see the class comment). */
    public boolean mixed() {
        return unsortable != null;
    }

    /** This set, sorted; throws for a {@link #mixed} set, as TLC does where it must sort one. */
    private SetEnumValue sorted() {
        if (unsortable != null) throw new ValueException(unsortable.getMessage());
        return this;
    }

    public static SetEnumValue ofSorted(Value[] sortedUnique) {
        return sortedUnique.length == 0 ? EMPTY : new SetEnumValue(sortedUnique);
    }

    /** Sorts and removes duplicates; the array is taken over. */
    public static SetEnumValue of(Value[] elems) {
        if (elems.length == 0) return EMPTY;
        ValueException mismatch = kindMismatch(elems);
        if (mismatch != null) return new SetEnumValue(elems, mismatch);
        try {
            Arrays.sort(elems);
        } catch (ValueException nested) {
            return new SetEnumValue(elems, nested); // e.g. {{1}, {"a"}}: the inner sets cannot be ordered
        }
        int n = 1;
        for (int i = 1; i < elems.length; i++) {
            if (elems[i].compareTo(elems[n - 1]) != 0) elems[n++] = elems[i];
        }
        return new SetEnumValue(n == elems.length ? elems : Arrays.copyOf(elems, n));
    }

    /** The error TLC gives when sorting elements of kinds it cannot compare; null when all are comparable. */
    private static ValueException kindMismatch(Value[] elems) {
        Value first = null;
        for (Value v : elems) {
            if (v instanceof ModelValue m && !m.typed()) continue;
            if (first == null) {
                first = v;
                continue;
            }
            if (v.kindRank() != first.kindRank() || v instanceof ModelValue || first instanceof ModelValue
                    || Kinds.recordAndTuple(v, first)) {
                try {
                    first.compareTo(v);
                    v.compareTo(first);
                } catch (ValueException e) {
                    return e;
                }
            }
        }
        return null;
    }

    public static SetEnumValue of(Collection<Value> elems) {
        return of(elems.toArray(new Value[0]));
    }

    @Override public boolean contains(Value v) {
        if (elems.length < 8 || unsortable != null) return Kinds.memberOf(v, elems);
        Kinds.equal(elems[0], v); // an element of another kind is an error, as in TLC
        return Arrays.binarySearch(elems, v) >= 0;
    }

    @Override public SetEnumValue toEnum() { return sorted(); }

    @Override public int size() { return sorted().elems.length; }

    public SetEnumValue union(SetEnumValue o) {
        sorted();
        o.sorted();
        Value[] out = new Value[elems.length + o.elems.length];
        int i = 0, j = 0, n = 0;
        while (i < elems.length && j < o.elems.length) {
            int c = elems[i].compareTo(o.elems[j]);
            if (c < 0) out[n++] = elems[i++];
            else if (c > 0) out[n++] = o.elems[j++];
            else {
                out[n++] = elems[i++];
                j++;
            }
        }
        while (i < elems.length) out[n++] = elems[i++];
        while (j < o.elems.length) out[n++] = o.elems[j++];
        return ofSorted(n == out.length ? out : Arrays.copyOf(out, n));
    }

    public SetEnumValue filter(java.util.function.Predicate<Value> keep) {
        sorted();
        Value[] out = new Value[elems.length];
        int n = 0;
        for (Value v : elems) {
            if (keep.test(v)) out[n++] = v;
        }
        return n == elems.length ? this : ofSorted(Arrays.copyOf(out, n));
    }
}
