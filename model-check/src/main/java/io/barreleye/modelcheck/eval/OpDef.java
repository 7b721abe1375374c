package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.value.Value;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled operator definition {@code Op(p1, ..., pn) == body}, or a function definition
 * {@code f[x \in S] == body} (then {@link #domain} is set and parameters are the bound names).
 */
public final class OpDef {
    public final String name;
    public final Span span;
    /** Arity of each parameter: 0 for an ordinary parameter, n for {@code Op(_, ..., _)}. */
    public final int[] paramArity;
    public Node body;
    /** For function definitions: the domain binder; parameters are its bound names. */
    public Binder domain;
    int frameSize;
    /** Level of the body, computed after compilation; -1 while unknown. */
    int level = -1;
    /** Value of a constant-level definition without parameters, computed once. */
    volatile Value constValue;
    /** Memo of a constant-level function definition's points. */
    final ConcurrentHashMap<Value, Value> fcnMemo = new ConcurrentHashMap<>();

    public OpDef(String name, Span span, int[] paramArity) {
        this.name = name;
        this.span = span;
        this.paramArity = paramArity;
        this.frameSize = paramArity.length;
    }

    public int arity() {
        return paramArity.length;
    }

    public boolean isFunction() {
        return domain != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
