package io.barreleye.modelcheck.value;

/**
 * Which values TLC can compare. Values of different kinds (an integer and a string, a set and a
 * tuple, a record and a tuple) cannot be compared or tested for equality: TLC stops with an
 * error. The exceptions are model values: an untyped model value ({@code m1}) is unequal to
 * everything else and sorts before it; a typed one ({@code T_a}) is comparable only with model
 * values.
 */
public final class Kinds {
    private Kinds() {}

    /** The order between values of different kinds: model values first, everything else an error. */
    static int compareKinds(Value a, Value b) {
        if (a instanceof ModelValue ma) {
            if (ma.typed()) throw typedMismatch("compare", ma, b);
            return -1;
        }
        if (b instanceof ModelValue mb) {
            if (mb.typed()) throw typedMismatch("compare", mb, a);
            return 1;
        }
        throw mismatch("compare", a, b);
    }

    /**
     * TLA+'s {@code a = b} as TLC evaluates it: an error for values of kinds it cannot compare,
     * FALSE for sets it cannot order element by element (their elements differ in kind).
     */
    public static boolean equal(Value a, Value b) {
        if (a == b) return true;
        // the common cases first: strings are interned (equal only if the same object), integers compare by value
        if (a instanceof StringValue && b instanceof StringValue) return false;
        if (a instanceof IntValue x && b instanceof IntValue y) return x.value == y.value;
        if (a.kindRank() != b.kindRank()) {
            if (a instanceof ModelValue ma) {
                if (ma.typed()) throw typedMismatch("check equality of", ma, b);
                return false;
            }
            if (b instanceof ModelValue mb) {
                if (mb.typed()) throw typedMismatch("check equality of", mb, a);
                return false;
            }
            throw mismatch("check equality of", a, b);
        }
        if (recordAndTuple(a, b)) {
            throw mismatch("check equality of", a, b);
        }
        if (a instanceof SetValue sa && b instanceof SetValue sb) return setsEqual(sa, sb);
        return a.compareTo(b) == 0;
    }

    /** A record and a non-empty tuple: functions TLC cannot compare. */
    static boolean recordAndTuple(Value a, Value b) {
        return a instanceof RecordValue && b instanceof TupleValue t && t.size() > 0
                || b instanceof RecordValue && a instanceof TupleValue u && u.size() > 0;
    }

    private static boolean setsEqual(SetValue a, SetValue b) {
        if (a instanceof SetEnumValue ea && ea.mixed() || b instanceof SetEnumValue eb && eb.mixed()) {
            SetEnumValue x = (SetEnumValue) (a instanceof SetEnumValue e1 && e1.mixed() ? a : b);
            SetValue y = x == a ? b : a;
            if (!y.isFinite() || x.elems.length != y.size()) return false;
            for (Value v : x.elems) {
                if (!y.contains(v)) return false;
            }
            return true;
        }
        if (!a.isFinite() || !b.isFinite()) {
            if (a == b) return true;
            if (a.isFinite() != b.isFinite()) return false;
            throw new ValueException("Attempted to check equality of the infinite sets " + a + " and " + b);
        }
        try {
            return a.compareTo(b) == 0;
        } catch (ValueException different) {
            return false;
        }
    }

    /** {@code v \in s} for an enumerated set: each element is compared with v until one equals it. */
    static boolean memberOf(Value v, Value[] elems) {
        for (Value e : elems) {
            if (equal(e, v)) return true;
        }
        return false;
    }

    /** The error for two values of kinds TLC does not compare. */
    public static ValueException mismatch(String what, Value a, Value b) {
        return new ValueException("Attempted to " + what + " " + describe(a) + " with the value:\n" + brief(b));
    }

    private static ValueException typedMismatch(String what, ModelValue m, Value other) {
        return new ValueException("Attempted to " + what + " the typed model value " + m.name
                + " and the non-model value\n" + brief(other));
    }

    static String describe(Value v) {
        return switch (v.kindRank()) {
            case 1 -> "boolean " + brief(v);
            case 2 -> "integer " + brief(v);
            case 3 -> "string " + brief(v);
            case 4 -> v instanceof RecordValue ? "the record " + brief(v) : "the function " + brief(v);
            case 5 -> "the set " + brief(v);
            default -> v.kind() + " " + brief(v);
        };
    }

    private static String brief(Value v) {
        String s;
        try {
            s = v.toString();
        } catch (ValueException unprintable) {
            s = "a " + v.kind() + " that cannot be printed";
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
