package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.value.BoolValue;
import io.barreleye.modelcheck.value.FcnValue;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.SetValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import io.barreleye.modelcheck.value.ValueException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The compiled expression forms. Each is small; together they are the evaluator. */
final class Nodes {
    private Nodes() {}

    static Value force(Ctx c, Object slot) {
        if (slot instanceof Value v) return v;
        if (slot instanceof Thunk t) return t.force(c);
        throw new IllegalStateException("unbound slot " + slot);
    }

    /** Arguments of an operator call: cheap ones evaluated now, the rest passed by name. */
    static Object[] args(Node[] args, Ctx c, Env e) {
        Object[] out = new Object[args.length];
        args(args, c, e, out);
        return out;
    }

    /** {@link #args(Node[], Ctx, Env)} written into the first slots of {@code out} (a call's frame). */
    static void args(Node[] args, Ctx c, Env e, Object[] out) {
        for (int i = 0; i < args.length; i++) {
            Node a = args[i];
            if (a instanceof Lit l) out[i] = l.value;
            else if (a instanceof LocalRef r) out[i] = r.slot(e);
            else if (a instanceof LambdaNode || a instanceof OpRef) out[i] = a.eval(c, e);
            else out[i] = new Thunk(a, e);
        }
    }

    static final class Lit extends Node {
        final Value value;

        Lit(Span s, Value v) {
            super(s, CONSTANT);
            this.value = v;
        }

        @Override public Value eval(Ctx c, Env e) { return value; }
    }

    /** An unprimed state variable; in Init it may be assigned by {@code x = e} or {@code x \in S}. */
    static final class VarRef extends Node {
        final int idx;

        VarRef(Span s, int idx) {
            super(s, STATE);
            this.idx = idx;
        }

        @Override public Value eval(Ctx c, Env e) {
            Value v = c.cur[idx];
            if (v == null && c.assumption) {
                throw new SemanticException(span, null, "Level error: an ASSUME must be a constant formula (level 0),"
                        + " but this one reads the variable " + c.rt.varNames[idx]);
            }
            if (v == null) {
                throw new EvalException(span, "variable " + c.rt.varNames[idx]
                        + " is used before the initial predicate assigns it a value");
            }
            return v;
        }
    }

    static final class PrimeVar extends Node {
        final int idx;

        PrimeVar(Span s, int idx) {
            super(s, ACTION);
            this.idx = idx;
        }

        @Override public Value eval(Ctx c, Env e) {
            if (c.next == null) {
                // TLC: "In evaluation, the identifier x is either undefined or not an operator."
                throw new EvalException(span, "the primed variable " + c.rt.varNames[idx] + "' cannot be evaluated here:"
                        + " there is no next state (an initial predicate, ASSUME, CONSTRAINT, VIEW or SYMMETRY is"
                        + " evaluated on one state)");
            }
            Value v = c.next[idx];
            c.primeReads++;
            if (v == null) {
                throw new EvalException(span, c.rt.varNames[idx] + "' is used before the action assigns it a value"
                        + " (assign it with " + c.rt.varNames[idx] + "' = e or " + c.rt.varNames[idx]
                        + "' \\in S earlier in the conjunction)");
            }
            return v;
        }
    }

    /**
     * A variable of an instantiated module that {@code INSTANCE ... WITH x <- e} maps to an
     * expression: evaluates {@code e}, unless ENABLED has chosen a value for {@code x'} and this
     * is the primed side.
     */
    static final class InstanceVar extends Node {
        final String name;
        final Node expr;

        InstanceVar(String name, Node expr) {
            super(expr.span, expr.level);
            this.name = name;
            this.expr = expr;
            this.dyn = expr.dyn;
        }

        @Override public Value eval(Ctx c, Env e) {
            if (c.virtualCur != null) {
                Value v = c.virtualCur.get(this);
                if (v != null) return v;
            }
            return expr.eval(c, e);
        }

        /** Under ENABLED, binds {@code x'} to {@code v} for the continuation when it is not bound yet; false otherwise. */
        static boolean bindPrime(Node primed, Ctx c, java.util.function.Supplier<Value> v, Cont k) {
            if (c.virtualNext == null || !(primed instanceof PrimeExpr pe) || !(pe.inner instanceof InstanceVar iv)
                    || c.virtualNext.containsKey(iv)) {
                return false;
            }
            c.virtualNext.put(iv, v.get());
            try {
                k.run();
            } finally {
                c.virtualNext.remove(iv);
            }
            return true;
        }
    }

