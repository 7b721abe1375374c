package io.barreleye.modelcheck.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast reader of event lines against the strict one: on every line it reads, it must give the
 * strict reader's event (and it may only read lines the strict reader accepts); lines it leaves
 * are the strict reader's to accept or refuse.
 */
class EventLineParserTest {
    private static final Path FILE = Path.of("t.ndjson");
    private static final long SEED = 20261202L;

    /** Checks one line both ways; true when the fast reader read it. */
    private static boolean agree(EventLineParser fast, String line, int n, boolean byClock) {
        TraceEvent f = fast.parse(line, n, byClock);
        Object strict = TraceReader.strict(FILE, line, n, byClock);
        if (f == null) return false;
        assertTrue(strict instanceof TraceEvent, () -> "the fast reader read a line the strict one refuses: " + line + " -> " + strict);
        TraceEvent s = (TraceEvent) strict;
        assertEquals(s.line(), f.line(), line);
        assertEquals(s.name(), f.name(), line);
        assertEquals(s.core(), f.core(), line);
        assertEquals(s.clock(), f.clock(), line);
        assertArrayEquals(s.args(), f.args(), line);
        assertEquals(s.constraints().size(), f.constraints().size(), line);
        for (int i = 0; i < s.constraints().size(); i++) {
            TraceEvent.Constraint a = s.constraints().get(i), b = f.constraints().get(i);
            assertEquals(a.var(), b.var(), line);
            assertArrayEquals(a.path(), b.path(), line);
            assertTrue(same(a.value(), b.value()), line);
        }
        return true;
    }

    /**
     * The same value, element by element: also for a set TLC cannot order (which equals nothing,
     * not even itself, in Java), and then with the same fingerprint and printed form.
     */
    private static boolean same(Value a, Value b) {
        if (a instanceof SetEnumValue x && b instanceof SetEnumValue y && (x.mixed() || y.mixed())) {
            if (x.mixed() != y.mixed() || x.elems.length != y.elems.length) return false;
            for (int i = 0; i < x.elems.length; i++) {
                if (!same(x.elems[i], y.elems[i])) return false;
            }
            return true;
        }
        return a.equals(b) && a.fingerprint(1) == b.fingerprint(1) && a.toString().equals(b.toString());
    }

    @Test
    void readsTheLinesOfTheFormatAsTheStrictReaderDoes() {
        EventLineParser fast = new EventLineParser();
        String[] read = {
            "{\"event\":\"Send\",\"core\":1,\"clock\":1,\"args\":[1],\"updates\":[{\"var\":\"ring\",\"path\":[1,0],\"value\":{\"ack\":0,\"epoch\":0,\"id\":1,\"kind\":\"data\",\"used\":true}},{\"var\":\"busy\",\"path\":[1],\"value\":false}]}",
            "{\"event\":\"Map\",\"args\":[3,{\"mv\":\"f2\"}],\"updates\":[{\"var\":\"free\",\"path\":[],\"value\":{\"set\":[{\"mv\":\"f0\"}]}}]}",
            " { \"vars\" : { \"x\" : -7 , \"s\" : {\"set\":[3,1,2,1]} } , \"event\" : \"IncX\" , \"updates\":[{\"value\":[],\"var\":\"y\"}] }",
            "{\"event\":\"RecvReq\",\"args\":[null,{\"kind\":\"Req\",\"op\":1,\"from\":2,\"to\":3,\"v\":1}]}",
            "{\"event\":\"F\",\"vars\":{\"f\":{\"fcn\":[[2,\"b\"],[1,\"a\"]]},\"e\":{},\"r\":{\"b\":1,\"a\":2}}}",
            "{\"event\":\"IncX\",\"vars\":{\"s\":{\"set\":[1,\"a\"]}}}", // a set TLC cannot sort: a value all the same
            "{\"event\":\"T\",\"clock\":123456789012,\"vars\":{\"t\":[[1,{\"set\":[]}],true,\"x\"]}}",
        };
        for (String line : read) assertTrue(agree(fast, line, 2, false), "the fast reader should read " + line);
        String[] left = {
            "{\"event\":\"IncX\",\"vars\":{\"x\":01}}", // leading zero
            "{\"event\":\"IncX\",\"bogus\":1}",
            "{\"event\":\"IncX\",\"vars\":{\"x\":1.5}}",
            "{\"event\":\"IncX\",\"vars\":{\"x\":4294967296}}", // beyond 32 bits
            "{\"event\":\"IncX\",\"vars\":{\"x\":null}}",
            "{\"event\":\"IncX\",\"vars\":{\"s\":\"a\\\"b\"}}", // an escape
            "{\"event\":\"IncX\",\"event\":\"IncY\"}",
            "{\"event\":\"IncX\",\"vars\":{\"r\":{\"a\":1,\"a\":2}}}",
            "{\"event\":\"IncX\",\"vars\":{\"r\":{\"set\":[1],\"x\":2}}}", // a record with a field named set
            "{\"event\":\"IncX\",\"vars\":{\"r\":{\"set\":3}}}",
            "{\"event\":\"IncX\",\"updates\":[{\"var\":\"x\",\"path\":{},\"value\":1}]}",
            "{\"event\":\"\"}",
            "{\"event\":7}",
            "{\"vars\":{\"x\":1}}",
            "{\"event\":\"IncX\"} x",
            "{\"event\":\"IncX\",\"core\":-1}",
            "{\"event\":\"IncX\",\"vars\":{\"s\":\"caf\u00e9\"}}", // a byte beyond ASCII: the strict reader decodes it
            "{\"event\":\"IncX\"}\u00a0", // white space beyond ASCII after the object
        };
        for (String line : left) {
            assertNull(fast.parse(line, 2, false), line);
            agree(fast, line, 2, false);
        }
        assertNull(fast.parse("{\"event\":\"IncX\"}", 2, true), "with \"order\":\"clock\" an event needs a clock");
    }

