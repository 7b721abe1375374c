package io.barreleye.modelcheck.value;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The structure of a value, as far as comparing goes: integers, strings, booleans, records with
 * these field names and field shapes, tuples of this length and element shapes, sets whose
 * elements all have one shape (or the empty set). Two values of one shape can always be compared
 * without the errors TLC gives for values of different kinds, so a set whose elements all have
 * the shape of the elements of another can be merged with it or have them removed by binary
 * search, with exactly the answer of comparing every pair ({@link SetEnumValue#union},
 * {@link SetEnumValue#minus}). Any other value (model values, general functions, lazy sets...)
 * has no shape ({@link #NONE}) and takes the general way.
 *
 * <p>Shapes are interned, so they are compared by identity; a record, tuple or set keeps its
 * shape once computed (values are immutable, and elements outlive the sets that hold them).
 */
final class Shape {
    /** Not one of the shapes above. */
    static final Shape NONE = new Shape('?', new Object[0]);
    private static final Shape INT = new Shape('i', new Object[0]);
    private static final Shape STRING = new Shape('s', new Object[0]);
    private static final Shape BOOL = new Shape('b', new Object[0]);
    private static final Shape EMPTY_SET = new Shape('e', new Object[0]);
    private static final ConcurrentHashMap<Shape, Shape> INTERN = new ConcurrentHashMap<>();

    private final char kind;
    /** Record: the field names (interned StringValues), then the field shapes; tuple or set: the element shapes. */
    private final Object[] parts;
    private final int hash;

    private Shape(char kind, Object[] parts) {
        this(kind, parts, hash(kind, parts));
    }

    private Shape(char kind, Object[] parts, int hash) {
        this.kind = kind;
        this.parts = parts;
        this.hash = hash;
    }

    private static int hash(char kind, Object[] parts) {
        int h = kind;
        for (Object p : parts) h = 31 * h + System.identityHashCode(p);
        return h;
    }

    /**
     * Shapes met lately, by hash: a record or tuple of a kind met before (a message, an ack
     * <<core, view>>) finds its shape here without a new Shape or a concurrent map's lookup.
     * Benign races: a slot holds some interned shape or null, and a shape's fields are final.
     */
    private static final Shape[] RECENT = new Shape[256];

    private static Shape interned(char kind, Object[] parts) {
        for (Object p : parts) {
            if (p == NONE) return NONE;
        }
        int h = hash(kind, parts);
        int slot = (h ^ (h >>> 16)) & (RECENT.length - 1);
        Shape recent = RECENT[slot];
        if (recent != null && recent.hash == h && recent.kind == kind && sameParts(recent.parts, parts)) return recent;
        Shape s = new Shape(kind, parts, h);
        Shape old = INTERN.putIfAbsent(s, s);
        Shape shape = old != null ? old : s;
        RECENT[slot] = shape;
        return shape;
    }

    private static boolean sameParts(Object[] a, Object[] b) {
        if (a.length != b.length) return false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) return false;
        }
        return true;
    }

    /** The shape of {@code v}: computed once for records, tuples and sets (they cache it). */
    static Shape of(Value v) {
        if (v instanceof IntValue) return INT;
        if (v instanceof StringValue) return STRING;
        if (v instanceof BoolValue) return BOOL;
        if (v instanceof RecordValue r) return r.structure();
        if (v instanceof TupleValue t) return t.structure();
        if (v instanceof SetEnumValue s) return s.structure();
        return NONE;
    }

    static Shape ofRecord(StringValue[] keys, Value[] vals) {
        Object[] parts = new Object[keys.length + vals.length];
        System.arraycopy(keys, 0, parts, 0, keys.length);
        for (int i = 0; i < vals.length; i++) parts[keys.length + i] = of(vals[i]);
        return interned('r', parts);
    }

    static Shape ofTuple(Value[] elems, int len) {
        Object[] parts = new Object[len];
        for (int i = 0; i < len; i++) parts[i] = of(elems[i]);
        return interned('t', parts);
    }

    /** A set's shape: that of a set of its elements' one shape; NONE when they differ or it is mixed. */
    static Shape ofSet(SetEnumValue s) {
        if (s.mixed()) return NONE;
        if (s.elems.length == 0) return EMPTY_SET;
        return interned('{', new Object[] {s.elementShape()});
    }

    /** The one shape of all of {@code elems}, or NONE. */
    static Shape common(Value[] elems) {
        if (elems.length == 0) return NONE;
        Shape first = of(elems[0]);
        for (int i = 1; i < elems.length && first != NONE; i++) {
            if (of(elems[i]) != first) return NONE;
        }
        return first;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Shape s && s.kind == kind && sameParts(parts, s.parts);
    }

    @Override public int hashCode() {
        return hash;
    }

    @Override public String toString() {
        return kind + Arrays.toString(parts);
    }
}
