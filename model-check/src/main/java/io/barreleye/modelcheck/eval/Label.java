package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;

/**
 * Names the action that produced a state, as TLC does: {@code <IncX line 5, col 9 to ...>}. An
 * action defined with parameters and reached with constant arguments (through {@code \E} over a
 * constant set, say) also shows them, {@code <Step(1) line 8, ...>}, as TLC's Action.getLocation
 * prints the parameters bound in the action's context: values as TLC prints them, joined by ",".
 */
public record Label(String name, Span span, String args) {
    public static final Label INIT = new Label("Initial predicate", null);

    public Label(String name, Span span) {
        this(name, span, null);
    }

    /** The action without the arguments it was taken with (what coverage counts). */
    public Label action() {
        return args == null ? this : new Label(name, span);
    }

    @Override
    public String toString() {
        String n = args == null ? name : name + args;
        return span == null ? "<" + n + ">" : "<" + n + " " + span.describe() + ">";
    }
}