    /** A random value's JSON, now and then with a defect. */
    private static String value(SplittableRandom r, int depth) {
        int k = r.nextInt(depth > 3 ? 4 : 11);
        return switch (k) {
            case 0 -> Integer.toString(r.nextInt(-5, 2000));
            case 1 -> r.nextBoolean() ? "true" : "false";
            case 2 -> "\"" + new String[] {"a", "kind", "Req", "set", "mv", "é", "x\\ty", ""}[r.nextInt(8)] + "\"";
            case 3 -> "{\"mv\":\"m" + r.nextInt(3) + "\"}";
            case 4, 5 -> {
                StringBuilder sb = new StringBuilder("{\"set\":[");
                int n = r.nextInt(6);
                boolean records = r.nextBoolean();
                for (int i = 0; i < n; i++) sb.append(i > 0 ? "," : "").append(records ? record(r, depth) : Integer.toString(r.nextInt(4)));
                yield sb.append("]}").toString();
            }
            case 6, 7 -> record(r, depth);
            case 8 -> {
                StringBuilder sb = new StringBuilder("[");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) sb.append(i > 0 ? "," : "").append(value(r, depth + 1));
                yield sb.append(']').toString();
            }
            case 9 -> "{\"fcn\":[[" + r.nextInt(3) + "," + value(r, depth + 1) + "],[" + r.nextInt(3) + ",1]]}";
            default -> new String[] {"null", "01", "1e3", "{}", "[1,]", "99999999999", "{\"set\":\"x\"}"}[r.nextInt(7)];
        };
    }

    private static String record(SplittableRandom r, int depth) {
        String[] names = {"v", "kind", "op", "from", "to"};
        StringBuilder sb = new StringBuilder("{");
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? (r.nextInt(10) == 0 ? " , " : ",") : "").append('"').append(names[r.nextInt(names.length)]).append("\":").append(value(r, depth + 1));
        }
        return sb.append('}').toString();
    }

    @Test
    void randomLinesAndBrokenOnesReadAlike() {
        SplittableRandom r = new SplittableRandom(SEED);
        EventLineParser fast = new EventLineParser();
        int readFast = 0;
        int lines = 4000;
        for (int i = 0; i < lines; i++) {
            StringBuilder sb = new StringBuilder("{\"event\":\"A").append(r.nextInt(3)).append('"');
            if (r.nextBoolean()) sb.append(",\"args\":[").append(value(r, 0)).append(r.nextBoolean() ? ",null" : "").append(']');
            if (r.nextBoolean()) sb.append(",\"core\":").append(r.nextInt(4));
            if (r.nextBoolean()) sb.append(",\"clock\":").append(r.nextInt(100_000));
            if (r.nextBoolean()) sb.append(",\"vars\":{\"x\":").append(value(r, 0)).append(",\"y\":").append(value(r, 0)).append('}');
            if (r.nextBoolean()) {
                sb.append(",\"updates\":[{\"var\":\"z\",\"path\":[").append(r.nextInt(3)).append("],\"value\":").append(value(r, 0)).append("}]");
            }
            String line = sb.append('}').toString();
            if (r.nextInt(8) == 0) {
                // a broken copy: a character dropped or doubled
                int at = r.nextInt(line.length());
                line = r.nextBoolean() ? line.substring(0, at) + line.substring(at + 1) : line.substring(0, at + 1) + line.substring(at);
            }
            boolean byClock = r.nextInt(10) == 0;
            if (agree(fast, line, i + 2, byClock)) readFast++;
        }
        // the comparison means something only if the fast reader reads many of them (seed SEED)
        assertTrue(readFast > lines / 5, "read fast: " + readFast + " of " + lines + " (seed " + SEED + ")");
    }

    @Test
    void aWholeVariableRecordedAgainWithTheSameTextIsTakenOverNotReadAgain() {
        EventLineParser fast = new EventLineParser();
        String log = "{\"set\":[[1,{\"set\":[1,2,3,4]}],[10,{\"set\":[1,2,4]}],[11,{\"set\":[1,2,3,4]}],[2,{\"set\":[1,2]}]]}";
        String longer = log.replace("[2,{", "[3,{\"set\":[1]}],[2,{");
        TraceEvent a = fast.parse("{\"event\":\"Install\",\"vars\":{\"vlog\":" + log + "}}", 2, false);
        TraceEvent b = fast.parse("{\"event\":\"Install\",\"core\":3,\"vars\":{\"vlog\":" + log + "}}", 3, false);
        TraceEvent c = fast.parse("{\"event\":\"Install\",\"vars\":{\"vlog\":" + longer + "}}", 4, false);
        assertNotNull(a);
        assertSame(a.constraints().get(0).value(), b.constraints().get(0).value());
        assertNotSame(b.constraints().get(0).value(), c.constraints().get(0).value());
        Value strict = ((TraceEvent) TraceReader.strict(FILE, "{\"event\":\"Install\",\"vars\":{\"vlog\":" + longer + "}}", 4, false))
                .constraints().get(0).value();
        assertEquals(strict, c.constraints().get(0).value());
        assertEquals(4, ((SetEnumValue) a.constraints().get(0).value()).size());
        assertEquals(5, ((SetEnumValue) c.constraints().get(0).value()).size());
    }

    /**
     * A set recorded at every line that grows, shrinks, changes inside an element (a number that
     * gains a digit: its text begins as the old one's did) or becomes something else: read from
     * the elements whose text is unchanged on, always the strict reader's value (seed SEED).
     */
    @Test
    void aSetThatChangesFromLineToLineIsReadAsTheStrictReaderReadsIt() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(SEED);
        EventLineParser fast = new EventLineParser();
        List<String> elems = new ArrayList<>();
        int readFast = 0;
        for (int line = 2; line < 400; line++) {
            int op = r.nextInt(10);
            if (op < 5 || elems.isEmpty()) {
                elems.add("[" + r.nextInt(1, 30) + ",{\"set\":[" + r.nextInt(1, 5) + "," + r.nextInt(5, 9) + "]}]");
            } else if (op < 7) {
                elems.remove(r.nextInt(elems.size()));
            } else if (op < 9) {
                int i = r.nextInt(elems.size());
                elems.set(i, elems.get(i).replaceFirst("\\[(\\d+),", "[$1" + r.nextInt(10) + ",")); // 12 -> 123
            } else {
                elems.clear(); // the empty set
            }
            String value = op == 9 && r.nextBoolean() ? "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18]" // not a set at all
                    : "{\"set\":[" + String.join(",", elems) + "]}";
            if (agree(fast, "{\"event\":\"Install\",\"vars\":{\"vlog\":" + value + "}}", line, false)) readFast++;
        }
        assertTrue(readFast > 350, "read fast: " + readFast + " (seed " + SEED + ")");
        // the last element gains a digit: its text up to the old ']' is unchanged, but not the separator
        String from = "[101,102,103,104,105,106,107,108,109,110,111,112,113,"; // long enough to be remembered
        for (String value : List.of(from + "22]", from + "223]", from + "2234,5]", from + "2234]", from + "22345]")) {
            assertTrue(agree(fast, "{\"event\":\"Install\",\"vars\":{\"vlog\":{\"set\":" + value + "}}}", 500, false), value);
        }
    }
}
