package io.barreleye.cli;

import io.barreleye.modelcheck.config.ConfigException;
import io.barreleye.modelcheck.eval.EvalException;
import io.barreleye.modelcheck.eval.SemanticException;
import io.barreleye.modelcheck.syntax.SyntaxException;
import io.barreleye.modelcheck.trace.Trace;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The one line a command prints for a mistake in its input (a spec, a model, a trace, a file
 * that cannot be read or written): located where the input says where, never a stack trace.
 */
final class InputErrors {
    private InputErrors() {}

    /** True for the exceptions that {@link #message} describes: what a command catches around reading its input. */
    static boolean isInputError(Exception e) {
        return e instanceof IOException || e instanceof Trace.TraceException || e instanceof ConfigException
                || e instanceof SyntaxException || e instanceof SemanticException || e instanceof EvalException
                || e instanceof IllegalArgumentException;
    }

    static String message(Exception e) {
        if (e instanceof NoSuchFileException n) return "no such file " + n.getFile();
        if (e instanceof AccessDeniedException a) return "permission denied: " + a.getFile();
        if (e instanceof SyntaxException s) return s.located();
        if (e instanceof SemanticException s) return s.located();
        if (e instanceof EvalException ev) {
            return "evaluation error: " + oneLine(ev.getMessage()) + (ev.span() == null ? "" : " (at " + ev.span().describe() + ")");
        }
        return oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String oneLine(String s) {
        return s.replace("\r", "").replace("\n", " ");
    }
}
