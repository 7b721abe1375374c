package io.barreleye.modelcheck.syntax;

/** One lexical token. Operators and punctuation carry their ASCII spelling in {@code text}. */
public record Token(Kind kind, String text, int line, int col, int endCol) {
    public enum Kind { IDENT, NUMBER, STRING, OP, KEYWORD, SEPARATOR, MODULE_END, EOF }

    public boolean is(String s) {
        return (kind == Kind.OP || kind == Kind.KEYWORD) && text.equals(s);
    }

    public String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case STRING -> "string \"" + text + "\"";
            case SEPARATOR -> "separator line ----";
            case MODULE_END -> "module end ====";
            default -> "\"" + text + "\"";
        };
    }
}
