package io.barreleye.modelcheck.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strict trace reader: every line the format does not allow is refused with its line and column. */
class TraceReaderTest {
    /** A two-counter spec, as TraceValidatorTest's. */
    static final String SPEC = """
            ---- MODULE Pair ----
            EXTENDS Naturals
            CONSTANT Max
            VARIABLES x, y
            Init == x = 0 /\\ y = 0
            IncX == x < Max /\\ x' = x + 1 /\\ UNCHANGED y
            Next == IncX
            ====
            """;
    static final String HEADER = "{\"trace\":\"barreleye/1\",\"spec\":\"Pair.tla\",\"model\":\"Pair.cfg\"}";

    @TempDir
    Path dir;

    /** The message reading {@code lines} gives: it must be refused. */
    String refusal(String... lines) {
        Trace.TraceException e = assertThrows(Trace.TraceException.class, () -> Trace.of(dir.resolve("t.ndjson"), List.of(lines)));
        return e.getMessage();
    }

    void assertRefused(String expectedPosition, String expectedText, String... lines) {
        String m = refusal(lines);
        assertTrue(m.startsWith(dir.resolve("t.ndjson") + ":" + expectedPosition + ": "), m);
        assertTrue(m.contains(expectedText), m);
    }

    @Test
    void eventFieldsOfTheWrongTypeAreRefusedAtTheirColumn() {
        assertRefused("2:34", "\"vars\" must be an object", HEADER, "{\"event\":\"IncX\",\"clock\":1,\"vars\":[{\"x\":99}]}");
        assertRefused("2:24", "\"args\" must be an array", HEADER, "{\"event\":\"IncY\",\"args\":\"oops\"}");
        assertRefused("2:27", "\"updates\" must be an array", HEADER, "{\"event\":\"IncX\",\"updates\":\"garbage\"}");
        assertRefused("2:28", "an update must be an object", HEADER, "{\"event\":\"IncX\",\"updates\":[3]}");
        assertRefused("2:28", "\"value\" is required", HEADER, "{\"event\":\"IncX\",\"updates\":[{\"var\":\"x\"}]}");
        assertRefused("2:35", "unknown update field \"val\"", HEADER, "{\"event\":\"IncX\",\"updates\":[{\"val\":1,\"var\":\"x\",\"value\":1}]}");
        assertRefused("2:24", "unknown event field \"varz\"", HEADER, "{\"event\":\"IncX\",\"varz\":{\"x\":1}}");
        assertRefused("2:10", "\"event\" must be the action's name", HEADER, "{\"event\":7}");
        assertRefused("2:1", "\"event\" is required", HEADER, "{\"vars\":{\"x\":1}}");
        assertRefused("2:24", "\"core\" must be a whole number", HEADER, "{\"event\":\"IncX\",\"core\":-1}");
        assertRefused("2:25", "\"clock\" must be a whole number", HEADER, "{\"event\":\"IncX\",\"clock\":\"1\"}");
        assertRefused("2:29", "null is not a TLA+ value", HEADER, "{\"event\":\"IncX\",\"vars\":{\"x\":null}}");
        assertRefused("2:29", "takes an array", HEADER, "{\"event\":\"IncX\",\"vars\":{\"x\":{\"set\":3}}}");
        assertRefused("2:29", "maps 1 twice", HEADER, "{\"event\":\"IncX\",\"vars\":{\"x\":{\"fcn\":[[1,2],[1,3]]}}}");
        assertRefused("2:1", "expected a JSON object", HEADER, "[1]");
    }

