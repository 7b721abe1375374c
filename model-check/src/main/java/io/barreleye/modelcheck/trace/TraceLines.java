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

/**
 * The lines of a trace file, as bytes, each at most {@link #MAX_LINE_BYTES} long: a longer line is
 * refused when its limit is reached, before it is held in memory whole. Why bytes: the event
 * parser reads a line's bytes where they lie in the read buffer, and only a line it gives up on
 * is decoded to text ({@link #text}), where a {@code Reader} would decode every byte into a
 * {@code char} and a line builder pack them back (40% of reading a long URPC trace). Text is
 * decoded as UTF-8, strictly: bytes that are not UTF-8 are refused with that line's number.
 */
final class TraceLines implements TraceReader.Lines {
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
    private boolean done;
    private CharsetDecoder utf8;
    /** The current line: {@code line[from, to)}, without its line end. */
    private byte[] line;
    private int from;
    private int to;

    TraceLines(InputStream in) {
        this(in, MAX_LINE_BYTES);
    }

    TraceLines(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The number of the current line (1-based). */
    @Override
    public int number() {
        return number;
    }

    @Override
    public byte[] bytes() {
        return line;
    }

    @Override
    public int from() {
        return from;
    }

    @Override
    public int to() {
        return to;
    }

    /** Moves to the next line (its bytes valid until the next call); false at the end of the file. */
    @Override
    public boolean advance() {
        if (done) return false;
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
                        return carried > 0 && at(carry, 0, carried);
                    }
                }
                int start = pos;
                pos = lineEnd(buf, pos, len);
                if (carried + (pos - start) > limit) throw new TooLong(number, limit);
                if (pos < len) {
                    pos++; // past the newline
                    if (carried == 0) return at(buf, start, pos - 1);
                    append(start, pos - 1);
                    return at(carry, 0, carried);
                }
                append(start, pos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes {@code b[start, end)} the current line, without a final carriage return. */
    private boolean at(byte[] b, int start, int end) {
        if (end > start && b[end - 1] == '\r') end--;
        line = b;
        from = start;
        to = end;
        return true;
    }

    /** The current line as text. */
    @Override
    public String text() {
        for (int i = from; i < to; i++) {
            if (line[i] < 0) return utf8(line, from, to - from);
        }
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1); // ASCII: one copy
    }

    /**
     * The index of the first newline in {@code b[from, to)}, or {@code to}: in locals, which the
     * client compiler keeps in registers, where it would load and store fields at every byte.
     */
    private static int lineEnd(byte[] b, int from, int to) {
        int i = from;
        while (i < to && b[i] != '\n') i++;
        return i;
    }

    /** Gathers {@code buf[from, to)} behind what is carried of the current line. */
    private void append(int from, int to) {
        int n = to - from;
        if (carried + n > carry.length) carry = Arrays.copyOf(carry, Math.max(carried + n, 2 * carry.length));
        System.arraycopy(buf, from, carry, carried, n);
        carried += n;
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
