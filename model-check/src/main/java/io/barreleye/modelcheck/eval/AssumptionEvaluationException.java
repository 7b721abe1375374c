package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;

/**
 * An ASSUME that could not be evaluated. TLC reports it as TLC_ASSUMPTION_EVALUATION_ERROR
 * ("Evaluating assumption ... failed.") and exits with the status of a false assumption, 10
 * (AbstractChecker.checkAssumptions, EC.ExitStatus), whatever the error inside was.
 */
public final class AssumptionEvaluationException extends RuntimeException {
    private final Span assumption;

    AssumptionEvaluationException(Span assumption, RuntimeException cause) {
        super("Evaluating assumption " + assumption.describe() + " failed.\n" + cause.getMessage(), cause);
        this.assumption = assumption;
    }

    public Span assumption() {
        return assumption;
    }

    /** Where inside the assumption evaluation failed, innermost last, when the error knows it. */
    public java.util.List<Span> trail() {
        return getCause() instanceof EvalException e ? e.trail() : java.util.List.of();
    }
}
