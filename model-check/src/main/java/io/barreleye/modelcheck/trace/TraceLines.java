package io.barreleye.modelcheck.trace;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of a trace file, each at most {@link #MAX_LINE_CHARS} long: a longer line is refused
 * when its limit is reached, before it is held in memory whole.
 */
final class TraceLines implements Iterator<String> {
    /** Longest line read: far beyond any state a model checks, far below the heap. */
    static final int MAX_LINE_CHARS = 16 * 1024 * 1024;

    /** A line over the limit; {@code line} is its 1-based number. */
    static final class TooLong extends RuntimeException {
        final int line;

        TooLong(int line) {
            super("the line is longer than " + MAX_LINE_CHARS + " characters", null, false, false);
            this.line = line;
        }
    }

    private final Reader in;
    private final int limit;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private int number;
    private String next;
    private boolean done;

    TraceLines(Reader in) {
        this(in, MAX_LINE_CHARS);
    }

    TraceLines(Reader in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The number of the line read last (1-based). */
    int number() {
        return number;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) next = read();
        return next != null;
    }

    @Override
    public String next() {
        if (!hasNext()) throw new NoSuchElementException();
        String s = next;
        next = null;
        return s;
    }

    private String read() {
        StringBuilder sb = new StringBuilder();
        number++;
        try {
            while (true) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        done = true;
                        return sb.isEmpty() ? null : strip(sb);
                    }
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') pos++;
                sb.append(buf, start, pos - start);
                if (sb.length() > limit) throw new TooLong(number);
                if (pos < len) {
                    pos++;
                    return strip(sb);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String strip(StringBuilder sb) {
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
    }
}
