package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.value.Value;

/**
 * An operator as a value: a LAMBDA, a LET operator, a definition passed to a higher-order
 * parameter, or a built-in operator symbol. Not a TLA+ value: it can be applied, never stored.
 */
public abstract class Closure extends Value {
    public abstract int arity();

    /** Applies the operator; {@code args} are Values or Thunks. */
    public abstract Value call(Ctx c, Object[] args, Span at);

    /** Enumerates the operator's body as an action. */
    public void enumerate(Ctx c, Object[] args, Span at, Cont k) {
        Value v = call(c, args, at);
        if (Values.asBool(at, "an action", v)) k.run();
    }

    @Override protected int rank() { return 9; }

    @Override protected int compareSame(Value o) {
        return Integer.compare(System.identityHashCode(this), System.identityHashCode(o));
    }

    @Override public long fingerprint(long seed) {
        throw new io.barreleye.modelcheck.value.ValueException("an operator is not a value and cannot be part of a state");
    }

    @Override public String kind() { return "operator"; }

    /** A user definition with the environment it was defined in. */
    static final class OfDef extends Closure {
        final OpDef def;
        final Env env;

        OfDef(OpDef def, Env env) {
            this.def = def;
            this.env = env;
        }

        @Override public int arity() { return def.arity(); }

        Env bind(Object[] args) {
            Env frame = new Env(def.frameSize, env);
            System.arraycopy(args, 0, frame.slots, 0, args.length);
            return frame;
        }

        @Override public Value call(Ctx c, Object[] args, Span at) {
            try {
                return def.body.eval(c, bind(args));
            } catch (EvalException ex) {
                throw ex.within(at);
            }
        }

        @Override public void enumerate(Ctx c, Object[] args, Span at, Cont k) {
            def.body.enumerate(c, bind(args), k);
        }

        @Override public void print(StringBuilder sb) { sb.append(def.name); }
    }

    /** A built-in operator passed as an argument, e.g. {@code +}. */
    static final class OfBuiltin extends Closure {
        final String name;
        final int arity;
        final Builtins.Fn fn;

        OfBuiltin(String name, int arity, Builtins.Fn fn) {
            this.name = name;
            this.arity = arity;
            this.fn = fn;
        }

        @Override public int arity() { return arity; }

        @Override public Value call(Ctx c, Object[] args, Span at) {
            Value[] vs = new Value[args.length];
            for (int i = 0; i < args.length; i++) vs[i] = Nodes.force(c, args[i]);
            return fn.apply(c, at, vs);
        }

        @Override public void print(StringBuilder sb) { sb.append(name); }
    }
}
