package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.value.FcnValue;
import io.barreleye.modelcheck.value.LazySets;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.BoolValue;
import io.barreleye.modelcheck.value.RecordValue;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.SetValue;
import io.barreleye.modelcheck.value.StringValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import io.barreleye.modelcheck.value.ValueException;
import java.util.ArrayList;
import java.util.List;

/** Compiled constructors and selectors of sets, functions, records and tuples. */
final class DataNodes {
    private DataNodes() {}

    static int maxLevel(Node... nodes) {
        int l = Node.CONSTANT;
        for (Node n : nodes) l = Math.max(l, n.level);
        return l;
    }

    static final class SetEnum extends Node {
        final Node[] items;

        SetEnum(Span s, Node[] items) {
            super(s, maxLevel(items));
            this.items = items;
        }

        @Override public Value eval(Ctx c, Env e) {
            Value[] vs = new Value[items.length];
            for (int i = 0; i < items.length; i++) vs[i] = items[i].eval(c, e);
            return SetEnumValue.of(vs);
        }
    }

    static final class Tuple extends Node {
        final Node[] items;

        Tuple(Span s, Node[] items) {
            super(s, maxLevel(items));
            this.items = items;
        }

        @Override public Value eval(Ctx c, Env e) {
            return Nodes.tuple(items, c, e);
        }
    }

    /** {@code {x \in S : P}}. */
    static final class SetFilter extends Node {
        final Binder binder;
        final Node pred;

        SetFilter(Span s, Binder binder, Node pred, int level) {
            super(s, level);
            this.binder = binder;
            this.pred = pred;
        }

        @Override public Value eval(Ctx c, Env e) {
            SetValue[] ranges = binder.ranges(c, e);
            if (Binder.anyInfinite(ranges)) return new LazyValues.Filter(this, c, e);
            Env frame = new Env(binder.size, e);
            List<Value> out = new ArrayList<>();
            binder.forEachIn(ranges, frame, () -> {
                if (pred.evalBool(c, frame)) out.add(binder.key(frame));
                return true;
            });
            return SetEnumValue.of(out);
        }
    }

    /** {@code {e : x \in S}}. */
    static final class SetMap extends Node {
        final Binder binder;
        final Node expr;

        SetMap(Span s, Binder binder, Node expr, int level) {
            super(s, level);
            this.binder = binder;
            this.expr = expr;
        }

        @Override public Value eval(Ctx c, Env e) {
            Env frame = new Env(binder.size, e);
            List<Value> out = new ArrayList<>();
            binder.forEach(c, e, frame, () -> {
                out.add(expr.eval(c, frame));
                return true;
            });
            return SetEnumValue.of(out);
        }
    }

    /** {@code [x \in S |-> e]}. */
    static final class FcnCons extends Node {
        final Binder binder;
        final Node body;

        FcnCons(Span s, Binder binder, Node body, int level) {
            super(s, level);
            this.binder = binder;
            this.body = body;
        }

        @Override public Value eval(Ctx c, Env e) {
            SetValue[] ranges = binder.ranges(c, e);
            if (Binder.anyInfinite(ranges)) return new LazyValues.Fcn(this, c, e);
            Env frame = new Env(binder.size, e);
            List<Value> keys = new ArrayList<>();
            List<Value> vals = new ArrayList<>();
            binder.forEachIn(ranges, frame, () -> {
                keys.add(binder.key(frame));
                vals.add(body.eval(c, frame));
                return true;
            });
            return Nodes.fcnOf(keys, vals);
        }
    }

    /** {@code f[a]} and {@code f[a, b]} (the latter applies f to the tuple). */
    static final class FcnApp extends Node {
        final Node fcn;
        final Node[] args;

        FcnApp(Span s, Node fcn, Node[] args) {
            super(s, Math.max(fcn.level, maxLevel(args)));
            this.fcn = fcn;
            this.args = args;
        }

        @Override public Value eval(Ctx c, Env e) {
            Value f = fcn.eval(c, e);
            Value arg = args.length == 1 ? args[0].eval(c, e) : Nodes.tuple(args, c, e);
            return apply(span, f, arg);
        }

        static Value apply(Span span, Value f, Value arg) {
            if (!(f instanceof FcnValue fv)) {
                throw new EvalException(span, "only a function can be applied to an argument, but this is the "
                        + f.kind() + " " + Values.brief(f));
            }
            Value r = fv.apply(arg);
            if (r == null && f instanceof TupleValue t && arg instanceof IntValue i) {
                throw new EvalException(span, "Attempted to access index " + i.value + " of tuple\n" + Values.brief(t)
                        + "\nwhich is out of bounds."); // TLC's words, which AssertError compares
            }
            if (r == null) {
                throw new EvalException(span, "function " + Values.brief(f) + " is applied to " + Values.brief(arg)
                        + ", which is not in its domain " + Values.brief(fv.domain()));
            }
            return r;
        }
    }

    /** {@code r.field}. */
    static final class Dot extends Node {
        final Node record;
        final StringValue field;

        Dot(Span s, Node record, String field) {
            super(s, record.level);
            this.record = record;
            this.field = StringValue.of(field);
        }

        @Override public Value eval(Ctx c, Env e) {
            Value r = record.eval(c, e);
            if (r instanceof RecordValue rv) {
                Value v = rv.field(field);
                if (v != null) return v;
                throw new EvalException(span, "the record " + Values.brief(r) + " has no field " + field.value);
            }
            return FcnApp.apply(span, r, field);
        }
    }

