package io.barreleye.modelcheck.syntax;

/** A lexical or grammatical error, located at file, line and column. */
public final class SyntaxException extends RuntimeException {
    private final String file;
    private final int line;
    private final int col;

    public SyntaxException(String file, int line, int col, String message) {
        super(message, null, false, false);
        this.file = file;
        this.line = line;
        this.col = col;
    }

    public String file() { return file; }
    public int line() { return line; }
    public int col() { return col; }

    /** {@code File.tla:4:15: message}, the form compilers use. */
    public String located() {
        return file + ":" + line + ":" + col + ": " + getMessage();
    }
}
