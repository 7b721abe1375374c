package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.value.FcnValue;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.SetValue;
import io.barreleye.modelcheck.value.Value;
import io.barreleye.modelcheck.value.ValueException;

/**
 * {@code {x \in S : P}} and {@code [x \in S |-> e]} over an infinite S, as TLC keeps them: never
 * enumerated, but a set that answers membership ({@code 2 \in {x \in Nat : x < 3}}) and a
 * function that can be applied ({@code [x \in Nat |-> x][3]}). They evaluate their body in the
 * context they were built in, so they belong to one evaluation and cannot be part of a state.
 */
final class LazyValues {
    private LazyValues() {}

    /** True when {@code v} lies in the ranges of {@code binder}; the frame then binds it. */
    private static boolean bind(Binder binder, Ctx c, Env outer, Env frame, Value v) {
        return binder.bindKey(v, frame) && binder.inDomain(c, outer, frame);
    }

    private static ValueException infinite(String what) {
        return new ValueException("cannot enumerate " + what + ", whose domain is infinite");
    }

    static final class Filter extends SetValue {
        private final DataNodes.SetFilter node;
        private final Ctx ctx;
        private final Env env;

        Filter(DataNodes.SetFilter node, Ctx ctx, Env env) {
            this.node = node;
            this.ctx = ctx;
            this.env = env;
        }

        @Override public boolean contains(Value v) {
            Env frame = new Env(node.binder.size, env);
            return bind(node.binder, ctx, env, frame, v) && node.pred.evalBool(ctx, frame);
        }

        @Override public boolean isFinite() { return false; }

        @Override public SetEnumValue toEnum() { throw infinite("the set " + this); }

        @Override public long fingerprint(long seed) { throw infinite("the set " + this); }

        /** TLC cannot print it either: printing enumerates (D170). */
        @Override public void print(StringBuilder sb) {
            throw new ValueException("Attempted to enumerate { x \\in S : p(x) } when S:\n"
                    + node.binder.ranges(ctx, env)[0] + "\nis not enumerable");
        }
    }

    static final class Fcn extends FcnValue {
        private final DataNodes.FcnCons node;
        private final Ctx ctx;
        private final Env env;

        Fcn(DataNodes.FcnCons node, Ctx ctx, Env env) {
            this.node = node;
            this.ctx = ctx;
            this.env = env;
        }

        @Override protected int shape() { return 2; }

        @Override public Value apply(Value arg) {
            Env frame = new Env(node.binder.size, env);
            return bind(node.binder, ctx, env, frame, arg) ? node.body.eval(ctx, frame) : null;
        }

        @Override public SetValue domain() {
            SetValue[] ranges = node.binder.ranges(ctx, env);
            if (ranges.length == 1 && node.binder.size == 1) return ranges[0];
            throw infinite("the domain of " + this);
        }

        @Override public Value[] domainArray() { throw infinite("the function " + this); }

        @Override public Value[] valueArray() { throw infinite("the function " + this); }

        @Override public int size() { throw infinite("the function " + this); }

        @Override public long fingerprint(long seed) { throw infinite("the function " + this); }

        /**
         * As TLC's {@code FcnLambdaValue} prints a function it cannot enumerate: its bounds and
         * where its body is in the source, {@code [x \in Nat |-> <expression line 5, col 20 to
         * line 5, col 20 of module M>]}.
         */
        @Override public void print(StringBuilder sb) {
            sb.append('[');
            node.binder.print(node.binder.ranges(ctx, env), sb);
            sb.append(" |-> <expression ").append(node.body.span.describe()).append(">]");
        }

        @Override public boolean isEnumerable() { return false; }

        @Override public String kind() { return "function"; }
    }
}
