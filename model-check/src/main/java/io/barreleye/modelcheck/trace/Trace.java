package io.barreleye.modelcheck.trace;

import io.barreleye.modelcheck.value.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A trace file (NDJSON, see traces/README.md): a header naming the spec, the model and the
 * constants, then one event per line. Events of a threaded run are put in the order of their
 * logical clocks when the header says {@code "order": "clock"}. A trace is input from elsewhere, so
 * it is read strictly ({@link TraceReader}): what the format does not say is refused with its line
 * and column, never guessed at. {@code headerLine} is the header's line number.
 */
public record Trace(Path file, String spec, String model, Map<String, Value> constants, List<TraceEvent> events,
        int headerLine) {
    /** A malformed trace, located by line and column. */
    public static final class TraceException extends RuntimeException {
        public TraceException(String message) {
            super(message, null, false, false);
        }
    }

    public static Trace read(Path file) throws IOException {
        TraceReader.Collected c = new TraceReader.Collected();
        read(file, c);
        return c.trace(file);
    }

    /** Reads a trace file, handing its header and then its events, a batch at a time, to {@code sink}. */
    static void read(Path file, TraceReader.Sink sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            try {
                TraceReader.read(file, new TraceLines(in), sink);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /**
     * A trace held in memory, as lines: what a test or suite that records thousands of runs
     * validates without writing files. {@code file} names it in messages and is where the header's
     * spec and model are looked for first.
     */
    public static Trace of(Path file, List<String> lines) {
        return TraceReader.read(file, lines.iterator());
    }
}