    static final class RecordCons extends Node {
        final String[] names;
        final Node[] values;
        /** The fields sorted once, not at every evaluation. */
        private final RecordValue.Layout layout;

        RecordCons(Span s, String[] names, Node[] values) {
            super(s, maxLevel(values));
            this.names = names;
            this.values = values;
            this.layout = RecordValue.Layout.of(names);
        }

        @Override public Value eval(Ctx c, Env e) {
            Value[] vs = new Value[values.length];
            for (int i = 0; i < vs.length; i++) vs[i] = values[i].eval(c, e);
            return layout.make(vs);
        }
    }

    static final class RecordSet extends Node {
        final String[] names;
        final Node[] sets;

        RecordSet(Span s, String[] names, Node[] sets) {
            super(s, maxLevel(sets));
            this.names = names;
            this.sets = sets;
        }

        @Override public Value eval(Ctx c, Env e) {
            SetValue[] ss = new SetValue[sets.length];
            for (int i = 0; i < ss.length; i++) ss[i] = Values.asSet(sets[i].span, "a set of records", sets[i].eval(c, e));
            return new LazySets.RecordSet(names, ss);
        }
    }

    static final class FcnSet extends Node {
        final Node dom;
        final Node range;

        FcnSet(Span s, Node dom, Node range) {
            super(s, Math.max(dom.level, range.level));
            this.dom = dom;
            this.range = range;
        }

        @Override public Value eval(Ctx c, Env e) {
            return new LazySets.FcnSet(Values.asSet(dom.span, "[S -> T]", dom.eval(c, e)),
                    Values.asSet(range.span, "[S -> T]", range.eval(c, e)));
        }
    }

    static final class Times extends Node {
        final Node[] sets;

        Times(Span s, Node[] sets) {
            super(s, maxLevel(sets));
            this.sets = sets;
        }

        @Override public Value eval(Ctx c, Env e) {
            SetValue[] ss = new SetValue[sets.length];
            for (int i = 0; i < ss.length; i++) ss[i] = Values.asSet(sets[i].span, "\\X", sets[i].eval(c, e));
            return new LazySets.ProductSet(ss);
        }
    }

    /**
     * {@code [f EXCEPT ![a].b = e, ...]}. Each path step is a node list (an index) or a field name;
     * {@code @} in a clause's value is slot 0 of a one-slot frame holding the old value.
     */
    static final class Except extends Node {
        final Node fcn;
        final Object[][] paths;
        final Node[] values;

        Except(Span s, Node fcn, Object[][] paths, Node[] values, int level) {
            super(s, level);
            this.fcn = fcn;
            this.paths = paths;
            this.values = values;
        }

        @Override public Value eval(Ctx c, Env e) {
            Value f = fcn.eval(c, e);
            for (int i = 0; i < paths.length; i++) {
                Value[] keys = new Value[paths[i].length];
                for (int j = 0; j < keys.length; j++) {
                    Object step = paths[i][j];
                    if (step instanceof String name) {
                        keys[j] = StringValue.of(name);
                    } else {
                        Node[] idx = (Node[]) step;
                        keys[j] = idx.length == 1 ? idx[0].eval(c, e) : Nodes.tuple(idx, c, e);
                    }
                }
                f = update(f, keys, 0, values[i], c, e);
            }
            return f;
        }

        private Value update(Value f, Value[] keys, int j, Node value, Ctx c, Env e) {
            if (!(f instanceof FcnValue fv)) {
                throw new EvalException(span, "EXCEPT expects a function or record, but was given the " + f.kind()
                        + " " + Values.brief(f));
            }
            if (fv instanceof TupleValue t && t.size() > 0 && !(keys[j] instanceof IntValue)) {
                throw new EvalException(span, "Attempted to access tuple at a non integral index: " + Values.brief(keys[j]));
            }
            Value old = fv.apply(keys[j]);
            if (old == null) return f; // TLC leaves the function unchanged outside its domain
            Value nv;
            if (j == keys.length - 1) {
                Env at = new Env(1, e);
                at.slots[0] = old;
                nv = value.eval(c, at);
            } else {
                nv = update(old, keys, j + 1, value, c, e);
            }
            return fv.except(keys[j], nv);
        }
    }

    /**
     * TLCExt's {@code AssertError(msg, e)}: TRUE exactly when evaluating e fails with the message
     * msg (FALSE when it fails otherwise or does not fail). e is evaluated only here.
     */
    static final class AssertError extends Node {
        final Node message;
        final Node expr;

        AssertError(Span s, Node message, Node expr) {
            super(s, Math.max(message.level, expr.level));
            this.message = message;
            this.expr = expr;
        }

        @Override public Value eval(Ctx c, Env e) {
            String expected = Values.asString(span, "AssertError", message.eval(c, e));
            try {
                expr.eval(c, e);
                return BoolValue.FALSE;
            } catch (EvalException | ValueException failed) {
                return BoolValue.of(expected.equals(failed.getMessage()));
            }
        }
    }

    /** A built-in operator applied to evaluated arguments. */
    static final class Builtin extends Node {
        final String name;
        final Builtins.Fn fn;
        final Node[] args;

        Builtin(Span s, String name, Builtins.Fn fn, Node[] args, int level) {
            super(s, level);
            this.name = name;
            this.fn = fn;
            this.args = args;
        }

        @Override public Value eval(Ctx c, Env e) {
            Value[] vs = new Value[args.length];
            for (int i = 0; i < args.length; i++) vs[i] = args[i].eval(c, e);
            try {
                return fn.apply(c, span, vs);
            } catch (ValueException ex) {
                throw new EvalException(span, ex.getMessage());
            }
        }
    }
}
