package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;

/**
 * The bounds of a quantifier, CHOOSE, set comprehension or function constructor:
 * {@code x, y \in S, <<a, b>> \in T}. Bound names occupy consecutive slots of one frame; the
 * sets are evaluated in the enclosing scope, as TLA+ requires.
 */
public final class Binder {
    /** One group: {@code names} in consecutive slots from {@code first}, ranging over {@code set}, jointly when {@code tuple}. */
    public record Group(int first, java.util.List<String> names, boolean tuple, Node set) {
        public int count() {
            return names.size();
        }
    }

    public final Group[] groups;
    public final int size;
    public final Span span;

    public Binder(Group[] groups, Span span) {
        this.groups = groups;
        int n = 0;
        for (Group g : groups) n += g.count();
        this.size = n;
        this.span = span;
    }

    @FunctionalInterface
    public interface Visitor {
        /** Returns false to stop the iteration. */
        boolean visit();
    }

    /** Evaluates every set once, in the outer scope, without enumerating it. */
    io.barreleye.modelcheck.value.SetValue[] ranges(Ctx c, Env outer) {
        io.barreleye.modelcheck.value.SetValue[] sets = new io.barreleye.modelcheck.value.SetValue[groups.length];
        for (int i = 0; i < groups.length; i++) {
            sets[i] = Values.asSet(groups[i].set().span, "a bound variable's range", groups[i].set().eval(c, outer));
        }
        return sets;
    }

    /**
     * The bounds as TLC's {@code FcnParams.toString} prints them, with the ranges evaluated:
     * {@code x \in Nat, <<a, b>> \in S}. Like TLC, a group of several names ({@code x, y \in S})
     * prints only its first name.
     */
    void print(io.barreleye.modelcheck.value.SetValue[] ranges, StringBuilder sb) {
        for (int i = 0; i < groups.length; i++) {
            if (i > 0) sb.append(", ");
            Group g = groups[i];
            sb.append(g.tuple() ? "<<" + String.join(", ", g.names()) + ">>" : g.names().get(0)).append(" \\in ");
            ranges[i].print(sb);
        }
    }

    /** True when a range is infinite: the construct can then only be a set or function that answers membership or application. */
    static boolean anyInfinite(io.barreleye.modelcheck.value.SetValue[] ranges) {
        for (io.barreleye.modelcheck.value.SetValue s : ranges) {
            if (!s.isFinite()) return true;
        }
        return false;
    }

    /** Binds every combination in turn (first bound varying slowest); false when stopped early. */
    boolean forEach(Ctx c, Env outer, Env frame, Visitor v) {
        return forEachIn(ranges(c, outer), frame, v);
    }

    /** Visits one element of a range (see {@link #forEachElement}). */
    interface ElementVisitor {
        /** Returns false to stop the iteration. */
        boolean visit(Value x);
    }

    /**
     * Each element of the range of group {@code g}, a single name's, in the enumeration's order;
     * false when stopped early. {@code x \in lo..hi} gives the integers in ascending order
     * without building the enumeration ({@code \E o \in 1..opCount} over thousands of operations).
     */
    boolean forEachElement(int g, io.barreleye.modelcheck.value.SetValue range, ElementVisitor v) {
        if (range instanceof io.barreleye.modelcheck.value.IntervalValue r) {
            for (long i = r.lo; i <= r.hi; i++) { // long: hi may be the largest int
                if (!v.visit(io.barreleye.modelcheck.value.IntValue.of((int) i))) return false;
            }
            return true;
        }
        for (Value x : Values.asEnum(groups[g].set().span, "a bound variable's range", range).elems) {
            if (!v.visit(x)) return false;
        }
        return true;
    }

    /** Binds each element to its slot and visits the frame: {@link #forEachIn}'s walk of one interval. */
    private static final class Binding implements ElementVisitor {
        private final Env frame;
        private final int slot;
        private final Visitor v;

        Binding(Env frame, int slot, Visitor v) {
            this.frame = frame;
            this.slot = slot;
            this.v = v;
        }

