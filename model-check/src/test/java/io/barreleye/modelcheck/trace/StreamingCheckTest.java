package io.barreleye.modelcheck.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Validating a trace file while it is read gives the verdict, diagnosis and counts of validating
 * it after reading it whole, and refuses the same traces with the same messages.
 */
class StreamingCheckTest {
    @TempDir
    Path dir;

    @BeforeEach
    void spec() throws IOException {
        Files.writeString(dir.resolve("Pair.tla"), TraceReaderTest.SPEC);
        Files.writeString(dir.resolve("Pair.cfg"), "CONSTANT Max = 50000\nINIT Init\nNEXT Next\n");
    }

    private static String inc(int x) {
        return "{\"event\":\"IncX\",\"vars\":{\"x\":" + x + "}}";
    }

    /** A trace of {@code n} increments (more than one batch), with {@code change} applied to its lines. */
    private Path trace(String name, int n, java.util.function.Consumer<List<String>> change) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(TraceReaderTest.HEADER);
        for (int i = 1; i <= n; i++) lines.add(inc(i));
        change.accept(lines);
        return Files.write(dir.resolve(name), lines);
    }

    /** Both ways on one file: the same verdict, diagnosis, counts and states, or the same refusal. */
    private StreamingCheck.Checked same(Path f) throws IOException {
        TraceValidator.Result whole;
        try {
            whole = TraceCheck.check(Trace.read(f), dir);
        } catch (Trace.TraceException e) {
            Trace.TraceException s = assertThrows(Trace.TraceException.class, () -> StreamingCheck.check(f, dir, v -> {}));
            assertEquals(e.getMessage(), s.getMessage());
            return null;
        }
        AtomicReference<TraceValidator> started = new AtomicReference<>();
        StreamingCheck.Checked c = StreamingCheck.check(f, dir, started::set);
        TraceValidator.Result r = c.result();
        assertEquals(whole.conforms(), r.conforms());
        assertEquals(whole.diagnosis(), r.diagnosis());
        assertEquals(whole.eventsChecked(), r.eventsChecked());
        assertEquals(whole.totalEvents(), r.totalEvents());
        assertEquals(whole.actions(), r.actions());
        assertEquals(whole.states(), r.states());
        assertEquals("Pair.tla", c.header().spec());
        assertEquals(r.eventsChecked(), started.get().explained());
        return c;
    }

    @Test
    void aConformingTraceOfManyBatches() throws IOException {
        int n = 2 * TraceReader.BATCH + 5;
        StreamingCheck.Checked c = same(trace("ok.ndjson", n, l -> {}));
        assertTrue(c.result().conforms());
        assertEquals(n, c.result().totalEvents());
    }

    @Test
    void aDivergenceInALaterBatchIsDiagnosedAndTheRestCounted() throws IOException {
        int n = 2 * TraceReader.BATCH + 5;
        StreamingCheck.Checked c = same(trace("bad.ndjson", n, l -> l.set(TraceReader.BATCH + 10, inc(7))));
        assertFalse(c.result().conforms());
        assertEquals(n, c.result().totalEvents());
        assertTrue(c.result().diagnosis().startsWith("event " + (TraceReader.BATCH + 10) + " "), c.result().diagnosis());
    }

    @Test
    void aMalformedLineRefusesTheTraceEvenAfterADivergence() throws IOException {
        int n = 2 * TraceReader.BATCH + 5;
        same(trace("broken.ndjson", n, l -> {
            l.set(3, inc(99));
            l.set(2 * TraceReader.BATCH, "{\"event\":\"IncX\",\"vars\":{\"x\":01}}");
        }));
    }

    @Test
    void aMalformedLineComesBeforeASpecThatIsNotThere() throws IOException {
        same(trace("nospec.ndjson", 10, l -> {
            l.set(0, "{\"trace\":\"barreleye/1\",\"spec\":\"Nowhere.tla\"}");
            l.set(7, "not json");
        }));
        Trace.TraceException e = assertThrows(Trace.TraceException.class, () -> StreamingCheck.check(
                trace("nospec2.ndjson", 3, l -> l.set(0, "{\"trace\":\"barreleye/1\",\"spec\":\"Nowhere.tla\"}")), dir, v -> {}));
        assertTrue(e.getMessage().contains("the spec Nowhere.tla is not found"), e.getMessage());
    }

    @Test
    void eventsInClockOrderAndEmptyTraces() throws IOException {
        // the lines of x = 5 and x = 6 swapped in the file, their clocks telling the order
        StreamingCheck.Checked c = same(trace("clock.ndjson", 40, l -> {
            l.set(0, TraceReaderTest.HEADER.replace("}", ",\"order\":\"clock\"}"));
            for (int i = 1; i < l.size(); i++) l.set(i, l.get(i).replace("{\"event\"", "{\"clock\":" + i + ",\"event\""));
            l.set(5, l.set(6, l.get(5)));
        }));
        assertTrue(c.result().conforms());
        same(trace("header-only.ndjson", 0, l -> {}));
        same(trace("empty.ndjson", 0, List::clear));
    }
}
