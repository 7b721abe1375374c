package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.value.BoolValue;
import io.barreleye.modelcheck.value.Copies;
import io.barreleye.modelcheck.value.FcnValue;
import io.barreleye.modelcheck.value.InfiniteSet;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.IntervalValue;
import io.barreleye.modelcheck.value.LazySets;
import io.barreleye.modelcheck.value.ModelValue;
import io.barreleye.modelcheck.value.Pretty;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.SetValue;
import io.barreleye.modelcheck.value.StringValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operators of the standard modules (Naturals, Integers, Sequences, FiniteSets, Bags, TLC),
 * implemented in Java as TLC implements them. Each belongs to a module and is visible only where
 * that module is extended.
 */
public final class Builtins {
    @FunctionalInterface
    public interface Fn {
        Value apply(Ctx c, Span at, Value[] args);
    }

    /** A built-in operator; {@code stateful} ones (Print, TLCGet, ...) are never cached. */
    public record Entry(String module, String name, int arity, Fn fn, boolean stateful) {}

    /** Modules whose operators are built in; EXTENDS of these never reads a file. */
    public static final Set<String> STANDARD_MODULES =
            Set.of("Naturals", "Integers", "Sequences", "FiniteSets", "Bags", "TLC", "TLCExt", "Json");

    private static final Map<String, Entry> ENTRIES = new HashMap<>();

    /**
     * Which standard modules each standard module exports with it. Only Integers EXTENDS Naturals;
     * Sequences, FiniteSets, Bags, TLC and TLCExt use the others through LOCAL INSTANCE, so in SANY
     * {@code EXTENDS Sequences} alone does not make {@code ..} or {@code +} visible.
     */
    static final Map<String, List<String>> EXTENDS = Map.of(
            "Integers", List.of("Naturals"));

    private static void def(String module, String name, int arity, Fn fn) {
        ENTRIES.put(name, new Entry(module, name, arity, fn, false));
    }

    private static void stateful(String module, String name, int arity, Fn fn) {
        ENTRIES.put(name, new Entry(module, name, arity, fn, true));
    }

    public static Entry lookup(String name) {
        return ENTRIES.get(name);
    }

    private Builtins() {}

    static int i(Span at, String op, Value v) {
        return Values.asInt(at, op, v);
    }

