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
     * The hash of the elements: a sum of one term per element, computed once per set and carried
     * over in O(1) per element by {@link #insertAll} and {@link #removeAll}, so that a state whose
     * large sets do not change (a history) fingerprints them in constant time, and one whose
     * message pool gains or loses a message at each step does not hash the whole pool again.
     * Written before {@link #hashed} (volatile), so a thread that sees hashed sees the sum.
     */
    private long sum;
    private volatile boolean hashed;

    /** The hash term of element {@code v}. */
    private static long term(Value v) {
        return mix(v.fingerprint(0x61L), 0x73L);
    }

    long selfHash() {
        if (!hashed) {
            long h = 0;
            for (Value v : elems) h += term(v);
            sum = h;
            hashed = true;
        }
        return mix(mix(0x61L, elems.length), sum);
    }

    /** Gives {@code s} this set's sum plus {@code delta} when this set's sum was known to the caller ({@code known}). */
    private SetEnumValue withSum(SetEnumValue s, boolean known, long delta) {
        if (known) {
            s.sum = sum + delta;
            s.hashed = true;
        }
        return s;
    }

    /**
     * The one {@link Shape} of all elements (NONE when they differ), and the set's own shape:
     * computed on first use, and passed on to the sets {@link #union} and {@link #minus} make by
     * binary search (benign races: every thread computes the same ones).
     */
    private Shape elementShape;
    private Shape shape;

    Shape elementShape() {
        Shape sh = elementShape;
        if (sh == null) elementShape = sh = unsortable != null ? Shape.NONE : Shape.common(elems);
        return sh;
    }

    Shape structure() {
        Shape sh = shape;
        if (sh == null) shape = sh = Shape.ofSet(this);
        return sh;
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
        return new SetEnumValue(n == elems.length ? elems : Copies.of(elems, n));
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
        if (searchable(o)) return insertAll(o);
        if (o.searchable(this)) return o.insertAll(this);
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
        return ofSorted(n == out.length ? out : Copies.of(out, n));
    }

    /** {@code this \ o}. */
    public SetEnumValue minus(SetEnumValue o) {
        if (unsortable == null && searchable(o)) return removeAll(o);
        return filter(v -> !o.contains(v));
    }

    /**
     * True when the few elements of {@code few} may be looked up in this (large) set by binary
     * search instead of comparing each with every element: both sorted, and all elements of both of
     * one {@link Shape}, so that no comparison of an element of one with one of the other fails
     * (TLC would stop with an error) and the answer is the same.
     */
    private boolean searchable(SetEnumValue few) {
        return elems.length >= 16 && few.elems.length > 0 && few.elems.length <= elems.length >> 3
                && unsortable == null && few.unsortable == null
                && elementShape() != Shape.NONE && few.elementShape() == elementShape();
    }

    /** This set with the elements of {@code few} added, each placed by binary search. */
    private SetEnumValue insertAll(SetEnumValue few) {
        boolean known = hashed;
        Value[] add = new Value[few.elems.length];
        int[] at = new int[few.elems.length];
        int k = 0;
        for (Value x : few.elems) {
            int i = Arrays.binarySearch(elems, x);
            if (i < 0) {
                add[k] = x;
                at[k++] = -i - 1; // ascending, as few is sorted
            }
        }
        if (k == 0) return this;
        Value[] out = new Value[elems.length + k];
        int from = 0;
        for (int j = 0; j < k; j++) {
            System.arraycopy(elems, from, out, from + j, at[j] - from);
            out[at[j] + j] = add[j];
            from = at[j];
        }
        System.arraycopy(elems, from, out, from + k, elems.length - from);
        long delta = 0;
        for (int j = 0; known && j < k; j++) delta += term(add[j]);
        return withSum(withElementShape(new SetEnumValue(out)), known, delta);
    }

    /** This set without the elements of {@code few}, each found by binary search. */
    private SetEnumValue removeAll(SetEnumValue few) {
        boolean known = hashed;
        int[] at = new int[few.elems.length]; // where the elements found are, ascending (few is sorted)
        int k = 0;
        long delta = 0;
        for (Value x : few.elems) {
            int i = Arrays.binarySearch(elems, x);
            if (i >= 0) {
                at[k++] = i;
                if (known) delta -= term(elems[i]);
            }
        }
        if (k == 0) return this;
        if (k == elems.length) return EMPTY;
        Value[] out = new Value[elems.length - k];
        int from = 0;
        for (int j = 0; j < k; j++) { // the runs between the elements removed
            System.arraycopy(elems, from, out, from - j, at[j] - from);
            from = at[j] + 1;
        }
        System.arraycopy(elems, from, out, from - k, elems.length - from);
        return withSum(withElementShape(new SetEnumValue(out)), known, delta);
    }

    /** {@code s}, made of elements of this set and others of their shape, told that shape. */
    private SetEnumValue withElementShape(SetEnumValue s) {
        s.elementShape = elementShape;
        return s;
    }

    public SetEnumValue filter(java.util.function.Predicate<Value> keep) {
        sorted();
        Value[] out = new Value[elems.length];
        int n = 0;
        for (Value v : elems) {
            if (keep.test(v)) out[n++] = v;
        }
        return n == elems.length ? this : ofSorted(Copies.of(out, n));
    }
}
