package io.barreleye.modelcheck.value;

/**
 * A tuple or sequence: a function with domain 1..n.
 *
 * <p>The elements are the first {@link #size()} slots of an array that may be longer and shared
 * with other tuples: {@link #append} writes into the spare slot after the last element when no
 * other tuple has claimed it yet, so a sequence that grows one element per step (a history, a log
 * of messages sent) grows in amortised constant time instead of being copied at every step. A
 * tuple never reads past its own length, so sharing the array is invisible; {@link #elems()} is the
 * exact-length array for code that wants one.
 *
 * <p>A long tuple changed in one place ({@code [opSt EXCEPT ![o] = "done"]} over thousands of
 * operations, at every step of a trace) is kept in chunks of {@link #CHUNK} elements instead: the
 * change copies the chunk directory and one chunk, not every element (a 14,142-element function
 * over operations: about 240 slots instead of 14,142). Reading an element is then two array reads.
 */
public final class TupleValue extends FcnValue {
    public static final TupleValue EMPTY = new TupleValue(new Value[0]);
    /** Appending to a tuple at least this long leaves spare slots for the next appends. */
    private static final int GROW_FROM = 16;

    /** The elements, flat (null when the tuple is {@link #chunks chunked}). */
    private final Value[] buf;
    /** The elements in chunks: chunk {@code k} holds elements {@code k * CHUNK} to {@code k * CHUNK + CHUNK - 1}; null when flat. */
    private final Value[][] chunks;
    private static final int SHIFT = 7;
    private static final int CHUNK = 1 << SHIFT;
    /** An EXCEPT on a flat tuple at least this long gives a chunked one. */
    private static final int CHUNKED_FROM = 8 * CHUNK;
    private final int len;
    /**
     * The number of slots of {@link #buf} claimed by some tuple, when the array has spare slots
     * (null otherwise): the tuple whose length equals it may append in place, by moving it on.
     */
    private final java.util.concurrent.atomic.AtomicInteger claimed;
    /** The exact-length copy, made on first request when {@link #buf} is longer (volatile: it is published by a race). */
    private volatile Value[] exact;

    /**
     * The hash of the elements: a sum of one term per (index, element), computed once per tuple
     * and updated in O(1) by {@link #append} and {@link #except}, so a state holding a long
     * history sequence, or a function over many operations that one step changes in one place,
     * fingerprints in constant time. Written before {@link #summed} (volatile), so a thread that
     * sees summed sees the sum.
     */
    private long sum;
    private volatile boolean summed;
    private static final long TERM_SEED = 0x51L;

    /** A tuple of exactly these elements; the array is taken over. */
    public TupleValue(Value[] elems) {
        this(elems, elems.length, null);
    }

    private TupleValue(Value[] buf, int len, java.util.concurrent.atomic.AtomicInteger claimed) {
        this.buf = buf;
        this.len = len;
        this.claimed = claimed;
        this.chunks = null;
    }

    private TupleValue(Value[][] chunks, int len) {
        this.buf = null;
        this.len = len;
        this.claimed = null;
        this.chunks = chunks;
    }

    public static TupleValue of(Value... elems) {
        return elems.length == 0 ? EMPTY : new TupleValue(elems);
    }

    /** The elements, as an array of exactly {@link #size()} slots; callers must not change it. */
    public Value[] elems() {
        if (buf != null && buf.length == len) return buf;
        Value[] e = exact;
        if (e == null) {
            if (buf != null) {
                e = Copies.of(buf, len);
            } else {
                e = new Value[len];
                for (int k = 0; k < chunks.length; k++) System.arraycopy(chunks[k], 0, e, k << SHIFT, chunks[k].length);
            }
            exact = e;
        }
        return e;
    }

    /** The element at 0-based {@code i}, which must be below {@link #size()}. */
    public Value get(int i) {
        return buf != null ? buf[i] : chunks[i >>> SHIFT][i & (CHUNK - 1)];
    }

    /** The hash term of element {@code e} at (1-based) index {@code i}. */
    private static long term(int i, Value e) {
        return mix(e.fingerprint(TERM_SEED), i);
    }

    private long sum() {
        if (!summed) {
            long h = 0;
            for (int i = 0; i < len; i++) h += term(i + 1, get(i));
            sum = h;
            summed = true;
        }
        return sum;
    }