    static {
        // ---- Naturals and Integers
        def("Naturals", "Nat", 0, (c, at, a) -> InfiniteSet.NAT);
        def("Integers", "Int", 0, (c, at, a) -> InfiniteSet.INT);
        def("Naturals", "+", 2, (c, at, a) -> {
            long x = i(at, "+", a[0]), y = i(at, "+", a[1]);
            return Values.checked(at, x + y, x, "+", y);
        });
        def("Naturals", "-", 2, (c, at, a) -> {
            long x = i(at, "-", a[0]), y = i(at, "-", a[1]);
            return Values.checked(at, x - y, x, "-", y);
        });
        def("Naturals", "*", 2, (c, at, a) -> {
            long x = i(at, "*", a[0]), y = i(at, "*", a[1]);
            return Values.checked(at, x * y, x, "*", y);
        });
        def("Naturals", "^", 2, (c, at, a) -> {
            long x = i(at, "^", a[0]), y = i(at, "^", a[1]);
            if (y < 0) throw new EvalException(at, "the exponent of ^ must not be negative, but is " + y);
            if (x == 0 && y == 0) throw new EvalException(at, "0^0 is undefined");
            long r = 1;
            for (long k = 0; k < y; k++) {
                r *= x;
                if (r > Integer.MAX_VALUE || r < Integer.MIN_VALUE) Values.checked(at, r, x, "^", y);
            }
            return Values.checked(at, r, x, "^", y);
        });
        def("Naturals", "\\div", 2, (c, at, a) -> {
            int x = i(at, "\\div", a[0]), y = i(at, "\\div", a[1]);
            if (y == 0) throw new EvalException(at, "division by zero in " + x + " \\div 0");
            return Values.checked(at, Math.floorDiv((long) x, (long) y), x, " \\div ", y);
        });
        def("Naturals", "%", 2, (c, at, a) -> {
            int x = i(at, "%", a[0]), y = i(at, "%", a[1]);
            if (y <= 0) throw new EvalException(at, "the divisor of % must be positive, but is " + y);
            return IntValue.of(Math.floorMod(x, y));
        });
        def("Naturals", "<", 2, (c, at, a) -> BoolValue.of(i(at, "<", a[0]) < i(at, "<", a[1])));
        def("Naturals", ">", 2, (c, at, a) -> BoolValue.of(i(at, ">", a[0]) > i(at, ">", a[1])));
        def("Naturals", "<=", 2, (c, at, a) -> BoolValue.of(i(at, "<=", a[0]) <= i(at, "<=", a[1])));
        def("Naturals", ">=", 2, (c, at, a) -> BoolValue.of(i(at, ">=", a[0]) >= i(at, ">=", a[1])));
        def("Naturals", "..", 2, (c, at, a) -> new IntervalValue(i(at, "..", a[0]), i(at, "..", a[1])));
        def("Integers", "-.", 1, (c, at, a) -> {
            long x = i(at, "-", a[0]);
            return Values.checked(at, -x, 0, "-", x);
        });
        ENTRIES.put("=<", ENTRIES.get("<="));

        // ---- Sequences
        def("Sequences", "Seq", 1, (c, at, a) -> new LazySets.SeqSet(Values.asSet(at, "Seq", a[0])));
        // A string is a sequence for Len, Tail, SubSeq and \o (TLC's overrides accept it), not for Head or Append.
        def("Sequences", "Len", 1, (c, at, a) -> a[0] instanceof StringValue str
                ? IntValue.of(str.value.length()) : IntValue.of(Values.asSeq(at, "Len", a[0]).size()));
        def("Sequences", "\\o", 2, (c, at, a) -> {
            if (a[0] instanceof StringValue x) {
                if (!(a[1] instanceof StringValue y)) {
                    throw new EvalException(at, "Evaluating an expression of the form t \\o s when s is not a string:\n" + Values.brief(a[1]));
                }
                return StringValue.of(x.value + y.value);
            }
            Value[] x = Values.asSeq(at, "\\o", a[0]).elems(), y = Values.asSeq(at, "\\o", a[1]).elems();
            Value[] r = Copies.of(x, x.length + y.length);
            System.arraycopy(y, 0, r, x.length, y.length);
            return TupleValue.of(r);
        });
        def("Sequences", "Append", 2, (c, at, a) -> Values.asSeq(at, "Append", a[0]).append(a[1]));
        def("Sequences", "Head", 1, (c, at, a) -> {
            Value[] x = Values.asSeq(at, "Head", a[0]).elems();
            if (x.length == 0) throw new EvalException(at, "Head of the empty sequence");
            return x[0];
        });
        def("Sequences", "Tail", 1, (c, at, a) -> {
            if (a[0] instanceof StringValue str) {
                if (str.value.isEmpty()) throw new EvalException(at, "Tail of the empty string");
                return StringValue.of(str.value.substring(1));
            }
            Value[] x = Values.asSeq(at, "Tail", a[0]).elems();
            if (x.length == 0) throw new EvalException(at, "Tail of the empty sequence");
            return TupleValue.of(Copies.range(x, 1, x.length));
        });
        def("Sequences", "SubSeq", 3, (c, at, a) -> {
            int m = i(at, "SubSeq", a[1]), n = i(at, "SubSeq", a[2]);
            String str = a[0] instanceof StringValue sv ? sv.value : null;
            int len = str != null ? str.length() : Values.asSeq(at, "SubSeq", a[0]).size();
            if (m > n) return str != null ? StringValue.of("") : TupleValue.EMPTY;
            if (m < 1 || n > len) {
                throw new EvalException(at, "SubSeq(s, " + m + ", " + n + ") on a sequence of length " + len);
            }
            if (str != null) return StringValue.of(str.substring(m - 1, n));
            return TupleValue.of(Arrays.copyOfRange(((TupleValue) a[0]).elems(), m - 1, n));
        });
        def("Sequences", "SelectSeq", 2, (c, at, a) -> {
            Value[] x = Values.asSeq(at, "SelectSeq", a[0]).elems();
            Closure test = closure(at, "SelectSeq", a[1], 1);
            List<Value> out = new ArrayList<>();
            for (Value v : x) {
                if (Values.asBool(at, "SelectSeq's test", test.call(c, new Object[] {v}, at))) out.add(v);
            }
            return TupleValue.of(out.toArray(new Value[0]));
        });

        // ---- FiniteSets
        def("FiniteSets", "IsFiniteSet", 1, (c, at, a) -> BoolValue.of(Values.asSet(at, "IsFiniteSet", a[0]).isFinite()));
        def("FiniteSets", "Cardinality", 1, (c, at, a) -> IntValue.of(Values.asEnum(at, "Cardinality", a[0]).size()));

        // ---- Bags: a bag is a function from elements to positive counts
        def("Bags", "EmptyBag", 0, (c, at, a) -> TupleValue.EMPTY);
        def("Bags", "IsABag", 1, (c, at, a) -> {
            if (!(a[0] instanceof FcnValue f)) return BoolValue.FALSE;
            for (Value v : f.valueArray()) {
                if (!(v instanceof IntValue n) || n.value <= 0) return BoolValue.FALSE;
            }
            return BoolValue.TRUE;
        });
        def("Bags", "BagToSet", 1, (c, at, a) -> Values.asFcn(at, "BagToSet", a[0]).domain().toEnum());
        def("Bags", "SetToBag", 1, (c, at, a) -> {
            Value[] d = Values.asEnum(at, "SetToBag", a[0]).elems;
            Value[] ones = new Value[d.length];
            Arrays.fill(ones, IntValue.of(1));
            return FcnValue.of(d, ones);
        });
        def("Bags", "BagIn", 2, (c, at, a) -> BoolValue.of(Values.asFcn(at, "BagIn", a[1]).apply(a[0]) != null));
        def("Bags", "CopiesIn", 2, (c, at, a) -> {
            Value n = Values.asFcn(at, "CopiesIn", a[1]).apply(a[0]);
            return n == null ? IntValue.of(0) : n;
        });
        def("Bags", "(+)", 2, (c, at, a) -> bagCombine(at, a[0], a[1], 1));
        def("Bags", "(-)", 2, (c, at, a) -> bagCombine(at, a[0], a[1], -1));
        def("Bags", "BagCardinality", 1, (c, at, a) -> {
            long n = 0;
            for (Value v : Values.asFcn(at, "BagCardinality", a[0]).valueArray()) n += i(at, "BagCardinality", v);
            return Values.checked(at, n, n, "", 0);
        });
        def("Bags", "\\sqsubseteq", 2, (c, at, a) -> {
            FcnValue x = Values.asFcn(at, "\\sqsubseteq", a[0]), y = Values.asFcn(at, "\\sqsubseteq", a[1]);
            Value[] d = x.domainArray();
            for (int k = 0; k < d.length; k++) {
                Value m = y.apply(d[k]);
                if (m == null || i(at, "\\sqsubseteq", x.valueArray()[k]) > i(at, "\\sqsubseteq", m)) return BoolValue.FALSE;
            }
            return BoolValue.TRUE;
        });
        def("Bags", "BagUnion", 1, (c, at, a) -> {
            Value r = TupleValue.EMPTY;
            for (Value b : Values.asEnum(at, "BagUnion", a[0]).elems) r = bagCombine(at, r, b, 1);
            return r;
        });
        def("Bags", "SubBag", 1, (c, at, a) -> {
            FcnValue b = Values.asFcn(at, "SubBag", a[0]);
            Value[] d = b.domainArray();
            List<Value> out = new ArrayList<>();
            int[] cnt = new int[d.length];
            while (true) {
                List<Value> keys = new ArrayList<>();
                List<Value> vals = new ArrayList<>();
                for (int k = 0; k < d.length; k++) {
                    if (cnt[k] > 0) {
                        keys.add(d[k]);
                        vals.add(IntValue.of(cnt[k]));
                    }
                }
                out.add(Nodes.fcnOf(keys, vals));
                int k = d.length - 1;
                while (k >= 0 && ++cnt[k] > i(at, "SubBag", b.valueArray()[k])) cnt[k--] = 0;
                if (k < 0) break;
            }
            return SetEnumValue.of(out);
        });
        def("Bags", "BagOfAll", 2, (c, at, a) -> {
            Closure f = closure(at, "BagOfAll", a[0], 1);
            FcnValue b = Values.asFcn(at, "BagOfAll", a[1]);
            Value r = TupleValue.EMPTY;
            Value[] d = b.domainArray();
            for (int k = 0; k < d.length; k++) {
                Value img = f.call(c, new Object[] {d[k]}, at);
                r = bagCombine(at, r, FcnValue.of(new Value[] {img}, new Value[] {b.valueArray()[k]}), 1);
            }
            return r;
        });

        // ---- TLC
        def("TLC", ":>", 2, (c, at, a) -> FcnValue.of(new Value[] {a[0]}, new Value[] {a[1]}));
        def("TLC", "@@", 2, (c, at, a) -> {
            FcnValue f = Values.asFcn(at, "@@", a[0]), g = Values.asFcn(at, "@@", a[1]);
            List<Value> keys = new ArrayList<>(Arrays.asList(f.domainArray()));
            List<Value> vals = new ArrayList<>(Arrays.asList(f.valueArray()));
            Value[] gd = g.domainArray();
            for (int k = 0; k < gd.length; k++) {
                if (f.apply(gd[k]) == null) {
                    keys.add(gd[k]);
                    vals.add(g.valueArray()[k]);
                }
            }
            return Nodes.fcnOf(keys, vals);
        });
        stateful("TLC", "Print", 2, (c, at, a) -> {
            c.rt.out.println(Pretty.print(a[0]) + "  " + Pretty.print(a[1]));
            return a[1];
        });
        stateful("TLC", "PrintT", 1, (c, at, a) -> {
            c.rt.out.println(Pretty.print(a[0]));
            return BoolValue.TRUE;
        });
        def("TLC", "Assert", 2, (c, at, a) -> {
            if (Values.asBool(at, "Assert", a[0])) return BoolValue.TRUE;
            throw new EvalException(at, "The first argument of Assert evaluated to FALSE; the second argument was: " + a[1], 14);
        });
        stateful("TLC", "JavaTime", 0, (c, at, a) -> IntValue.of((int) (System.currentTimeMillis() / 1000)));
        stateful("TLC", "TLCGet", 1, (c, at, a) -> {
            if (a[0] instanceof StringValue s && s.value.equals("level")) return IntValue.of(c.level);
            if (a[0] instanceof StringValue s && c.rt.stats.containsKey(s.value)) {
                return IntValue.of((int) Math.min(Integer.MAX_VALUE, c.rt.stats.get(s.value)));
            }
            throw new EvalException(at, "TLCGet(" + a[0] + ") is not supported here; TLCGet(\"level\") is, and after"
                    + " the search (in a POSTCONDITION) \"distinct\", \"generated\", \"diameter\" and \"queue\"");
        });
        stateful("TLC", "TLCSet", 2, (c, at, a) -> BoolValue.TRUE);
        def("TLC", "Permutations", 1, (c, at, a) -> {
            Value[] s = Values.asEnum(at, "Permutations", a[0]).elems;
            List<Value> out = new ArrayList<>();
            permute(s, 0, out);
            return SetEnumValue.of(out);
        });
        def("TLC", "SortSeq", 2, (c, at, a) -> {
            Value[] s = Values.asSeq(at, "SortSeq", a[0]).elems().clone();
            Closure lt = closure(at, "SortSeq", a[1], 2);
            // insertion sort: the order is user-defined and may not be a total order
            for (int k = 1; k < s.length; k++) {
                Value x = s[k];
                int j = k - 1;
                while (j >= 0 && Values.asBool(at, "SortSeq's order", lt.call(c, new Object[] {x, s[j]}, at))) {
                    s[j + 1] = s[j];
                    j--;
                }
                s[j + 1] = x;
            }
            return TupleValue.of(s);
        });
        def("TLC", "ToString", 1, (c, at, a) -> StringValue.of(a[0].toString()));
        stateful("TLC", "RandomElement", 1, (c, at, a) -> {
            Value[] s = Values.asEnum(at, "RandomElement", a[0]).elems;
            if (s.length == 0) throw new EvalException(at, "RandomElement of the empty set");
            return s[java.util.concurrent.ThreadLocalRandom.current().nextInt(s.length)];
        });
        def("TLC", "Any", 0, (c, at, a) -> LazySets.AnySet.ANY);
        def("TLC", "TLCEval", 1, (c, at, a) -> a[0]);

        // ---- TLCExt (AssertError is compiled apart: its expression is evaluated only inside it)
        stateful("TLCExt", "AssertEq", 2, (c, at, a) -> {
            if (Values.eq(at, a[0], a[1])) return BoolValue.TRUE;
            c.rt.out.println(Pretty.print(StringValue.of("Assertion failed")));
            c.rt.out.println(Pretty.print(a[0]));
            c.rt.out.println(Pretty.print(a[1]));
            return BoolValue.FALSE;
        });
        // declared here so that scope checking knows the name; the compiler builds its node
        // (DataNodes.AssertError) before it looks up built-ins, so this body never runs
        def("TLCExt", "AssertError", 2, (c, at, a) -> {
            throw new IllegalStateException("AssertError is compiled by Compiler.apply, not called as a built-in");
        });
        def("TLCExt", "TLCModelValue", 1, (c, at, a) -> ModelValue.of(Values.asString(at, "TLCModelValue", a[0])));
        def("TLCExt", "TLCNoOp", 1, (c, at, a) -> a[0]);
        def("TLCExt", "TLCCache", 2, (c, at, a) -> a[0]);
        stateful("TLCExt", "TLCGetOrDefault", 2, (c, at, a) -> {
            if (a[0] instanceof StringValue s && s.value.equals("level")) return IntValue.of(c.level);
            if (a[0] instanceof StringValue s && c.rt.stats.containsKey(s.value)) {
                return IntValue.of((int) Math.min(Integer.MAX_VALUE, c.rt.stats.get(s.value)));
            }
            return a[1];
        });
        stateful("TLCExt", "Trace", 0, (c, at, a) -> TraceOperator.eval(c, at));

        // ---- Json (ToJson and its two restrictions; JsonSerialize/JsonDeserialize, which use files, are not provided)
        def("Json", "ToJson", 1, (c, at, a) -> StringValue.of(JsonText.of(a[0])));
        def("Json", "ToJsonArray", 1, (c, at, a) -> StringValue.of(JsonText.of(Values.asSeq(at, "ToJsonArray", a[0]))));
        def("Json", "ToJsonObject", 1, (c, at, a) -> {
            if (!(a[0] instanceof io.barreleye.modelcheck.value.RecordValue) && !(a[0] instanceof FcnValue f && f.size() == 0)) {
                throw Values.wrong(at, "ToJsonObject", "a record", a[0]);
            }
            return StringValue.of(JsonText.of(a[0]));
        });
    }

