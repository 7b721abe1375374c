package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.value.Value;

/**
 * An operator argument passed by name, as TLA+'s substitution semantics asks. State-level
 * arguments are evaluated at most once; action-level ones each time (they depend on the primed
 * variables assigned so far).
 */
final class Thunk {
    private final Node node;
    private final Env env;
    private Value memo;

    Thunk(Node node, Env env) {
        this.node = node;
        this.env = env;
    }

    Value force(Ctx c) {
        Value m = memo;
        if (m != null) return m;
        long before = c.primeReads;
        Value v = node.eval(c, env);
        if (c.primeReads == before) memo = v;
        return v;
    }

    /** True once the argument's value is known and kept (it read no primed variable). */
    boolean forced() {
        return memo != null;
    }

    Node node() {
        return node;
    }

    Env env() {
        return env;
    }
}