    @Test
    void theHeaderIsReadAsStrictlyAsTheEvents() {
        assertRefused("1:10", "unknown trace format \"barreleye/9\"", "{\"trace\":\"barreleye/9\",\"spec\":\"Pair.tla\"}");
        assertRefused("1:1", "\"trace\" is required", "{\"spec\":\"Pair.tla\"}");
        assertRefused("1:1", "the first line must be the header", "{\"event\":\"IncX\"}");
        assertRefused("1:50", "unknown header field \"modle\"", "{\"trace\":\"barreleye/1\",\"spec\":\"Pair.tla\",\"modle\":\"P.cfg\"}");
        assertRefused("1:31", "must name a .tla file", "{\"trace\":\"barreleye/1\",\"spec\":\"Pair\"}");
        assertRefused("1:31", "plain relative name", "{\"trace\":\"barreleye/1\",\"spec\":\"../../../../etc/passwd.tla\"}");
        assertRefused("1:31", "plain relative name", "{\"trace\":\"barreleye/1\",\"spec\":\"/etc/Pair.tla\"}");
        assertRefused("1:31", "plain relative name", "{\"trace\":\"barreleye/1\",\"spec\":\"a/./Pair.tla\"}");
        assertRefused("1:50", "\"order\" can only be \"clock\"", "{\"trace\":\"barreleye/1\",\"spec\":\"Pair.tla\",\"order\":\"line\"}");
        assertRefused("1:54", "\"constants\" must be an object", "{\"trace\":\"barreleye/1\",\"spec\":\"Pair.tla\",\"constants\":[1]}");
        assertRefused("2:1", "every event needs \"clock\"", "{\"trace\":\"barreleye/1\",\"spec\":\"Pair.tla\",\"order\":\"clock\"}",
                "{\"event\":\"IncX\"}");
        assertRefused("1", "no header line", "", " ");
    }

    @Test
    void malformedJsonIsRefusedAtItsColumn() {
        assertRefused("2:24", "a number must not start with 0", HEADER, "{\"event\":\"IncX\",\"core\":01}");
        assertRefused("2:17", "the field \"event\" appears twice", HEADER, "{\"event\":\"IncX\",\"event\":\"IncY\"}");
        assertRefused("2:14", "control character", HEADER, "{\"event\":\"Inc\tX\"}");
        assertRefused("2:16", "four hex digits", HEADER, "{\"event\":\"Inc\\uZZZZ\"}");
        assertRefused("2:10", "malformed number", HEADER, "{\"event\":-}");
        assertRefused("2:10", "malformed number", HEADER, "{\"event\":99999999999999999999}");
        assertRefused("2:18", "unexpected text after", HEADER, "{\"event\":\"IncX\"} x");
    }

    @Test
    void deepNestingIsRefusedWithoutExhaustingTheStack() {
        String deep = "{\"event\":\"IncX\",\"vars\":{\"x\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}}";
        assertRefused("2:" + (28 + Json.MAX_DEPTH - 1), "nested deeper than " + Json.MAX_DEPTH + " levels", HEADER, deep);
        String fine = "{\"event\":\"IncX\",\"vars\":{\"x\":" + "[".repeat(Json.MAX_DEPTH - 3) + "]".repeat(Json.MAX_DEPTH - 3) + "}}";
        assertEquals(1, Trace.of(dir.resolve("t.ndjson"), List.of(HEADER, fine)).events().size());
    }