    static Closure closure(Span at, String op, Value v, int arity) {
        if (v instanceof Closure cl && cl.arity() == arity) return cl;
        throw new EvalException(at, op + " expects an operator of " + arity + " argument(s), but was given " + Values.brief(v));
    }

    private static void permute(Value[] s, int k, List<Value> out) {
        List<Value[]> perms = new ArrayList<>();
        permutations(s.clone(), 0, perms);
        for (Value[] p : perms) out.add(FcnValue.of(s.clone(), p));
    }

    private static void permutations(Value[] a, int k, List<Value[]> out) {
        if (k == a.length) {
            out.add(a.clone());
            return;
        }
        for (int i = k; i < a.length; i++) {
            Value t = a[k];
            a[k] = a[i];
            a[i] = t;
            permutations(a, k + 1, out);
            a[i] = a[k];
            a[k] = t;
        }
    }

    private static Value bagCombine(Span at, Value x, Value y, int sign) {
        FcnValue a = Values.asFcn(at, "a bag operator", x), b = Values.asFcn(at, "a bag operator", y);
        List<Value> keys = new ArrayList<>();
        List<Value> vals = new ArrayList<>();
        Value[] ad = a.domainArray();
        for (int k = 0; k < ad.length; k++) {
            Value m = b.apply(ad[k]);
            int n = i(at, "bag", a.valueArray()[k]) + sign * (m == null ? 0 : i(at, "bag", m));
            if (n > 0) {
                keys.add(ad[k]);
                vals.add(IntValue.of(n));
            }
        }
        if (sign > 0) {
            Value[] bd = b.domainArray();
            for (int k = 0; k < bd.length; k++) {
                if (a.apply(bd[k]) == null) {
                    keys.add(bd[k]);
                    vals.add(b.valueArray()[k]);
                }
            }
        }
        return Nodes.fcnOf(keys, vals);
    }

