package io.barreleye.modelcheck.syntax;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a .tla file as UTF-8; a byte that is not UTF-8 is a lexical error at its line and column. */
public final class SourceText {
    private SourceText() {}

    public static String read(Path file) throws IOException {
        return decode(file.getFileName().toString(), Files.readAllBytes(file));
    }

    static String decode(String file, byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int bad = in.position();
            out.flip();
            String before = out.toString();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < before.length(); i++) {
                if (before.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int col = before.codePointCount(lineStart, before.length()) + 1;
            throw new SyntaxException(file, line, col, String.format(
                    "lexical error: byte 0x%02X is not valid UTF-8 (save the file as UTF-8)", bytes[bad] & 0xff));
        }
        dec.flush(out);
        out.flip();
        return out.toString();
    }
}
