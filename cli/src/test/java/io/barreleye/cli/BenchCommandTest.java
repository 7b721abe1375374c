package io.barreleye.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench} and {@code run --sharing} as a user meets them (the quickest settings; JMH is not run here). */
class BenchCommandTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final StdCapture std = new StdCapture();

    private String out() {
        return std.out();
    }

    private String err() {
        return std.err();
    }

    @Test
    void tradeoffWritesItsFigureAndReportsTheCrossover() {
        Path report = dir.resolve("report");
        assertEquals(0, Barreleye.execute("bench", "tradeoff", "--quick", "--clients", "1", "--out", report.toString()), err());
        assertTrue(Files.isRegularFile(report.resolve("tradeoff.png")) && Files.isRegularFile(report.resolve("tradeoff.json"))
                && Files.isRegularFile(report.resolve("tradeoff.notes.tsv")), out());
        assertTrue(out().contains("crossover k=8: "), out());
    }

    @Test
    void sharingCalibratesThisMachinesGroups() throws IOException {
        assertEquals(0, Barreleye.execute("bench", "--out", dir.toString(), "--quick", "sharing"), err());
        String notes = Files.readString(dir.resolve("sharing.notes.tsv"));
        assertTrue(notes.startsWith("Boot calibration per cache group") && notes.contains("cores ["), notes);
    }

    @Test
    void theOutputNeverReplacesASpecOrLandsOnAFile() throws IOException {
        Path spec = Files.writeString(dir.resolve("Spec.tla"), "---- MODULE Spec ----\n====\n");
        assertEquals(2, Barreleye.execute("bench", "tradeoff", "--quick", "--out", spec.toString()));
        assertTrue(err().contains("not a directory"), err());
        assertEquals("---- MODULE Spec ----\n====\n", Files.readString(spec));
        assertEquals(2, Barreleye.execute("bench", "tradeoff", "--quick", "--clients", "0", "--out", dir.toString()));
        assertTrue(err().contains("clients must be at least 1"), err());
    }

    @Test
    void aBundleNeedsAnEmptyPlaceAndThePackagedJar() throws IOException {
        Files.writeString(dir.resolve("something"), "x");
        assertEquals(2, Barreleye.execute("bench", "--bundle", dir.toString()));
        assertTrue(err().contains("not empty") || err().contains("packaged jar"), err());
        assertEquals(2, Barreleye.execute("bench", "--bundle", dir.resolve("new").toString()));
        assertTrue(err().contains("packaged jar"), "tests run from classes, not from barreleye.jar: " + err());
    }

    @Test
    void runPrintsEachGroupsSharingChoiceAndObeysTheOverride() {
        assertEquals(0, Barreleye.execute("run", "--machine", "intel-2x4", "--seed", "3", "--rounds", "5", "--sharing", "messages"));
        assertTrue(out().contains("sharing: cache group [0, 1, 2, 3] -> MESSAGES (forced by --sharing messages)"), out());
        assertTrue(out().contains("sharing: cache group [4, 5, 6, 7] -> MESSAGES"), out());
        assertTrue(out().contains("sharing: the replicated message counter holds 280"), out());
        std.resetOut();
        assertEquals(0, Barreleye.execute("run", "--machine", "intel-2x4", "--cores", "5", "--seed", "3", "--rounds", "5"));
        assertTrue(out().contains("sharing: cache group [0, 1, 2, 3] -> ") && out().contains("measured at boot"), out());
        assertTrue(out().contains("sharing: cache group [4] -> MESSAGES (one core: nothing to share)"), out());
        std.resetOut();
        // membership hot-plugs a core beyond --cores: its messages are counted too, through core 0
        assertEquals(0, Barreleye.execute("run", "--workload", "membership", "--cores", "6", "--seed", "1",
                "--rounds", "5", "--sharing", "messages"), err());
        assertTrue(out().contains("sharing: the replicated message counter holds ") && !out().contains("EXPECTED"), out());
        assertEquals(2, Barreleye.execute("run", "--sharing", "sometimes"));
        assertTrue(err().contains("--sharing must be auto, messages or shared, not 'sometimes'"), err());
    }
}
