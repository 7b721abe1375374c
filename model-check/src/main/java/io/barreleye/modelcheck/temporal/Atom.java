package io.barreleye.modelcheck.temporal;

import io.barreleye.modelcheck.value.Value;

/**
 * An atomic part of a temporal formula. A state atom depends on one state; an action atom on a
 * step from {@code s} to {@code t} (the step may be a stutter, {@code s == t}). Atoms are
 * compared by identity: the translator creates one per occurrence.
 */
public final class Atom {
    /** Evaluates the atom; {@code t} is ignored by state atoms. */
    @FunctionalInterface
    public interface Eval {
        boolean test(Value[] s, Value[] t);
    }

    public final boolean action;
    public final String text;
    private final Eval eval;

    public Atom(boolean action, String text, Eval eval) {
        this.action = action;
        this.text = text;
        this.eval = eval;
    }

    public boolean test(Value[] s, Value[] t) {
        return eval.test(s, t);
    }

    @Override
    public String toString() {
        return (action ? "action " : "state ") + text;
    }
}
