package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * An error while evaluating the spec (a type error, a function applied outside its domain, an
 * overflow...). It carries the innermost expression and the operator calls around it, outermost
 * first, which is what TLC prints as "the nested expressions".
 */
public final class EvalException extends RuntimeException {
    /** TLC's exit status: 75 for evaluation errors, 255 for overflow. */
    private final int exitCode;
    private final List<Span> trail = new ArrayList<>();

    public EvalException(Span span, String message) {
        this(span, message, 75);
    }

    public EvalException(Span span, String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        if (span != null && span != Span.NONE) trail.add(span);
    }

    public int exitCode() {
        return exitCode;
    }

    /** Called as the error passes an enclosing operator call. */
    public EvalException within(Span span) {
        if (span != null && span != Span.NONE && !trail.contains(span)) trail.add(span);
        return this;
    }

    /** Innermost span first. */
    public List<Span> trail() {
        return trail;
    }

    public Span span() {
        return trail.isEmpty() ? null : trail.get(0);
    }
}