    /**
     * Gives {@code t} this tuple's sum adjusted by {@code delta}, when {@code known} (this tuple's
     * sum was computed when the caller read {@link #summed}, once: another thread may compute it
     * meanwhile, and the delta was computed for the answer the caller got).
     */
    private TupleValue withSum(TupleValue t, boolean known, long delta) {
        if (known) {
            t.sum = sum + delta;
            t.summed = true;
        }
        return t;
    }

    /**
     * {@code Append(this, v)}: a new tuple, its hash extended from this one's when known. Written
     * in place into the shared array's next slot when this tuple is the one that may claim it (the
     * compare-and-set makes that one tuple, even across threads); copied into a larger array
     * otherwise. The slot is written before the new tuple is constructed, and reaches other threads
     * through the new tuple's final fields.
     */
    public TupleValue append(Value v) {
        boolean known = summed;
        long delta = known ? term(len + 1, v) : 0;
        Value[] buf = this.buf != null ? this.buf : elems(); // a chunked tuple grows as a flat one
        if (claimed != null && len < buf.length && claimed.compareAndSet(len, len + 1)) {
            buf[len] = v;
            return withSum(new TupleValue(buf, len + 1, claimed), known, delta);
        }
        if (len + 1 < GROW_FROM) {
            Value[] r = Copies.of(buf, len + 1);
            r[len] = v;
            return withSum(new TupleValue(r), known, delta);
        }
        Value[] r = Copies.of(buf, len + 1 + (len >> 1));
        r[len] = v;
        return withSum(new TupleValue(r, len + 1, new java.util.concurrent.atomic.AtomicInteger(len + 1)), known, delta);
    }

    @Override protected int shape() { return 0; }

    @Override public Value apply(Value arg) {
        if (arg instanceof IntValue i && i.value >= 1 && i.value <= len) return get(i.value - 1);
        return null;
    }

    @Override public SetValue domain() { return new IntervalValue(1, len); }

    @Override public Value[] domainArray() {
        Value[] d = new Value[len];
        for (int i = 0; i < d.length; i++) d[i] = IntValue.of(i + 1);
        return d;
    }

    @Override public Value[] valueArray() { return elems(); }

    @Override public int size() { return len; }

    @Override public Value except(Value arg, Value v) {
        if (!(arg instanceof IntValue i)) {
            throw new ValueException("Attempted to access tuple at a non integral index: " + arg);
        }
        if (i.value < 1 || i.value > len) return this; // outside the domain: unchanged, as in TLC
        int at = i.value - 1;
        boolean known = summed;
        long delta = known ? term(i.value, v) - term(i.value, get(at)) : 0;
        if (len < CHUNKED_FROM) {
            Value[] e = Copies.of(buf, len);
            e[at] = v;
            return withSum(new TupleValue(e), known, delta);
        }
        Value[][] dir;
        if (chunks != null) {
            dir = new Value[chunks.length][];
            System.arraycopy(chunks, 0, dir, 0, chunks.length);
        } else {
            dir = chunked(buf, len);
        }
        Value[] chunk = Copies.of(dir[at >>> SHIFT]);
        chunk[at & (CHUNK - 1)] = v;
        dir[at >>> SHIFT] = chunk;
        return withSum(new TupleValue(dir, len), known, delta);
    }

    /** The first {@code len} elements of {@code flat} in chunks (the last may be shorter). */
    private static Value[][] chunked(Value[] flat, int len) {
        Value[][] dir = new Value[(len + CHUNK - 1) >>> SHIFT][];
        for (int k = 0; k < dir.length; k++) {
            dir[k] = Copies.range(flat, k << SHIFT, Math.min(len, (k + 1) << SHIFT));
        }
        return dir;
    }

    /** The tuple's {@link Shape}, computed on first use (a benign race: every thread computes the same one). */
    private Shape shape;

    Shape structure() {
        Shape sh = shape;
        if (sh == null) shape = sh = Shape.ofTuple(buf != null ? buf : elems(), len);
        return sh;
    }

    @Override public long fingerprint(long seed) {
        return mix(seed, mix(sum(), 0x51 + len));
    }

    @Override public void print(StringBuilder sb) {
        sb.append("<<");
        for (int i = 0; i < len; i++) {
            if (i > 0) sb.append(", ");
            get(i).print(sb);
        }
        sb.append(">>");
    }

    @Override public String kind() { return "sequence"; }
}
