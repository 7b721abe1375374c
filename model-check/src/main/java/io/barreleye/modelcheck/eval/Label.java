package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;

/** Names the action that produced a state, as TLC does: {@code <IncX line 5, col 9 to ...>}. */
public record Label(String name, Span span) {
    public static final Label INIT = new Label("Initial predicate", null);

    @Override
    public String toString() {
        return span == null ? "<" + name + ">" : "<" + name + " " + span.describe() + ">";
    }
}
