package io.barreleye.modelcheck.syntax;

/** A region of a source file, 1-based lines and columns, as TLC reports them. */
public record Span(String module, int line, int col, int endLine, int endCol) {
    public static final Span NONE = new Span("?", 0, 0, 0, 0);

    public Span to(Span end) {
        return new Span(module, line, col, end.endLine, end.endCol);
    }

    /** TLC's wording: {@code line 5, col 9 to line 5, col 42 of module M}. */
    public String describe() {
        return "line " + line + ", col " + col + " to line " + endLine + ", col " + endCol + " of module " + module;
    }

    @Override
    public String toString() {
        return describe();
    }
}
