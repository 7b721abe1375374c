package io.barreleye.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.trace.Trace;
import io.barreleye.modelcheck.trace.TraceCheck;
import io.barreleye.modelcheck.trace.TraceValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden traces (traces/golden, one or more per spec) conform; mutated copies (an event
 * dropped, two events swapped, a recorded value changed, an event from another spec) do not, and
 * the diagnosis names the event and says why.
 */
class GoldenTracesTest {
    static final Path SPECS = Validation.SPECS;
    static final Path GOLDEN = Path.of("golden");

    @TempDir
    Path tmp;

    @TestFactory
    List<DynamicTest> goldenTracesConform() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(GOLDEN)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
                    TraceValidator.Result r = TraceCheck.check(Trace.read(f), SPECS);
                    assertTrue(r.conforms(), r.diagnosis());
                    assertTrue(r.totalEvents() > 5, "a golden trace has several events");
                }));
            }
        }
        assertEquals(7, tests.size(), "a golden trace for every spec model");
        return tests;
    }

    private TraceValidator.Result mutated(String golden, java.util.function.UnaryOperator<List<String>> mutation)
            throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(GOLDEN.resolve(golden)));
        Path f = tmp.resolve("mutated-" + golden);
        Files.write(f, mutation.apply(lines));
        // the spec next to the trace, with the modules it extends or instantiates (Urpc uses FifoChannel)
        try (java.util.stream.Stream<Path> specs = Files.list(SPECS)) {
            for (Path m : specs.filter(p -> p.toString().endsWith(".tla")).toList()) {
                Files.copy(m, tmp.resolve(m.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return TraceCheck.check(Trace.read(f), SPECS);
    }

    @Test
    void droppedEventIsRejectedAtTheNextEvent() throws IOException {
        TraceValidator.Result r = mutated("Shootdown.ndjson", l -> {
            l.remove(11); // event 10
            return l;
        });
        assertFalse(r.conforms());
        assertTrue(r.diagnosis().startsWith("event 10 (line 12)") || r.diagnosis().startsWith("event 1"), r.diagnosis());
        assertTrue(r.diagnosis().contains("actions enabled there"), r.diagnosis());
    }

    @Test
    void swappedEventsAreRejected() throws IOException {
        TraceValidator.Result r = mutated("Urpc.ndjson", l -> {
            // find two adjacent events of different actions and swap them
            for (int i = 2; i + 1 < l.size(); i++) {
                String a = l.get(i).substring(0, l.get(i).indexOf(','));
                String b = l.get(i + 1).substring(0, l.get(i + 1).indexOf(','));
                if (!a.equals(b)) {
                    String t = l.get(i);
                    l.set(i, l.get(i + 1));
                    l.set(i + 1, t);
                    break;
                }
            }
            return l;
        });
        assertFalse(r.conforms());
        assertTrue(r.diagnosis().contains("event "), r.diagnosis());
    }

    @Test
    void changedValueIsRejectedWithTheValueTheSpecAllows() throws IOException {
        TraceValidator.Result r = mutated("CapCommit.ndjson", l -> {
            // the first event after Init that records a number: make it wrong
            for (int i = 2; i < l.size(); i++) {
                String s = l.get(i);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile(":(\\d+)([,\\]}])").matcher(s.substring(s.indexOf("\"vars\"")));
                if (m.find()) {
                    int at = s.indexOf("\"vars\"") + m.start(1);
                    l.set(i, s.substring(0, at) + "97" + s.substring(at + m.group(1).length()));
                    break;
                }
            }
            return l;
        });
        assertFalse(r.conforms());
        assertTrue(r.diagnosis().contains("the trace records") && r.diagnosis().contains("where the spec allows"), r.diagnosis());
    }

    @Test
    void eventFromAnotherSpecIsRejected() throws IOException {
        TraceValidator.Result r = mutated("Urpc_B.ndjson", l -> {
            l.add(5, "{\"event\":\"RecvUnmap\",\"args\":[1,2],\"vars\":{}}");
            return l;
        });
        assertFalse(r.conforms());
        assertTrue(r.diagnosis().contains("the spec has no action named RecvUnmap"), r.diagnosis());
    }

    @Test
    void malformedTracesGetALocatedMessage() throws IOException {
        Path f = tmp.resolve("bad.ndjson");
        Files.writeString(f, "{\"trace\":\"barreleye/1\",\"spec\":\"Urpc.tla\"}\n{\"event\":\"Send\",\"args\":[1,}\n");
        Trace.TraceException e = org.junit.jupiter.api.Assertions.assertThrows(Trace.TraceException.class, () -> Trace.read(f));
        assertTrue(e.getMessage().contains("bad.ndjson:2:"), e.getMessage());
        Files.writeString(f, "{\"event\":\"Send\"}\n");
        assertTrue(org.junit.jupiter.api.Assertions.assertThrows(Trace.TraceException.class, () -> Trace.read(f))
                .getMessage().contains("header"));
    }
}