    @Test
    void overlongLinesAreRefusedBeforeTheyAreHeldWhole() {
        TraceLines lines = new TraceLines(bytes("short\r\n" + "x".repeat(100) + "\nlast"), 50);
        assertTrue(lines.advance());
        assertEquals("short", lines.text());
        TraceLines.TooLong e = assertThrows(TraceLines.TooLong.class, lines::advance);
        assertEquals(2, e.line);
        assertEquals(List.of("a", "b"), texts(new TraceLines(bytes("a\nb"), 50)));
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Every line's text, each checked against its bytes. */
    private static List<String> texts(TraceLines lines) {
        List<String> all = new ArrayList<>();
        while (lines.advance()) {
            String t = lines.text();
            assertEquals(t, new String(lines.bytes(), lines.from(), lines.to() - lines.from(), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(t.isBlank(), lines.blank(), t);
            all.add(t);
        }
        return all;
    }

    @Test
    void linesAcrossReadBuffersAndNonAsciiTextComeBackWhole() {
        String longLine = "y".repeat(200_000); // spans several of the reader's buffers
        String accented = "caf\u00e9 \u00fcber \ud83d\ude00";
        String spaces = " \t\u2003 "; // blank: an em space is white space too
        TraceLines lines = new TraceLines(bytes("a\r\n" + longLine + "\n" + accented + "\r\n\n" + spaces + "\n" + longLine + "x"));
        assertEquals(List.of("a", longLine, accented, "", spaces, longLine + "x"), texts(lines));
        assertEquals(6, lines.number());
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirOwnLineNumber() {
        byte[] text = "ok\n\u00e9 fine\nbad \u00ff\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        text[text.length - 3] = (byte) 0xc3; // a lead byte followed by a byte that continues nothing
        text[text.length - 2] = (byte) 0x28;
        TraceLines lines = new TraceLines(new ByteArrayInputStream(text));
        assertTrue(lines.advance());
        assertEquals("ok", lines.text());
        assertTrue(lines.advance());
        assertEquals("\u00e9 fine", lines.text());
        assertTrue(lines.advance());
        TraceLines.NotUtf8 e = assertThrows(TraceLines.NotUtf8.class, lines::text);
        assertEquals(3, e.line);
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirLine() throws IOException {
        Path f = dir.resolve("bin.ndjson");
        byte[] head = (HEADER + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
        bytes[head.length] = (byte) 0xff;
        bytes[head.length + 1] = (byte) 0xfe;
        bytes[head.length + 2] = '\n';
        Files.write(f, bytes);
        Trace.TraceException e = assertThrows(Trace.TraceException.class, () -> Trace.read(f));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void specAndModelAreOnlyFoundInsideTheTracesFolderOrTheSpecFolder() throws IOException {
        Path traces = Files.createDirectories(dir.resolve("traces"));
        Path specs = Files.createDirectories(dir.resolve("specs"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(specs.resolve("Pair.tla"), SPEC);
        Files.writeString(specs.resolve("Pair.cfg"), "CONSTANT Max = 5\nINIT Init\nNEXT Next\n");
        Files.writeString(outside.resolve("Evil.tla"), SPEC.replace("Pair", "Evil"));
        Files.createSymbolicLink(traces.resolve("Evil.tla"), outside.resolve("Evil.tla"));
        Path t = traces.resolve("t.ndjson");
        Files.write(t, List.of("{\"trace\":\"barreleye/1\",\"spec\":\"Evil.tla\",\"model\":\"Pair.cfg\"}"));
        Trace.TraceException e = assertThrows(Trace.TraceException.class, () -> TraceCheck.check(Trace.read(t), specs));
        assertTrue(e.getMessage().contains(":1: the spec Evil.tla is not found"), e.getMessage());
        Files.write(t, List.of(HEADER, "{\"event\":\"IncX\",\"vars\":{\"x\":1}}"));
        assertTrue(TraceCheck.check(Trace.read(t), specs).conforms());
        assertEquals(null, TraceCheck.locate(t, "../outside/Evil.tla", specs));
    }

    @Test
    void headerConstantsMustBeConstantsOfTheModel() throws IOException {
        Files.writeString(dir.resolve("Pair.tla"), SPEC);
        Files.writeString(dir.resolve("Pair.cfg"), "CONSTANT Max = 5\nINIT Init\nNEXT Next\n");
        Path t = dir.resolve("c.ndjson");
        Files.write(t, List.of("{\"trace\":\"barreleye/1\",\"spec\":\"Pair.tla\",\"constants\":{\"Max\":2,\"Mx\":3}}"));
        Trace.TraceException e = assertThrows(Trace.TraceException.class, () -> TraceCheck.check(Trace.read(t), dir));
        assertTrue(e.getMessage().endsWith(":1: the header's constant Mx is not a constant of Pair.tla (the model Pair.cfg gives it no value)"),
                e.getMessage());
    }

    @Test
    void columnsOfNestedValuesArePlaced() {
        String line = "{\"a\":[1,{\"b\":[true,\"x\"]}],\"c\":null}";
        assertEquals(20, Json.columnOf(line, List.of("a", 1, "b", 1)));
        assertEquals(31, Json.columnOf(line, List.of("c")));
        assertEquals(1, Json.columnOf(line, List.of("nowhere")));
    }
}
