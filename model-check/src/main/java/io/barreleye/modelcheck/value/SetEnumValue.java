package io.barreleye.modelcheck.value;

import java.util.Arrays;
import java.util.Collection;

/** A finite set held as a sorted array without duplicates. */
public final class SetEnumValue extends SetValue {
    public static final SetEnumValue EMPTY = new SetEnumValue(new Value[0]);
    public final Value[] elems;

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
    }

    public static SetEnumValue ofSorted(Value[] sortedUnique) {
        return sortedUnique.length == 0 ? EMPTY : new SetEnumValue(sortedUnique);
    }

    /** Sorts and removes duplicates; the array is taken over. */
    public static SetEnumValue of(Value[] elems) {
        if (elems.length == 0) return EMPTY;
        Arrays.sort(elems);
        int n = 1;
        for (int i = 1; i < elems.length; i++) {
            if (elems[i].compareTo(elems[n - 1]) != 0) elems[n++] = elems[i];
        }
        return new SetEnumValue(n == elems.length ? elems : Arrays.copyOf(elems, n));
    }

    public static SetEnumValue of(Collection<Value> elems) {
        return of(elems.toArray(new Value[0]));
    }

    @Override public boolean contains(Value v) {
        if (elems.length < 8) {
            for (Value e : elems) {
                if (e.compareTo(v) == 0) return true;
            }
            return false;
        }
        return Arrays.binarySearch(elems, v) >= 0;
    }

    @Override public SetEnumValue toEnum() { return this; }

    @Override public int size() { return elems.length; }

    public SetEnumValue union(SetEnumValue o) {
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
        Value[] out = new Value[elems.length];
        int n = 0;
        for (Value v : elems) {
            if (keep.test(v)) out[n++] = v;
        }
        return n == elems.length ? this : ofSorted(Arrays.copyOf(out, n));
    }
}
