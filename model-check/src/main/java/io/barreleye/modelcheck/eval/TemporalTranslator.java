package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.temporal.Atom;
import io.barreleye.modelcheck.temporal.Ltl;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a compiled temporal formula into {@link Ltl} over atoms, as TLC's liveness checker
 * reads it: definitions (of this module or an instance) are expanded, bounded {@code \A}/{@code \E}
 * become conjunctions/disjunctions over the bound set, {@code P ~> Q} is {@code [](P => <>Q)},
 * {@code WF_v(A)} is {@code []<>~ENABLED <<A>>_v \/ []<><<A>>_v} and {@code SF_v(A)} is
 * {@code <>[]~ENABLED <<A>>_v \/ []<><<A>>_v}. State-level parts become state atoms, action-level
 * parts ({@code [A]_v}, {@code <<A>>_v}) action atoms evaluated on each step.
 */
final class TemporalTranslator {
    private final CompiledSpec spec;
    private final String property;

    TemporalTranslator(CompiledSpec spec, String property) {
        this.spec = spec;
        this.property = property;
    }

    Ltl translate(Node n, Env env) {
        if (n instanceof Compiler.Unbounded) {
            throw refuse(n, "TLC cannot handle a temporal formula with an unbounded quantifier, \\EE or \\AA");
        }
        if (n.level <= Node.STATE) {
            return new Ltl.Lit(new Atom(false, n.span.describe(), (s, t) -> spec.holds(n, env, s)), true);
        }
        if (n instanceof Nodes.DefCall dc && !dc.def.isFunction()) {
            return translate(dc.def.body, dc.args.length == 0 && dc.def.frameSize == 0 ? null : spec.bindArgs(dc, env));
        }
        if (n instanceof Nodes.Let let) return translate(let.body, let.frame(env));
        if (n instanceof Nodes.And a) {
            List<Ltl> parts = new ArrayList<>();
            for (Node i : a.items) parts.add(translate(i, env));
            return Ltl.and(parts);
        }
        if (n instanceof Nodes.Or o) {
            List<Ltl> parts = new ArrayList<>();
            for (Node i : o.items) parts.add(translate(i, env));
            return Ltl.or(parts);
        }
        if (n instanceof Nodes.Not not) return Ltl.not(translate(not.inner, env));
        if (n instanceof Nodes.Implies imp) return Ltl.implies(translate(imp.a, env), translate(imp.b, env));
        if (n instanceof Nodes.Equiv eq) {
            Ltl a = translate(eq.a, env);
            Ltl b = translate(eq.b, env);
            return new Ltl.Or(new Ltl.And(a, b), new Ltl.And(Ltl.not(a), Ltl.not(b)));
        }
        if (n instanceof Nodes.Quant q) {
            List<Ltl> parts = new ArrayList<>();
            for (Env frame : spec.expand(q.binder, env)) parts.add(translate(q.body, frame));
            return q.forall ? Ltl.and(parts) : Ltl.or(parts);
        }
        if (n instanceof Nodes.Temporal t) {
            switch (t.op) {
                case "[]":
                    return new Ltl.Always(translate(t.parts[0], env));
                case "<>":
                    return new Ltl.Eventually(translate(t.parts[0], env));
                case "~>":
                    return new Ltl.Always(Ltl.implies(translate(t.parts[0], env),
                            new Ltl.Eventually(translate(t.parts[1], env))));
                case "WF", "SF": {
                    CompiledSpec.Fair f = new CompiledSpec.Fair(t.op.equals("SF"), t.parts[1], t.parts[0], env, t.span);
                    Ltl enabled = new Ltl.Lit(new Atom(false, "ENABLED " + f.text(), (s, x) -> spec.enabled(f, s)), true);
                    Ltl taken = new Ltl.Lit(new Atom(true, f.text(), (s, x) -> spec.taken(f, s, x)), true);
                    Ltl notEnabled = Ltl.not(enabled);
                    Ltl left = f.strong() ? new Ltl.Eventually(new Ltl.Always(notEnabled))
                            : new Ltl.Always(new Ltl.Eventually(notEnabled));
                    return new Ltl.Or(left, new Ltl.Always(new Ltl.Eventually(taken)));
                }
                default:
                    throw refuse(n, "TLC does not check the operator " + t.op + " in a property");
            }
        }
        if (n.level == Node.ACTION) {
            return new Ltl.Lit(new Atom(true, n.span.describe(), (s, t) -> spec.holdsStep(n, env, s, t)), true);
        }
        throw new CompiledSpec.UnsupportedPropertyException(property, n.span);
    }

    private CompiledSpec.UnsupportedPropertyException refuse(Node n, String why) {
        return new CompiledSpec.UnsupportedPropertyException("the property " + property + " (" + n.span.describe()
                + "): " + why);
    }
}
