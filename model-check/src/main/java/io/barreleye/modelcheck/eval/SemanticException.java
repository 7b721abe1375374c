package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;

/** A name that is not defined, an operator applied to the wrong number of arguments, ... (TLC exit 150). */
public final class SemanticException extends RuntimeException {
    private final Span span;
    private final String file;

    public SemanticException(Span span, String file, String message) {
        super(message, null, false, false);
        this.span = span;
        this.file = file;
    }

    public Span span() {
        return span;
    }

    public String located() {
        return (file == null ? span.module() + ".tla" : file) + ":" + span.line() + ":" + span.col() + ": " + getMessage();
    }
}