    /** {@code e'} for an expression that is not a single variable. */
    static final class PrimeExpr extends Node {
        final Node inner;

        PrimeExpr(Span s, Node inner) {
            super(s, ACTION);
            this.inner = inner;
        }

        @Override public Value eval(Ctx c, Env e) {
            c.primeReads++;
            if (c.virtualNext != null && c.virtualNext.containsKey(inner)) return c.virtualNext.get(inner);
            return inner.eval(c.primed(this), e);
        }
    }

    /** A name bound in an enclosing frame. */
    static final class LocalRef extends Node {
        final int depth;
        final int idx;
        final String name;

        LocalRef(Span s, int depth, int idx, String name, int level) {
            super(s, level);
            this.depth = depth;
            this.idx = idx;
            this.name = name;
        }

        Object slot(Env e) {
            return e.up(depth).slots[idx];
        }

        @Override public Value eval(Ctx c, Env e) {
            Object s = slot(e);
            if (s instanceof Value v) return v;
            if (s instanceof Thunk t) return t.force(c);
            if (s instanceof RecFcn f) return f.materialize(c, span);
            throw new IllegalStateException("unbound " + name);
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            Object s = slot(e);
            // an argument passed by name is enumerated as written until its value is known, as
            // TLC does with the lazy value of an operator argument
            if (s instanceof Thunk t && (t.node().level >= ACTION || !t.forced())) {
                t.node().enumerate(c, t.env(), k);
            } else {
                super.enumerate(c, e, k);
            }
        }
    }

    /** A bare reference to an operator with parameters, passed to a higher-order parameter. */
    static final class OpRef extends Node {
        final OpDef def;

        OpRef(Span s, OpDef def) {
            super(s, CONSTANT);
            this.def = def;
        }

        @Override public Value eval(Ctx c, Env e) { return new Closure.OfDef(def, null); }
    }

    static final class BuiltinOpRef extends Node {
        final Closure closure;

        BuiltinOpRef(Span s, Closure closure) {
            super(s, CONSTANT);
            this.closure = closure;
        }

        @Override public Value eval(Ctx c, Env e) { return closure; }
    }

    static final class LambdaNode extends Node {
        final OpDef def;

        LambdaNode(Span s, OpDef def) {
            super(s, CONSTANT);
            this.def = def;
        }

        @Override public Value eval(Ctx c, Env e) { return new Closure.OfDef(def, e); }
    }

    /** A call of a module-level definition. */
    static final class DefCall extends Node {
        final OpDef def;
        final Node[] args;

        DefCall(Span s, OpDef def, Node[] args, int level) {
            super(s, level);
            this.def = def;
            this.args = args;
        }

        private Env bind(Ctx c, Env e) {
            Env frame = new Env(def.frameSize, null);
            Nodes.args(args, c, e, frame.slots);
            return frame;
        }

        @Override public Value eval(Ctx c, Env e) {
            if (args.length == 0) {
                Value cv = def.constValue;
                if (cv != null) return cv;
            }
            try {
                if (def.isFunction()) return RecFcn.materialize(def, null, c, span);
                Value v = def.body.eval(c, args.length == 0 && def.frameSize == 0 ? null : bind(c, e));
                if (args.length == 0 && def.level == Node.CONSTANT) def.constValue = v;
                return v;
            } catch (EvalException ex) {
                throw ex.within(span);
            } catch (StackOverflowError so) {
                throw new EvalException(span, "recursion too deep while evaluating " + def.name
                        + " (is a RECURSIVE definition missing its base case?)");
            }
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            // TLC enumerates the body of a user definition, whatever its level, except a
            // constant definition without arguments, which it evaluated once at startup
            if (def.isFunction() || args.length == 0 && def.level == CONSTANT && !dyn) {
                super.enumerate(c, e, k);
                return;
            }
            def.body.enumerate(c, def.frameSize == 0 ? null : bind(c, e), k);
        }

        /**
         * True when TLC splits the next-state relation at this call, looking into the body for
         * the action's parts (Tool.getActionsAppl): every argument is constant. A call with
         * another argument is one action, named after the definition and located at the call.
         */
        boolean splitsAsAction() {
            for (Node a : args) {
                if (a.level != CONSTANT || a.dyn) return false;
            }
            return true;
        }

