package io.barreleye.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it: exit statuses, messages, no stack traces. */
class CliTest extends CapturedOutput {
    static final String COUNTER = "---- MODULE Counter ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\n"
            + "Next == x < 3 /\\ x' = x + 1\nSmall == x < 3\n====\n";

    /** verify's summary: one line per workload and runtime, and a diverging run's diagnosis in full. */
    @Test
    void verifySummarisesRunsAndPrintsEveryDivergence() {
        var ok = new io.barreleye.modelcheck.trace.TraceValidator.Result(true, 10, 10, null, java.util.Map.of(), java.util.Set.of());
        var bad = new io.barreleye.modelcheck.trace.TraceValidator.Result(false, 3, 10,
                "event 4 (line 5): Recv(1)\n  Recv cannot be taken there", java.util.Map.of(), java.util.Set.of());
        var runs = java.util.List.of(
                new io.barreleye.traces.Conformance.Run("urpc-A", "Urpc.tla", "Urpc.cfg", "sim", 1, dir.resolve("a.ndjson"), 1, ok, true),
                new io.barreleye.traces.Conformance.Run("urpc-A", "Urpc.tla", "Urpc.cfg", "sim", 2, dir.resolve("b.ndjson"), 1, bad, true),
                new io.barreleye.traces.Conformance.Run("caps", "CapCommit.tla", "CapCommit.cfg", "threads", 0, dir.resolve("c.ndjson"), 1, ok,
                        true));
        assertEquals(1, VerifyCommand.printRuns(runs));
        String o = out();
        assertTrue(o.matches("(?s).*urpc-A +Urpc.tla +sim +2 +2 +20 +1 DIVERGE.*"), o);
        assertTrue(o.matches("(?s).*caps +CapCommit.tla +threads +1 +1 +10 +all conform.*"), o);
        assertTrue(o.contains("urpc-A (sim, seed 2) diverges from Urpc.tla") && o.contains("  Recv cannot be taken there"), o);
        assertTrue(o.contains("3 runs, 3 traces, 30 events: 1 diverge"), o);
    }

    @Test
    void checksWithTlcFlagSpellings() throws IOException {
        Path tla = write("Counter.tla", COUNTER);
        write("Counter.cfg", "INIT Init\nNEXT Next\n");
        assertEquals(11, Barreleye.execute("check", tla.toString()), out());
        assertTrue(out().contains("Deadlock reached."), out());
        assertEquals(0, Barreleye.execute("check", tla.toString(), "-deadlock", "-workers", "2"), out());
        assertTrue(out().contains("4 states generated, 4 distinct states found, 0 states left on queue."), out());
    }

    @Test
    void invariantViolationWritesJson() throws IOException {
        Path tla = write("Counter.tla", COUNTER);
        Path cfg = write("Small.cfg", "INIT Init\nNEXT Next\nINVARIANT Small\n");
        Path json = dir.resolve("result.json");
        assertEquals(12, Barreleye.execute("check", tla.toString(), "-config", cfg.toString(), "-json", json.toString()));
        assertTrue(out().contains("Error: Invariant Small is violated."), out());
        String j = Files.readString(json);
        assertTrue(j.contains("\"verdict\": \"SAFETY_VIOLATION\"") && j.contains("\"exitCode\": 12"), j);
        assertTrue(j.contains("\"x\": \"3\""), j);
    }

    @Test
    void userMistakesGetOneLineAndNoStackTrace() throws IOException {
        assertEquals(2, Barreleye.execute("check", "--no-such-flag"));
        assertTrue(err().contains("Unknown option"), err());
        assertEquals(2, Barreleye.execute("check", "x.tla", "-workers", "many"));
        assertTrue(err().contains("-workers takes a positive number"), err());
        assertEquals(150, Barreleye.execute("check", dir.resolve("Missing.tla").toString()));
        assertTrue(out().contains("no such file"), out());
        Path tla = write("Counter.tla", COUNTER);
        assertEquals(151, Barreleye.execute("check", tla.toString()));
        assertTrue(out().contains("cannot read the model"), out());
        assertFalse((out() + err()).contains("\tat "), "stack trace printed:\n" + out() + err());
    }

