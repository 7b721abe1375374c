package io.barreleye.modelcheck.value;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets defined by a rule, so that membership ({@code x \in Seq(S)}, {@code f \in [D -> R]}) never
 * enumerates them; they are enumerated only when a quantifier or an assignment ranges over them.
 */
public final class LazySets {
    private LazySets() {}

    /** Enumerations larger than this are refused rather than exhausting memory. */
    static final long MAX_ENUMERATION = 50_000_000L;

    static void checkSize(double n, String what) {
        if (n > MAX_ENUMERATION) {
            throw new ValueException("the set " + what + " has about " + (long) n
                    + " elements, too many to enumerate");
        }
    }

    /** {@code Seq(S)}. */
    public static final class SeqSet extends SetValue {
        private final SetValue elem;

        public SeqSet(SetValue elem) {
            this.elem = elem;
        }

        @Override public boolean contains(Value v) {
            if (!(v instanceof TupleValue t)) {
                if (untypedModelValue(v)) return false;
                throw cannotTest(v, this);
            }
            for (Value e : t.elems()) {
                if (!elem.contains(e)) return false;
            }
            return true;
        }

        @Override public boolean isFinite() { return false; }

        @Override public SetEnumValue toEnum() { throw infinite("Seq(" + elem + ")"); }

        @Override public void print(StringBuilder sb) {
            sb.append("Seq(");
            elem.print(sb);
            sb.append(')');
        }
    }

    /** {@code [D -> R]}. */
    public static final class FcnSet extends SetValue {
        private final SetValue dom;
        private final SetValue range;
        private SetEnumValue enumerated;

        public FcnSet(SetValue dom, SetValue range) {
            this.dom = dom;
            this.range = range;
        }

        @Override public boolean contains(Value v) {
            if (!(v instanceof FcnValue f)) return false;
            Value[] d = f.domainArray();
            if (!dom.isFinite()) return false;
            SetEnumValue de = dom.toEnum();
            if (de.elems.length != d.length) return false;
            for (int i = 0; i < d.length; i++) {
                if (de.elems[i].compareTo(d[i]) != 0) return false;
            }
            for (Value x : f.valueArray()) {
                if (!range.contains(x)) return false;
            }
            return true;
        }

        @Override public boolean isFinite() { return dom.isFinite() && range.isFinite(); }

        @Override public SetEnumValue toEnum() {
            if (enumerated != null) return enumerated;
            Value[] d = dom.toEnum().elems;
            Value[] r = range.toEnum().elems;
            checkSize(Math.pow(r.length, d.length), "[" + dom + " -> " + range + "]");
            List<Value> out = new ArrayList<>();
            int[] idx = new int[d.length];
            if (d.length > 0 && r.length == 0) return enumerated = SetEnumValue.EMPTY;
            while (true) {
                Value[] vals = new Value[d.length];
                for (int i = 0; i < d.length; i++) vals[i] = r[idx[i]];
                out.add(FcnValue.of(d, vals));
                int k = d.length - 1;
                while (k >= 0 && ++idx[k] == r.length) idx[k--] = 0;
                if (k < 0) break;
            }
            return enumerated = SetEnumValue.of(out);
        }
    }

    /** {@code [a : S, b : T]}. */
    public static final class RecordSet extends SetValue {
        private final String[] names;
        private final SetValue[] sets;
        private SetEnumValue enumerated;

        public RecordSet(String[] names, SetValue[] sets) {
            this.names = names;
            this.sets = sets;
        }

        @Override public boolean contains(Value v) {
            if (!(v instanceof RecordValue r) || r.names.length != names.length) return false;
            for (int i = 0; i < names.length; i++) {
                Value f = r.field(names[i]);
                if (f == null || !sets[i].contains(f)) return false;
            }
            return true;
        }

        @Override public boolean isFinite() {
            for (SetValue s : sets) {
                if (!s.isFinite()) return false;
            }
            return true;
        }

        @Override public SetEnumValue toEnum() {
            if (enumerated != null) return enumerated;
            Value[][] es = new Value[sets.length][];
            double total = 1;
            for (int i = 0; i < sets.length; i++) {
                es[i] = sets[i].toEnum().elems;
                total *= es[i].length;
            }
            checkSize(total, "of records");
            List<Value> out = new ArrayList<>();
            for (Value[] combo : cartesian(es)) out.add(RecordValue.of(names, combo));
            return enumerated = SetEnumValue.of(out);
        }
    }

    /** {@code S1 \X S2 \X ...}. */
    public static final class ProductSet extends SetValue {
        private final SetValue[] sets;
        private SetEnumValue enumerated;

        public ProductSet(SetValue[] sets) {
            this.sets = sets;
        }

        @Override public boolean contains(Value v) {
            if (!(v instanceof TupleValue t) || t.elems().length != sets.length) return false;
            for (int i = 0; i < sets.length; i++) {
                if (!sets[i].contains(t.elems()[i])) return false;
            }
            return true;
        }

        @Override public boolean isFinite() {
            for (SetValue s : sets) {
                if (!s.isFinite()) return false;
            }
            return true;
        }