        @Override public void enumerateTop(Ctx c, Env e, Cont k, String defName) {
            if (skips(c)) return;
            if (!splitsAsAction()) {
                super.enumerateTop(c, e, k, def.name);
                return;
            }
            String outer = c.labelArgs;
            c.labelArgs = labelArgs(c, e);
            try {
                def.body.enumerateTop(c, def.frameSize == 0 ? null : bind(c, e), k, def.name);
            } finally {
                c.labelArgs = outer;
            }
        }

        /**
         * The arguments as the action's label shows them (called only where {@link #splitsAsAction}):
         * values as TLC prints them, joined by "," (Action.getLocation).
         */
        private String labelArgs(Ctx c, Env e) {
            if (args.length == 0) return null;
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < args.length; i++) {
                if (i > 0) sb.append(',');
                args[i].eval(c, e).print(sb);
            }
            return sb.append(')').toString();
        }
    }

    /** A call of an operator held in a frame: a parameter {@code Op(_)} or a LET definition. */
    /**
     * A constant that the .cfg replaces ({@code C <- Def}) by a definition loaded after the
     * reference is compiled (a module extending the one that uses C): TLC resolves {@code <-} in
     * any order, so the target is bound once every module is loaded.
     */
    static final class LateOverride extends Node {
        final String name;
        final String target;
        Node bound;

        LateOverride(Span s, String name, String target) {
            super(s, CONSTANT);
            this.name = name;
            this.target = target;
        }

        @Override public Value eval(Ctx c, Env e) {
            return bound.eval(c, e);
        }
    }

    static final class ClosureCall extends Node {
        /** Evaluates to the operator applied: a parameter, or what INSTANCE ... WITH substituted for a constant operator. */
        final Node ref;
        final String name;
        final Node[] args;

        ClosureCall(Span s, LocalRef ref, Node[] args, int level) {
            this(s, ref, ref.name, args, level);
        }

        ClosureCall(Span s, Node ref, String name, Node[] args, int level) {
            super(s, level);
            this.ref = ref;
            this.name = name;
            this.args = args;
        }

        private Closure closure(Ctx c, Env e) {
            Value v = ref.eval(c, e);
            if (v instanceof Closure cl) {
                if (cl.arity() != args.length) {
                    throw new EvalException(span, name + " takes " + cl.arity() + " arguments but is given " + args.length);
                }
                return cl;
            }
            throw new EvalException(span, name + " is applied to arguments but its value is the " + v.kind() + " " + Values.brief(v));
        }

        @Override public Value eval(Ctx c, Env e) {
            return closure(c, e).call(c, Nodes.args(args, c, e), span);
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            closure(c, e).enumerate(c, Nodes.args(args, c, e), span, k);
        }
    }

    /** The value of a recursive function definition {@code f[x \in S] == e}, evaluated point by point. */
    static final class RecFcn {
        final OpDef def;
        final Env env;
        private Value whole;

        RecFcn(OpDef def, Env env) {
            this.def = def;
            this.env = env;
        }

        Value materialize(Ctx c, Span at) {
            if (whole == null) whole = materialize(def, env, c, at);
            return whole;
        }

        static Value materialize(OpDef def, Env env, Ctx c, Span at) {
            Value memo = def.constValue;
            if (memo != null && env == null) return memo;
            Env frame = new Env(def.frameSize, env);
            List<Value> keys = new ArrayList<>();
            List<Value> vals = new ArrayList<>();
            def.domain.forEach(c, env, frame, () -> {
                keys.add(def.domain.key(frame));
                vals.add(def.body.eval(c, frame));
                return true;
            });
            Value f = fcnOf(keys, vals);
            if (env == null && def.level == Node.CONSTANT) def.constValue = f;
            return f;
        }

        static Value apply(OpDef def, Env env, Ctx c, Value arg, Span at) {
            boolean memo = env == null && def.level == Node.CONSTANT;
            if (memo) {
                Value m = def.fcnMemo.get(arg);
                if (m != null) return m;
            }
            Env frame = new Env(def.frameSize, env);
            if (!def.domain.bindKey(arg, frame) || !def.domain.inDomain(c, env, frame)) {
                throw new EvalException(at, "function " + def.name + " is applied to " + Values.brief(arg)
                        + ", which is not in its domain");
            }
            Value v = def.body.eval(c, frame);
            if (memo) def.fcnMemo.put(arg, v);
            return v;
        }
    }

    /** {@code f[x]} where f is a recursive function definition: evaluated without building f. */
    static final class RecFcnApp extends Node {
        final OpDef def;
        final LocalRef local;
        final Node[] args;

        RecFcnApp(Span s, OpDef def, LocalRef local, Node[] args, int level) {
            super(s, level);
            this.def = def;
            this.local = local;
            this.args = args;
        }

        @Override public Value eval(Ctx c, Env e) {
            Value arg = args.length == 1 ? args[0].eval(c, e) : tuple(args, c, e);
            try {
                if (local == null) return RecFcn.apply(def, null, c, arg, span);
                RecFcn f = (RecFcn) local.slot(e);
                return RecFcn.apply(f.def, f.env, c, arg, span);
            } catch (StackOverflowError so) {
                throw new EvalException(span, "recursion too deep while evaluating " + def.name);
            }
        }
    }

    static Value tuple(Node[] items, Ctx c, Env e) {
        Value[] vs = new Value[items.length];
        for (int i = 0; i < items.length; i++) vs[i] = items[i].eval(c, e);
        return TupleValue.of(vs);
    }

    static Value fcnOf(List<Value> keys, List<Value> vals) {
        int n = keys.size();
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        Arrays.sort(idx, (a, b) -> keys.get(a).compareTo(keys.get(b)));
        Value[] d = new Value[n];
        Value[] v = new Value[n];
        for (int i = 0; i < n; i++) {
            d[i] = keys.get(idx[i]);
            v[i] = vals.get(idx[i]);
        }
        return FcnValue.of(d, v);
    }

    // ------------------------------------------------------------------ logic

    static final class And extends Node {
        final Node[] items;

        And(Span s, Node[] items, int level) {
            super(s, level);
            this.items = items;
        }

        @Override public Value eval(Ctx c, Env e) {
            for (Node n : items) {
                if (!n.evalBool(c, e)) return BoolValue.FALSE;
            }
            return BoolValue.TRUE;
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            step(0, c, e, k);
        }

        private void step(int i, Ctx c, Env e, Cont k) {
            if (i == items.length) {
                k.run();
                return;
            }
            Node n = items[i];
            // Until every variable is assigned, each conjunct is enumerated as written, so a
            // guard's disjuncts and \E witnesses that hold each lead to their own successor
            // (TLC counts each as generated); afterwards the conjunct is only tested.
            if (c.allAssigned()) {
                if (n.evalBool(c, e)) step(i + 1, c, e, k);
                return;
            }
            n.enumerate(c, e, new Next(this, i + 1, c, e, k));
        }

        /**
         * The conjuncts from {@code i} on, as the continuation of conjunct {@code i - 1}: a class,
         * not a lambda, because the client compiler (the only one trace validation runs) creates a
         * capturing lambda through a slow runtime call, about 40 ns against 3 for {@code new}.
         */
        private static final class Next implements Cont {
            private final And and;
            private final int i;
            private final Ctx c;
            private final Env e;
            private final Cont k;

            Next(And and, int i, Ctx c, Env e, Cont k) {
                this.and = and;
                this.i = i;
                this.c = c;
                this.e = e;
                this.k = k;
            }

            @Override public void run() {
                and.step(i, c, e, k);
            }
        }
    }

    static final class Or extends Node {
        final Node[] items;

        Or(Span s, Node[] items, int level) {
            super(s, level);
            this.items = items;
        }

        @Override public Value eval(Ctx c, Env e) {
            for (Node n : items) {
                if (n.evalBool(c, e)) return BoolValue.TRUE;
            }
            return BoolValue.FALSE;
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            for (Node n : items) n.enumerate(c, e, k);
        }

        @Override public void enumerateTop(Ctx c, Env e, Cont k, String defName) {
            if (skips(c)) return;
            for (Node n : items) n.enumerateTop(c, e, k, defName);
        }
    }

    static final class Not extends Node {
        final Node inner;

        Not(Span s, Node inner) {
            super(s, inner.level);
            this.inner = inner;
        }

        @Override public Value eval(Ctx c, Env e) {
            return BoolValue.of(!inner.evalBool(c, e));
        }
    }

    static final class Implies extends Node {
        final Node a;
        final Node b;

        Implies(Span s, Node a, Node b) {
            super(s, Math.max(a.level, b.level));
            this.a = a;
            this.b = b;
        }

        @Override public Value eval(Ctx c, Env e) {
            return BoolValue.of(!a.evalBool(c, e) || b.evalBool(c, e));
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            if (a.evalBool(c, e)) b.enumerate(c, e, k);
            else k.run();
        }
    }

    static final class Equiv extends Node {
        final Node a;
        final Node b;

        Equiv(Span s, Node a, Node b) {
            super(s, Math.max(a.level, b.level));
            this.a = a;
            this.b = b;
        }

        @Override public Value eval(Ctx c, Env e) {
            return BoolValue.of(a.evalBool(c, e) == b.evalBool(c, e));
        }
    }

    static final class If extends Node {
        final Node cond;
        final Node then;
        final Node otherwise;

        If(Span s, Node cond, Node then, Node otherwise) {
            super(s, Math.max(cond.level, Math.max(then.level, otherwise.level)));
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override public Value eval(Ctx c, Env e) {
            return cond.evalBool(c, e) ? then.eval(c, e) : otherwise.eval(c, e);
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            (cond.evalBool(c, e) ? then : otherwise).enumerate(c, e, k);
        }
    }

    static final class Case extends Node {
        final Node[] guards;
        final Node[] values;
        final Node other;

        Case(Span s, Node[] guards, Node[] values, Node other, int level) {
            super(s, level);
            this.guards = guards;
            this.values = values;
            this.other = other;
        }

        private Node pick(Ctx c, Env e) {
            for (int i = 0; i < guards.length; i++) {
                if (guards[i].evalBool(c, e)) return values[i];
            }
            if (other != null) return other;
            throw new EvalException(span, "no guard of this CASE is true and it has no OTHER arm");
        }

        @Override public Value eval(Ctx c, Env e) {
            return pick(c, e).eval(c, e);
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            pick(c, e).enumerate(c, e, k);
        }
    }

    /** {@code LET defs IN body}: a frame of the definitions, each evaluated when first used. */
    static final class Let extends Node {
        final OpDef[] defs;
        final Node body;

        Let(Span s, OpDef[] defs, Node body) {
            super(s, body.level);
            this.defs = defs;
            this.body = body;
        }

        Env frame(Env e) {
            Env f = new Env(defs.length, e);
            for (int i = 0; i < defs.length; i++) {
                OpDef d = defs[i];
                if (d.isFunction()) f.slots[i] = new RecFcn(d, f);
                else if (d.arity() == 0) f.slots[i] = new Thunk(d.body, f);
                else f.slots[i] = new Closure.OfDef(d, f);
            }
            return f;
        }

        @Override public Value eval(Ctx c, Env e) {
            return body.eval(c, frame(e));
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            body.enumerate(c, frame(e), k);
        }

        @Override public void enumerateTop(Ctx c, Env e, Cont k, String defName) {
            if (skips(c)) return;
            body.enumerateTop(c, frame(e), k, defName);
        }
    }

    static final class Quant extends Node {
        final boolean forall;
        final Binder binder;
        final Node body;

        /** The body's leading test {@code f[x] = v}, when it has one: see {@link KeyTest}. */
        final KeyTest keyTest;

        Quant(Span s, boolean forall, Binder binder, Node body, int level) {
            super(s, level);
            this.forall = forall;
            this.binder = binder;
            this.body = body;
            this.keyTest = KeyTest.of(binder, body);
        }

        @Override public Value eval(Ctx c, Env e) {
            if (keyTest != null) return BoolValue.of(keyTest.eval(this, c, e));
            Env frame = new Env(binder.size, e);
            boolean[] result = {forall};
            binder.forEach(c, e, frame, () -> {
                boolean b = body.evalBool(c, frame);
                if (b != forall) {
                    result[0] = !forall;
                    return false;
                }
                return true;
            });
            return BoolValue.of(result[0]);
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            if (forall) {
                // TLC takes \A x \in S : P as the conjunction of P for each x, in S's order
                List<Env> frames = new ArrayList<>();
                Env scratch = new Env(binder.size, e);
                binder.forEach(c, e, scratch, () -> {
                    Env f = new Env(binder.size, e);
                    System.arraycopy(scratch.slots, 0, f.slots, 0, binder.size);
                    frames.add(f);
                    return true;
                });
                conjoin(frames, 0, c, k);
                return;
            }
            Env frame = new Env(binder.size, e);
            binder.forEach(c, e, frame, () -> {
                body.enumerate(c, frame, k);
                return true;
            });
        }

        private void conjoin(List<Env> frames, int i, Ctx c, Cont k) {
            if (i == frames.size()) {
                k.run();
                return;
            }
            if (c.allAssigned()) {
                for (int j = i; j < frames.size(); j++) {
                    if (!body.evalBool(c, frames.get(j))) return;
                }
                k.run();
                return;
            }
            body.enumerate(c, frames.get(i), () -> conjoin(frames, i + 1, c, k));
        }

        @Override public void enumerateTop(Ctx c, Env e, Cont k, String defName) {
            if (skips(c)) return;
            if (forall) {
                super.enumerateTop(c, e, k, defName);
                return;
            }
            Env frame = new Env(binder.size, e);
            binder.forEach(c, e, frame, () -> {
                body.enumerateTop(c, frame, k, defName);
                return true;
            });
        }
    }

    /**
     * A quantifier over one name whose body starts with {@code f[x] = v}, x the bound name and f, v
     * not depending on it (literals, state variables, names bound outside): {@code \E o \in 1 ..
     * opCount : opSt[o] = "running" /\ opInit[o] = c}, a scan over every operation of a long run
     * for the few that match. The loop applies f and compares with v itself, f and v evaluated once,
     * and evaluates the body only where the test holds; where it fails the body is false, as the
     * conjunction would find. Errors are the body's, in its order: f at the first element, then the
     * application (the same span and message), then v.
     */
    static final class KeyTest {
        private final DataNodes.FcnApp app;
        private final Eq eq;
        private final int slot;

        private KeyTest(DataNodes.FcnApp app, Eq eq, int slot) {
            this.app = app;
            this.eq = eq;
            this.slot = slot;
        }

        /** The body's leading key test, or null when it has none. */
        static KeyTest of(Binder binder, Node body) {
            if (binder.groups.length != 1 || binder.groups[0].tuple() || binder.groups[0].count() != 1) return null;
            int slot = binder.groups[0].first();
            Node first = body instanceof And and ? and.items[0] : body;
            if (!(first instanceof Eq eq) || !(eq.left instanceof DataNodes.FcnApp app) || app.args.length != 1) return null;
            if (!(app.args[0] instanceof LocalRef x) || x.depth != 0 || x.idx != slot) return null;
            return outside(app.fcn) && outside(eq.right) ? new KeyTest(app, eq, slot) : null;
        }

        /** True for a node whose value cannot depend on the bound name and whose evaluation has no effect. */
        private static boolean outside(Node n) {
            return n instanceof Lit || n instanceof VarRef || n instanceof LocalRef r && r.depth > 0;
        }

        boolean eval(Quant q, Ctx c, Env e) {
            Scan scan = new Scan(q, c, new Env(q.binder.size, e));
            q.binder.forEachElement(0, q.binder.ranges(c, e)[0], scan);
            return scan.result;
        }

        /** One evaluation's walk: f and v once evaluated, and the answer so far. */
        private final class Scan implements Binder.ElementVisitor {
            private final Quant q;
            private final Ctx c;
            private final Env frame;
            private Value f;
            private Value v;
            boolean result;

            Scan(Quant q, Ctx c, Env frame) {
                this.q = q;
                this.c = c;
                this.frame = frame;
                this.result = q.forall;
            }

            @Override public boolean visit(Value x) {
                if (f == null) f = app.fcn.eval(c, frame);
                Value got = DataNodes.FcnApp.apply(app.span, f, x);
                if (v == null) v = eq.right.eval(c, frame);
                if (!Values.eq(eq.span, got, v)) {
                    if (!q.forall) return true;
                    result = false;
                    return false;
                }
                frame.slots[slot] = x;
                if (q.body.evalBool(c, frame) == q.forall) return true;
                result = !q.forall;
                return false;
            }
        }
    }

    static final class Choose extends Node {
        final Binder binder;
        final Node body;

        Choose(Span s, Binder binder, Node body, int level) {
            super(s, level);
            this.binder = binder;
            this.body = body;
        }

        @Override public Value eval(Ctx c, Env e) {
            Env frame = new Env(binder.size, e);
            Value[] found = {null};
            binder.forEachInTlcOrder(c, e, frame, () -> {
                if (body.evalBool(c, frame)) {
                    found[0] = binder.key(frame);
                    return false;
                }
                return true;
            });
            if (found[0] == null) {
                throw new EvalException(span, "CHOOSE found no element of its set that satisfies the condition");
            }
            return found[0];
        }
    }

    // ------------------------------------------------------------------ assignment-aware predicates

    /**
     * The variable that {@code x' = e} or {@code x' \\in S} may assign, as TLC does: a primed
     * variable in an action, an unprimed one in the initial predicate; {@code idx} -1 for none.
     */
    record Target(int idx, boolean primed) {
        static Target of(Node n) {
            if (n instanceof PrimeVar pv) return new Target(pv.idx, true);
            if (n instanceof VarRef vr) return new Target(vr.idx, false);
            return new Target(-1, false);
        }

        /**
         * The target of {@code p = e} or {@code p \\in S} where p is an operator parameter: the
         * (primed) variable passed for it by name, as TLC resolves a parameter to the argument
         * it stands for ({@code Upd(old, new) == new = old + 1} called as {@code Upd(x, x')}
         * assigns x'); through any chain of parameters and LAMBDAs. No target otherwise.
         */
        static Target passedFor(Node n, Env e) {
            if (!(n instanceof LocalRef ref)) return NONE;
            Object slot = ref.slot(e);
            while (slot instanceof Thunk t) {
                Node arg = t.node();
                if (arg instanceof PrimeVar pv) return new Target(pv.idx, true);
                if (arg instanceof VarRef vr) return new Target(vr.idx, false);
                if (!(arg instanceof LocalRef inner)) break;
                slot = inner.slot(t.env());
            }
            return NONE;
        }

        static final Target NONE = new Target(-1, false);

        /** This target, or the variable passed for the parameter {@code left} names. */
        Target orPassed(Node left, Env e) {
            return idx >= 0 || !left.dyn ? this : passedFor(left, e);
        }

        /** The state array to assign into, when the variable is assignable here and not assigned yet; else null. */
        Value[] unassigned(Ctx c) {
            if (idx < 0) return null;
            Value[] slots = primed ? c.next : c.initMode ? c.cur : null;
            return slots != null && slots[idx] == null ? slots : null;
        }
    }

    /** {@code a = b}; when a is an unassigned primed variable (or variable, in Init) it assigns. */
    static final class Eq extends Node {
        final Node left;
        final Node right;
        final Target target;

        Eq(Span s, Node left, Node right) {
            super(s, Math.max(left.level, right.level));
            this.left = left;
            this.right = right;
            this.target = Target.of(left);
        }

        @Override public Value eval(Ctx c, Env e) {
            return BoolValue.of(Values.eq(span, left.eval(c, e), right.eval(c, e)));
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            Target t = target.orPassed(left, e);
            Value[] slots = t.unassigned(c);
            if (slots != null) {
                slots[t.idx()] = right.eval(c, e);
                try {
                    k.run();
                } finally {
                    slots[t.idx()] = null;
                }
                return;
            }
            // (the check before the call spares a lambda per equality, costly under the client compiler)
            if (c.virtualNext != null && InstanceVar.bindPrime(left, c, () -> right.eval(c, e), k)) return;
            super.enumerate(c, e, k);
        }
    }

    /** {@code a \in S}; assigns every element in turn when a is an unassigned (primed) variable. */
    static final class In extends Node {
        final Node elem;
        final Node set;
        final Target target;

        In(Span s, Node elem, Node set) {
            super(s, Math.max(elem.level, set.level));
            this.elem = elem;
            this.set = set;
            this.target = Target.of(elem);
        }

        @Override public Value eval(Ctx c, Env e) {
            Value v = elem.eval(c, e);
            SetValue s = Values.asSet(set.span, "\\in", set.eval(c, e));
            try {
                return BoolValue.of(s.contains(v));
            } catch (ValueException ex) {
                throw new EvalException(span, ex.getMessage());
            }
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            Target t = target.orPassed(elem, e);
            Value[] slots = t.unassigned(c);
            if (slots != null) {
                SetEnumValue s = Values.asEnum(set.span, "\\in", set.eval(c, e));
                try {
                    for (Value v : s.elems) {
                        slots[t.idx()] = v;
                        k.run();
                    }
                } finally {
                    slots[t.idx()] = null;
                }
                return;
            }
            super.enumerate(c, e, k);
        }
    }

    /** {@code UNCHANGED <<x, y>>}: each variable keeps its value. */
    static final class Unchanged extends Node {
        final int[] vars;
        final Node[] others;

        Unchanged(Span s, int[] vars, Node[] others) {
            super(s, ACTION);
            this.vars = vars;
            this.others = others;
        }

        @Override public Value eval(Ctx c, Env e) {
            if (c.next == null) throw new EvalException(span, "UNCHANGED cannot be evaluated here (no next state)");
            c.primeReads++;
            for (int v : vars) {
                if (c.next[v] == null) {
                    throw new EvalException(span, c.rt.varNames[v] + "' is not yet determined where UNCHANGED is evaluated");
                }
                if (!Values.eq(span, c.next[v], c.cur[v])) return BoolValue.FALSE;
            }
            Ctx p = others.length == 0 ? null : c.primed(this);
            for (Node o : others) {
                if (!Values.eq(span, o.eval(c, e), o.eval(p, e))) return BoolValue.FALSE;
            }
            return BoolValue.TRUE;
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            assign(0, c, e, k);
        }

        private void assign(int i, Ctx c, Env e, Cont k) {
            if (i == vars.length) {
                bindOthers(0, c, e, k);
                return;
            }
            int v = vars[i];
            if (c.next[v] == null) {
                c.next[v] = c.cur[v];
                try {
                    assign(i + 1, c, e, k);
                } finally {
                    c.next[v] = null;
                }
            } else if (Values.eq(span, c.next[v], c.cur[v])) {
                assign(i + 1, c, e, k);
            }
        }

        /** Under ENABLED, an instance variable mapped to an expression is left unchanged by binding its prime. */
        private void bindOthers(int i, Ctx c, Env e, Cont k) {
            if (i == others.length) {
                if (others.length == 0 || eval(c, e) == BoolValue.TRUE) k.run();
                return;
            }
            Node o = others[i];
            Node primed = c.virtualNext == null ? null : new PrimeExpr(o.span, o);
            if (!InstanceVar.bindPrime(primed, c, () -> o.eval(c, e), () -> bindOthers(i + 1, c, e, k))) {
                bindOthers(i + 1, c, e, k);
            }
        }
    }

    /** {@code [A]_v}: A, or v unchanged. */
    static final class BoxAction extends Node {
        final Node action;
        final Unchanged unchanged;

        BoxAction(Span s, Node action, Unchanged unchanged) {
            super(s, ACTION);
            this.action = action;
            this.unchanged = unchanged;
        }

        @Override public Value eval(Ctx c, Env e) {
            return BoolValue.of(action.evalBool(c, e) || unchanged.evalBool(c, e));
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            action.enumerate(c, e, k);
            unchanged.enumerate(c, e, k);
        }
    }

    /** {@code <<A>>_v}: A, and v changes. */
    static final class AngleAction extends Node {
        final Node action;
        final Unchanged unchanged;

        AngleAction(Span s, Node action, Unchanged unchanged) {
            super(s, ACTION);
            this.action = action;
            this.unchanged = unchanged;
        }

        @Override public Value eval(Ctx c, Env e) {
            return BoolValue.of(action.evalBool(c, e) && !unchanged.evalBool(c, e));
        }

        @Override public void enumerate(Ctx c, Env e, Cont k) {
            action.enumerate(c, e, () -> {
                if (!unchanged.evalBool(c, e)) k.run();
            });
        }
    }

    /** {@code ENABLED A}: some assignment of the primed variables satisfies A. */
    static final class Enabled extends Node {
        private static final RuntimeException FOUND = new RuntimeException("found", null, false, false) {};
        final Node action;

        Enabled(Span s, Node action) {
            super(s, STATE);
            this.action = action;
        }

        @Override public Value eval(Ctx c, Env e) {
            Ctx probe = new Ctx(c.rt, c.cur, new Value[c.cur.length], false);
            probe.level = c.level;
            probe.virtualNext = new java.util.IdentityHashMap<>();
            try {
                action.enumerate(probe, e, () -> {
                    throw FOUND;
                });
            } catch (RuntimeException ex) {
                if (ex == FOUND) return BoolValue.TRUE;
                throw ex;
            }
            return BoolValue.FALSE;
        }
    }

    /** Temporal operators are understood by the checker's spec analysis, never evaluated on a state. */
    static final class Temporal extends Node {
        final String op;
        final Node[] parts;

        Temporal(Span s, String op, Node... parts) {
            super(s, TEMPORAL);
            this.op = op;
            this.parts = parts;
        }

        @Override public Value eval(Ctx c, Env e) {
            throw new EvalException(span, "the temporal formula " + op
                    + " cannot be evaluated on a single state or step; use it in SPECIFICATION or PROPERTY");
        }
    }
}