    /**
     * {@code UNION S}: enumerated when every member of S is finite, else a set that answers
     * membership by asking each member, as TLC does ({@code f \in UNION {[D -> Int]}}).
     */
    static Value union(Span at, Value s) {
        Value[] members = Values.asEnum(at, "UNION", s).elems;
        boolean finite = true;
        for (Value m : members) finite &= Values.asSet(at, "UNION", m).isFinite();
        if (!finite) return new LazySets.UnionSet(members);
        SetEnumValue r = SetEnumValue.EMPTY;
        for (Value m : members) r = r.union(Values.asEnum(at, "UNION", m));
        return r;
    }

    /** Set operators of the core language, available without EXTENDS. */
    static Value setOp(Span at, String op, Value x, Value y) {
        SetValue a = Values.asSet(at, op, x), b = Values.asSet(at, op, y);
        char kind = op.equals("\\cup") ? '|' : op.equals("\\cap") ? '&' : '-';
        if (!a.isFinite() || !b.isFinite()) return new LazySets.SetOp(kind, a, b);
        SetEnumValue ea = a.toEnum(), eb = b.toEnum();
        return switch (kind) {
            case '|' -> ea.union(eb);
            case '&' -> ea.filter(eb::contains);
            default -> ea.minus(eb);
        };
    }
}
