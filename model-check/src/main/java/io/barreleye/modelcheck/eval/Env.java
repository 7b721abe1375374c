package io.barreleye.modelcheck.eval;

/**
 * A frame of bound names: operator parameters, quantifier variables, LET definitions. Names are
 * resolved at compile time to (frames up, slot), so lookups never hash.
 * Slots hold a Value, a {@link Thunk} (an argument not yet evaluated) or a {@link Closure}.
 */
public final class Env {
    final Object[] slots;
    final Env parent;

    public Env(int size, Env parent) {
        this.slots = new Object[size];
        this.parent = parent;
    }

    Env up(int depth) {
        Env e = this;
        for (int i = 0; i < depth; i++) e = e.parent;
        return e;
    }
}