        @Override public boolean visit(Value x) {
            frame.slots[slot] = x;
            return v.visit();
        }
    }

    /** {@link #forEach} over ranges already evaluated by {@link #ranges}. */
    boolean forEachIn(io.barreleye.modelcheck.value.SetValue[] ranges, Env frame, Visitor v) {
        if (groups.length == 1 && !groups[0].tuple() && groups[0].count() == 1
                && ranges[0] instanceof io.barreleye.modelcheck.value.IntervalValue) {
            return forEachElement(0, ranges[0], new Binding(frame, groups[0].first(), v));
        }
        Value[][] sets = new Value[ranges.length][];
        for (int i = 0; i < ranges.length; i++) sets[i] = Values.asEnum(groups[i].set().span, "a bound variable's range", ranges[i]).elems;
        return iterate(sets, 0, 0, frame, v);
    }

    /** {@link #forEach} with each set in TLC's order, which decides what CHOOSE picks ({@code CHOOSE s \in {"z", "y"} : TRUE} is "z" when "z" was met first). */
    boolean forEachInTlcOrder(Ctx c, Env outer, Env frame, Visitor v) {
        io.barreleye.modelcheck.value.SetValue[] ranges = ranges(c, outer);
        Value[][] sets = new Value[ranges.length][];
        for (int i = 0; i < ranges.length; i++) {
            sets[i] = io.barreleye.modelcheck.value.TlcOrder.sorted(
                    Values.asEnum(groups[i].set().span, "a bound variable's range", ranges[i]).elems);
        }
        return iterate(sets, 0, 0, frame, v);
    }

    private boolean iterate(Value[][] sets, int g, int name, Env frame, Visitor v) {
        if (g == groups.length) return v.visit();
        Group grp = groups[g];
        int nextG = grp.tuple() || name + 1 == grp.count() ? g + 1 : g;
        int nextName = nextG == g ? name + 1 : 0;
        for (Value x : sets[g]) {
            if (grp.tuple()) {
                if (!(x instanceof TupleValue t) || t.elems().length != grp.count()) {
                    throw new EvalException(grp.set().span, "a tuple pattern of " + grp.count()
                            + " names ranges over a set containing " + Values.brief(x));
                }
                System.arraycopy(t.elems(), 0, frame.slots, grp.first(), grp.count());
            } else {
                frame.slots[grp.first() + name] = x;
            }
            if (!iterate(sets, nextG, nextName, frame, v)) return false;
        }
        return true;
    }

    /** The key of a function point: the single value, or the tuple of all bound values. */
    Value key(Env frame) {
        if (size == 1) return (Value) frame.slots[0];
        Value[] vs = new Value[size];
        for (int i = 0; i < size; i++) vs[i] = (Value) frame.slots[i];
        return TupleValue.of(vs);
    }

    /** Binds the frame from a function argument; false if it does not fit the bounds' shape. */
    boolean bindKey(Value key, Env frame) {
        if (size == 1 && !groups[0].tuple()) {
            frame.slots[0] = key;
            return true;
        }
        if (!(key instanceof TupleValue t) || t.elems().length != size) return false;
        System.arraycopy(t.elems(), 0, frame.slots, 0, size);
        return true;
    }

    /** True when the bound values in the frame lie in their sets. */
    boolean inDomain(Ctx c, Env outer, Env frame) {
        for (Group g : groups) {
            io.barreleye.modelcheck.value.SetValue s =
                    Values.asSet(g.set().span, "a function's domain", g.set().eval(c, outer));
            if (g.tuple()) {
                Value[] vs = new Value[g.count()];
                for (int i = 0; i < g.count(); i++) vs[i] = (Value) frame.slots[g.first() + i];
                if (!s.contains(TupleValue.of(vs))) return false;
            } else {
                for (int i = 0; i < g.count(); i++) {
                    if (!s.contains((Value) frame.slots[g.first() + i])) return false;
                }
            }
        }
        return true;
    }
}
