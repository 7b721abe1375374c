package io.barreleye.modelcheck.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress lines of the liveness check, on a clock the test moves by hand. */
class LivenessProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong now = new AtomicLong();

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOnceAnIntervalHasPassedAndOnlyThen() {
        LivenessProgress p = new LivenessProgress(out, 5, now::get, 4);
        p.start("Live", 1_000_000);
        for (int i = 0; i < 8; i++) p.visited();
        assertEquals("", printed(), "no interval has passed yet");
        now.addAndGet(5_000_000_000L);
        for (int i = 0; i < 3; i++) p.visited();
        assertEquals("", printed(), "the clock is read only every 4th visit");
        p.visited();
        assertEquals("Progress: checking temporal property Live: 12 of 1,000,000 graph nodes searched.\n",
                printed().replace(System.lineSeparator(), "\n"));
        for (int i = 0; i < 4; i++) p.visited();
        assertEquals(1, printed().lines().count(), "the next line waits for the next interval");
    }

    @Test
    void aNewPassCountsFromZeroAndNeverBeyondItsTotal() {
        LivenessProgress p = new LivenessProgress(out, 1, now::get, 1);
        p.start("A", 2);
        now.addAndGet(1_000_000_000L);
        p.visited();
        p.start("B", 2);
        for (int i = 0; i < 3; i++) p.visited();
        now.addAndGet(1_000_000_000L);
        p.visited();
        assertEquals(String.join("\n", "Progress: checking temporal property A: 1 of 2 graph nodes searched.",
                "Progress: checking temporal property B: 2 of 2 graph nodes searched.", ""),
                printed().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void silentWhenProgressIsOff() {
        LivenessProgress p = new LivenessProgress(out, 0, now::get, 1);
        p.start("Live", 10);
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 10; i++) p.visited();
        assertEquals("", printed());
    }
}