    @Test
    void simulationCoverageAndDotFromTheCommandLine() throws IOException {
        Path tla = write("Counter.tla", COUNTER);
        write("Counter.cfg", "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        assertEquals(0, Barreleye.execute("check", tla.toString(), "-simulate", "-seed", "3", "-depth", "10", "-num", "5"));
        assertTrue(out().contains("5 behaviours from seed 3"), out());
        assertEquals(0, Barreleye.execute("check", tla.toString(), "-coverage", "-dump", "dot", dir.resolve("g.dot").toString()));
        assertTrue(out().contains("Coverage") && Files.exists(dir.resolve("g.dot")), out());
        assertEquals(2, Barreleye.execute("check", tla.toString(), "-dump", "png", "x"));
        assertTrue(err().contains("-dump dot FILE"), err());
        assertEquals(2, Barreleye.execute("check", tla.toString(), "-simulate", "-depth", "0"));
    }

    @Test
    void compareTlcSaysHowToEnableItWhenNoJarIsGiven() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(TlcComparison.jar() == null, "TLA2TOOLS_JAR is set");
        Path tla = write("Counter.tla", COUNTER);
        write("Counter.cfg", "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        assertEquals(0, Barreleye.execute("check", tla.toString(), "--compare-tlc"));
        assertTrue(out().contains("TLC comparison skipped: set TLA2TOOLS_JAR"), out());
    }

    @Test
    void runBootsAMachineAndReportsTheWorkload() {
        assertEquals(0, Barreleye.execute("run", "--machine", "amd-4x4", "--cores", "4", "--seed", "9", "--rounds", "20"));
        String first = out();
        assertTrue(first.contains("Machine amd-4x4, 4 cores, runtime sim (seed 9), workload storm"), first);
        assertTrue(first.contains("Messages sent: 240"), first);
        assertTrue(first.contains("Replay: ./barreleye run --machine amd-4x4 --cores 4 --runtime sim --seed 9"), first);
        std.resetOut();
        assertEquals(0, Barreleye.execute("run", "--machine", "amd-4x4", "--cores", "4", "--seed", "9", "--rounds", "20"));
        // the sharing calibration measures this host, so its numbers (not the run) differ between runs
        assertEquals(first.replaceAll("in \\d+ ms", "").replaceAll("(?m)^sharing: cache group.*\\R", ""),
                out().replaceAll("in \\d+ ms", "").replaceAll("(?m)^sharing: cache group.*\\R", ""), "same seed, same run");
        assertEquals(0, Barreleye.execute("run", "--machine", "single-16", "--cores", "2", "--runtime", "threads",
                "--workload", "ping-pong", "--rounds", "100"));
        assertTrue(out().contains("Latency (ns) over 100 samples"), out());
        assertEquals(2, Barreleye.execute("run", "--machine", "nope"));
        assertTrue(err().contains("unknown machine 'nope'"), err());
        assertEquals(2, Barreleye.execute("run", "--cores", "99"));
        assertEquals(2, Barreleye.execute("run", "--workload", "dance"));
        assertEquals(2, Barreleye.execute("run", "--runtime", "quantum"));
        std.resetOut();
        assertEquals(0, Barreleye.execute("run", "--workload", "map-unmap", "--cores", "6", "--seed", "2", "--rounds", "5",
                "--crash", "100:3"));
        assertTrue(out().contains("(removed)") && out().contains("--crash 100:3"), out());
        assertEquals(2, Barreleye.execute("run", "--crash", "soon"));
        assertEquals(2, Barreleye.execute("run", "--crash", "10:0"));
        assertEquals(2, Barreleye.execute("run", "--runtime", "threads", "--crash", "10:1"));
    }

    @Test
    void checkAllComparesWithExpectedVerdicts() throws IOException {
        write("specs/Counter.tla", COUNTER);
        write("specs/Counter.cfg", "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        write("specs/Counter_inv.cfg", "\\* EXPECT: 12 Invariant Small is violated\nINIT Init\nNEXT Next\nINVARIANT Small\n");
        assertEquals(0, CheckCommand.checkAll(dir.resolve("specs"), 1, false), out());
        assertTrue(out().contains("2 of 2 models gave their expected verdict."), out());
        write("specs/Counter_wrong.cfg", "\\* EXPECT: 0\nINIT Init\nNEXT Next\nINVARIANT Small\n");
        assertEquals(1, CheckCommand.checkAll(dir.resolve("specs"), 1, false));
        assertTrue(out().contains("NO (expected exit 0)"), out());
        assertEquals(1, CheckCommand.checkAll(dir.resolve("nothing-here"), 1, false));
        assertTrue(err().contains("no models"), err());
    }

    @Test
    void checkAllComparesThePinnedCounts() throws IOException {
        write("specs/Counter.tla", COUNTER);
        // x = 0..3: 4 distinct states; 1 initial state and 3 successors generated
        write("specs/Counter.cfg", "\\* DISTINCT: 4\n\\* GENERATED: 4\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        assertEquals(0, CheckCommand.checkAll(dir.resolve("specs"), 1, false), out());
        write("specs/Counter.cfg", "\\* DISTINCT: 4\n\\* GENERATED: 5\nINIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        assertEquals(1, CheckCommand.checkAll(dir.resolve("specs"), 1, false), out());
        assertTrue(out().contains("and 4 distinct states and 5 states generated)"), out());
    }
}
