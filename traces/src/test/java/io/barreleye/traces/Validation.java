package io.barreleye.traces;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.trace.Trace;
import io.barreleye.modelcheck.trace.TraceCheck;
import io.barreleye.modelcheck.trace.TraceValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the trace tests share: the specs folder, validating a recorded trace, a run's channels. */
final class Validation {
    static final Path SPECS = Path.of("..", "specs");

    private Validation() {}

    /** Writes the trace to {@code file} (there to read when a test fails) and validates it against its spec. */
    static TraceValidator.Result written(Path file, List<String> lines) throws IOException {
        Files.write(file, lines);
        return TraceCheck.check(Trace.read(file), SPECS);
    }

    /** Every channel of a run that carried a message conforms to specs/Urpc.tla (traces written under {@code dir}). */
    static void assertChannelsConform(ChannelTraces channels, Path dir, String prefix) throws IOException {
        for (ChannelTraces.Checked c : channels.checkAll(dir, prefix, SPECS)) {
            assertTrue(c.result().conforms(), c.file() + ": " + c.result().diagnosis());
        }
    }
}
