package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.value.BoolValue;
import io.barreleye.modelcheck.value.Value;

/**
 * A compiled expression. {@link #eval} gives its value; {@link #enumerate} treats it as an
 * action (or initial predicate) and calls the continuation once per way of satisfying it,
 * assigning primed variables as TLC does ({@code x' = e}, {@code x' \in S}).
 */
public abstract class Node {
    public static final int CONSTANT = 0;
    public static final int STATE = 1;
    public static final int ACTION = 2;
    public static final int TEMPORAL = 3;

    public final Span span;
    /** Constant, state, action or temporal level, computed at compile time. */
    public int level;
    /**
     * True when the node mentions an operator parameter: its level then depends on the argument
     * (an action may be passed), so it must go through {@link #enumerate} rather than be evaluated.
     */
    public boolean dyn;
    /**
     * For parts of the next-state relation: the names of the actions below this node, so that a
     * search for one action's steps (trace validation) can skip the rest. Null when not computed.
     */
    java.util.Set<String> topActions;
    private Label cachedLabel;

    protected Node(Span span, int level) {
        this.span = span;
        this.level = level;
    }

    public abstract Value eval(Ctx c, Env e);

    public void enumerate(Ctx c, Env e, Cont k) {
        if (evalBool(c, e)) k.run();
    }

    /**
     * Enumerates the node as a top-level part of the next-state relation, naming the action the
     * way TLC does: disjunctions, operator calls and existential quantifiers are looked through,
     * and the first other expression names the action after the definition it sits in.
     */
    public void enumerateTop(Ctx c, Env e, Cont k, String defName) {
        if (skips(c)) return;
        Label l = cachedLabel;
        if (l == null || !l.name().equals(defName) || !java.util.Objects.equals(l.args(), c.labelArgs)) {
            l = cachedLabel = c.rt.label(new Label(defName, span, c.labelArgs));
        }
        c.label = l;
        enumerate(c, e, k);
    }

    /** True when only one action's steps are wanted and none of them is below this node. */
    final boolean skips(Ctx c) {
        return c.onlyAction != null && topActions != null && !topActions.contains(c.onlyAction);
    }

    public boolean evalBool(Ctx c, Env e) {
        Value v = eval(c, e);
        if (v instanceof BoolValue b) return b.value;
        throw new EvalException(span, "expected a boolean but the value is the " + v.kind() + " " + Values.brief(v));
    }
}
