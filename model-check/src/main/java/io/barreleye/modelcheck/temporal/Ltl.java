package io.barreleye.modelcheck.temporal;

import java.util.List;

/**
 * A temporal formula in negation normal form over atoms: state predicates (evaluated on a state)
 * and action predicates (evaluated on a step). TLA has no next-time operator, so {@code []},
 * {@code <>}, {@code /\}, {@code \/} and negated atoms are all a property needs once
 * {@code ~>}, {@code =>}, {@code <=>}, WF and SF are rewritten (see {@link #not}).
 */
public sealed interface Ltl {
    /** An atom, or its negation when {@code positive} is false. */
    record Lit(Atom atom, boolean positive) implements Ltl {}

    record And(Ltl a, Ltl b) implements Ltl {}

    record Or(Ltl a, Ltl b) implements Ltl {}

    record Always(Ltl f) implements Ltl {}

    record Eventually(Ltl f) implements Ltl {}

    /** TRUE or FALSE. */
    record Const(boolean value) implements Ltl {}

    Const TRUE = new Const(true);
    Const FALSE = new Const(false);

    /** The negation, pushed down to the atoms. */
    static Ltl not(Ltl f) {
        if (f instanceof Lit l) return new Lit(l.atom(), !l.positive());
        if (f instanceof And a) return new Or(not(a.a()), not(a.b()));
        if (f instanceof Or o) return new And(not(o.a()), not(o.b()));
        if (f instanceof Always al) return new Eventually(not(al.f()));
        if (f instanceof Eventually ev) return new Always(not(ev.f()));
        return ((Const) f).value() ? FALSE : TRUE;
    }

    static Ltl and(List<Ltl> parts) {
        Ltl r = TRUE;
        for (Ltl p : parts) r = r == TRUE ? p : new And(r, p);
        return r;
    }

    static Ltl or(List<Ltl> parts) {
        Ltl r = FALSE;
        for (Ltl p : parts) r = r == FALSE ? p : new Or(r, p);
        return r;
    }

    static Ltl implies(Ltl a, Ltl b) {
        return new Or(not(a), b);
    }
}
