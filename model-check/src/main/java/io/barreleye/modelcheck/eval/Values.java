package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.value.BoolValue;
import io.barreleye.modelcheck.value.FcnValue;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.Kinds;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.SetValue;
import io.barreleye.modelcheck.value.StringValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import io.barreleye.modelcheck.value.ValueException;

/** Checked conversions from values to what an operator needs, with TLC-like error messages. */
public final class Values {
    private Values() {}

    public static String brief(Value v) {
        String s = v.toString();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    static EvalException wrong(Span at, String op, String expected, Value v) {
        return new EvalException(at, op + " expects " + expected + ", but was given the " + v.kind() + " " + brief(v));
    }

    static int asInt(Span at, String op, Value v) {
        if (v instanceof IntValue i) return i.value;
        throw wrong(at, op, "an integer", v);
    }

    static boolean asBool(Span at, String op, Value v) {
        if (v instanceof BoolValue b) return b.value;
        throw wrong(at, op, "a boolean", v);
    }

    static SetValue asSet(Span at, String op, Value v) {
        if (v instanceof SetValue s) return s;
        throw wrong(at, op, "a set", v);
    }

    static SetEnumValue asEnum(Span at, String op, Value v) {
        SetValue s = asSet(at, op, v);
        try {
            return s.toEnum();
        } catch (ValueException ex) {
            throw new EvalException(at, op + ": " + ex.getMessage());
        }
    }

    static FcnValue asFcn(Span at, String op, Value v) {
        if (v instanceof FcnValue f) return f;
        throw wrong(at, op, "a function", v);
    }

    static TupleValue asSeq(Span at, String op, Value v) {
        if (v instanceof TupleValue t) return t;
        throw wrong(at, op, "a sequence", v);
    }

    static String asString(Span at, String op, Value v) {
        if (v instanceof StringValue s) return s.value;
        throw wrong(at, op, "a string", v);
    }

    /** TLC's integers are 32-bit; leaving that range is an error (exit 255), not a wrap-around. */
    static IntValue checked(Span at, long r, long x, String op, long y) {
        if (r < Integer.MIN_VALUE || r > Integer.MAX_VALUE) {
            // the message is built only here: arithmetic is on the hot path
            throw new EvalException(at, "Overflow when computing " + x + op + y + " (TLC's integers are 32-bit)", 255);
        }
        return IntValue.of((int) r);
    }

    /**
     * {@code a = b} as TLC evaluates it: values of kinds TLC cannot compare ({@code 1 = "a"}) are
     * an error (a {@link ValueException}), an untyped model value is unequal to everything else.
     */
    static boolean eq(Value a, Value b) {
        return a == b || Kinds.equal(a, b);
    }

    /** {@link #eq}, with an error located at {@code at}. */
    static boolean eq(Span at, Value a, Value b) {
        try {
            return eq(a, b);
        } catch (ValueException ex) {
            throw new EvalException(at, ex.getMessage());
        }
    }
}