        @Override public SetEnumValue toEnum() {
            if (enumerated != null) return enumerated;
            Value[][] es = new Value[sets.length][];
            double total = 1;
            for (int i = 0; i < sets.length; i++) {
                es[i] = sets[i].toEnum().elems;
                total *= es[i].length;
            }
            checkSize(total, "cartesian product");
            List<Value> out = new ArrayList<>();
            for (Value[] combo : cartesian(es)) out.add(new TupleValue(combo));
            return enumerated = SetEnumValue.of(out);
        }
    }

    /** {@code SUBSET S}. */
    public static final class PowerSet extends SetValue {
        private final SetValue base;
        private SetEnumValue enumerated;

        public PowerSet(SetValue base) {
            this.base = base;
        }

        @Override public boolean contains(Value v) {
            if (!(v instanceof SetValue s)) {
                throw new ValueException("Attempted to check if the non-enumerable value\n" + v + "\nis element of\n" + this);
            }
            return s.subsetOf(base);
        }

        @Override public boolean isFinite() { return base.isFinite(); }

        @Override public SetEnumValue toEnum() {
            if (enumerated != null) return enumerated;
            Value[] b = base.toEnum().elems;
            if (b.length > 25) checkSize(Math.pow(2, b.length), "SUBSET " + base);
            Value[] out = new Value[1 << b.length];
            for (int mask = 0; mask < out.length; mask++) {
                Value[] sub = new Value[Integer.bitCount(mask)];
                int n = 0;
                for (int i = 0; i < b.length; i++) {
                    if ((mask & (1 << i)) != 0) sub[n++] = b[i];
                }
                out[mask] = SetEnumValue.ofSorted(sub);
            }
            return enumerated = SetEnumValue.of(out);
        }
    }

    /** Union, intersection or difference where an operand is infinite: membership only. */
    public static final class SetOp extends SetValue {
        private final char op;
        private final SetValue a;
        private final SetValue b;

        public SetOp(char op, SetValue a, SetValue b) {
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override public boolean contains(Value v) {
            return switch (op) {
                case '|' -> a.contains(v) || b.contains(v);
                case '&' -> a.contains(v) && b.contains(v);
                default -> a.contains(v) && !b.contains(v);
            };
        }

        @Override public boolean isFinite() {
            return switch (op) {
                case '|' -> a.isFinite() && b.isFinite();
                case '&' -> a.isFinite() || b.isFinite();
                default -> a.isFinite();
            };
        }

        @Override public SetEnumValue toEnum() {
            if (!isFinite()) throw infinite(toString());
            return switch (op) {
                case '|' -> a.toEnum().union(b.toEnum());
                case '&' -> a.isFinite() ? a.toEnum().filter(b::contains) : b.toEnum().filter(a::contains);
                default -> a.toEnum().filter(v -> !b.contains(v));
            };
        }

        @Override public void print(StringBuilder sb) {
            if (isFinite()) {
                super.print(sb);
                return;
            }
            if (op == '-') {
                // TLC prints a set difference by enumerating it (C026)
                throw new ValueException("Attempted to enumerate S \\ T when S:\n" + a + "\nis not enumerable.");
            }
            sb.append('(');
            a.print(sb);
            sb.append(op == '|' ? " \\cup " : op == '&' ? " \\cap " : " \\ ");
            b.print(sb);
            sb.append(')');
        }
    }

    /** {@code UNION S} where a member of S is infinite: membership only. */
    public static final class UnionSet extends SetValue {
        private final Value[] members;

        public UnionSet(Value[] members) {
            this.members = members;
        }

        @Override public boolean contains(Value v) {
            for (Value m : members) {
                if (((SetValue) m).contains(v)) return true;
            }
            return false;
        }

        @Override public boolean isFinite() { return false; }

        @Override public SetEnumValue toEnum() { throw infinite(toString()); }

        @Override public void print(StringBuilder sb) {
            sb.append("UNION {");
            for (int i = 0; i < members.length; i++) {
                if (i > 0) sb.append(", ");
                members[i].print(sb);
            }
            sb.append('}');
        }
    }

    /** TLC's {@code Any}: every value is in it. */
    public static final class AnySet extends SetValue {
        public static final AnySet ANY = new AnySet();

        private AnySet() {}

        @Override public boolean contains(Value v) { return true; }

        @Override public boolean isFinite() { return false; }

        @Override public SetEnumValue toEnum() { throw infinite("ANY"); }

        @Override public void print(StringBuilder sb) { sb.append("ANY"); }
    }

    /** All combinations, first component varying slowest. */
    static List<Value[]> cartesian(Value[][] es) {
        List<Value[]> out = new ArrayList<>();
        for (Value[] e : es) {
            if (e.length == 0) return out;
        }
        int[] idx = new int[es.length];
        while (true) {
            Value[] combo = new Value[es.length];
            for (int i = 0; i < es.length; i++) combo[i] = es[i][idx[i]];
            out.add(combo);
            int k = es.length - 1;
            while (k >= 0 && ++idx[k] == es[k].length) idx[k--] = 0;
            if (k < 0) break;
        }
        return out;
    }
}
