package io.barreleye.modelcheck.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The lines of a trace file, read as bytes and each decoded on its own, at most {@link
 * #MAX_LINE_BYTES} long: a longer line is refused when its limit is reached, before it is held in
 * memory whole. Why bytes: trace lines are almost always ASCII, and a line of ASCII bytes becomes
 * a string by one copy, where a {@code Reader} decodes every byte into a {@code char} and a line
 * builder packs them back (40% of reading a long URPC trace). A line with other bytes is decoded
 * as UTF-8, strictly: bytes that are not UTF-8 are refused with that line's number.
 */
final class TraceLines implements Iterator<String> {
    /** Longest line read: far beyond any state a model checks, far below the heap. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /** A line refused before it is parsed; {@code line} is its 1-based number. */
    static class Refused extends RuntimeException {
        final int line;

        Refused(int line, String why) {
            super(why, null, false, false);
            this.line = line;
        }
    }

    /** A line over the limit. */
    static final class TooLong extends Refused {
        TooLong(int line, int limit) {
            super(line, "the line is longer than " + limit + " bytes");
        }
    }

    /** A line whose bytes are not UTF-8. */
    static final class NotUtf8 extends Refused {
        NotUtf8(int line) {
            super(line, "the line is not UTF-8 text");
        }
    }

    private final InputStream in;
    private final int limit;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int len;
    /** The part of the current line read so far when it runs past the end of {@code buf}: {@code carry[0, carried)}. */
    private byte[] carry = new byte[0];
    private int carried;
    private int number;
    private String next;
    private boolean done;
    private CharsetDecoder utf8;

    TraceLines(InputStream in) {
        this(in, MAX_LINE_BYTES);
    }

    TraceLines(InputStream in, int limit) {
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
        number++;
        carried = 0;
        try {
            while (true) {
                if (pos == len) {
                    len = in.read(buf);
                    pos = 0;
                    if (len <= 0) {
                        len = 0;
                        done = true;
                        return carried == 0 ? null : decode(carry, 0, carried);
                    }
                }
                int start = pos;
                while (pos < len && buf[pos] != '\n') pos++;
                if (carried + (pos - start) > limit) throw new TooLong(number, limit);
                if (pos < len) {
                    pos++; // past the newline
                    if (carried == 0) return decode(buf, start, pos - 1 - start);
                    append(start, pos - 1);
                    return decode(carry, 0, carried);
                }
                append(start, pos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gathers {@code buf[from, to)} behind what is carried of the current line. */
    private void append(int from, int to) {
        int n = to - from;
        if (carried + n > carry.length) carry = Arrays.copyOf(carry, Math.max(carried + n, 2 * carry.length));
        System.arraycopy(buf, from, carry, carried, n);
        carried += n;
    }

    /** The line in {@code b[off, off + n)}, without a final carriage return. */
    private String decode(byte[] b, int off, int n) {
        if (n > 0 && b[off + n - 1] == '\r') n--;
        for (int i = off; i < off + n; i++) {
            if (b[i] < 0) return utf8(b, off, n);
        }
        return new String(b, off, n, StandardCharsets.ISO_8859_1); // ASCII: one copy
    }

    private String utf8(byte[] b, int off, int n) {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            return utf8.decode(ByteBuffer.wrap(b, off, n)).toString();
        } catch (CharacterCodingException e) {
            throw new NotUtf8(number);
        }
    }
}
