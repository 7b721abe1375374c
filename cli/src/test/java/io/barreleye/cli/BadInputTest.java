package io.barreleye.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.CheckOptions;
import io.barreleye.modelcheck.ModelChecker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 14: bad input loses nothing and gets nowhere; every case ends in one line and its exit status. */
class BadInputTest extends CapturedOutput {
    static final String CFG = "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n";

    @AfterEach
    void noStackTrace() {
        String all = out() + err();
        assertFalse(all.contains("\tat ") || all.contains("Exception in thread"), "stack trace printed:\n" + all);
    }

    Path counter() throws IOException {
        write("Counter.cfg", CFG);
        return write("Counter.tla", CliTest.COUNTER);
    }

    List<String> listing() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void outputsNeverReplaceSpecsModelsOrTraces() throws IOException {
        Path tla = counter();
        Path cfg = dir.resolve("Counter.cfg");
        assertEquals(2, Barreleye.execute("check", "-dump", "dot", tla.toString(), tla.toString()));
        assertTrue(err().contains(tla + " is a spec; refusing to overwrite it"), err());
        assertEquals(2, Barreleye.execute("check", "-json", cfg.toString(), tla.toString()));
        assertTrue(err().contains(cfg + " is a model; refusing"), err());
        assertEquals(2, Barreleye.execute("traces", "simulate", tla.toString(), "--out", tla.toString()));
        Path trace = dir.resolve("t.ndjson");
        assertEquals(0, Barreleye.execute("traces", "simulate", tla.toString(), "-depth", "3", "--out", trace.toString()));
        String recorded = Files.readString(trace);
        assertEquals(2, Barreleye.execute("traces", "simulate", tla.toString(), "-seed", "2", "--out", trace.toString()));
        assertTrue(err().contains("is a trace; refusing"), err());
        assertEquals(2, Barreleye.execute("check", "-json", trace.toString(), tla.toString()));
        assertEquals(CliTest.COUNTER, Files.readString(tla));
        assertEquals(CFG, Files.readString(cfg));
        assertEquals(recorded, Files.readString(trace));
        assertEquals(List.of("", "Counter.cfg", "Counter.tla", "t.ndjson"), listing());
    }

    @Test
    void dumpIsWrittenOnAViolationToo() throws IOException {
        Path tla = counter();
        Path cfg = write("Small.cfg", "INIT Init\nNEXT Next\nINVARIANT Small\n");
        Path dot = dir.resolve("g.dot");
        assertEquals(12, Barreleye.execute("check", tla.toString(), "-config", cfg.toString(), "-dump", "dot", dot.toString()));
        assertTrue(Files.readString(dot).startsWith("digraph StateGraph"), "the graph explored up to the violation");
        assertTrue(out().contains("Invariant Small is violated") && out().contains("Wrote the state graph"), out());
    }

    @Test
    void jsonThatCannotBeWrittenKeepsTheVerdictsExitAndSaysSoOnce() throws IOException {
        Path tla = counter();
        Path cfg = write("Small.cfg", "INIT Init\nNEXT Next\nINVARIANT Small\n");
        assertEquals(12, Barreleye.execute("check", tla.toString(), "-config", cfg.toString(), "-json",
                dir.resolve("missing/r.json").toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("the folder " + dir.resolve("missing") + " does not exist"), err());
        std.resetErr();
        assertEquals(0, Barreleye.execute("check", tla.toString(), "-json", dir.toString()));
        assertTrue(err().contains(dir + " is a folder"), err());
        assertFalse(Files.exists(dir.resolve("missing")));
    }

    @Test
    void exportTlaNeverReplacesAnotherSpecNorGrowsFoldersNorLeavesCopies() throws IOException {
        Path tla = counter();
        Path trace = dir.resolve("t.ndjson");
        assertEquals(0, Barreleye.execute("traces", "simulate", tla.toString(), "-depth", "3", "--out", trace.toString()));
        assertEquals(2, Barreleye.execute("traces", "export-tla", trace.toString(), "--out", dir.resolve("a/b/c").toString()));
        assertTrue(err().contains("does not exist"), err());
        assertFalse(Files.exists(dir.resolve("a")));
        Path other = write("other/Counter.tla", "---- MODULE Counter ----\n\\* someone else's\n====\n");
        assertEquals(2, Barreleye.execute("traces", "export-tla", trace.toString(), "--out", other.getParent().toString()));
        assertTrue(err().contains("is a spec; refusing to overwrite it"), err());
        assertEquals(List.of("Counter.tla"), names(other.getParent()), "no partial export left behind");
        Path out1 = dir.resolve("export");
        assertEquals(0, Barreleye.execute("traces", "export-tla", trace.toString(), "--out", out1.toString()));
        assertEquals(List.of("Counter.tla", "CounterTrace.cfg", "CounterTrace.tla"), names(out1));
        assertEquals(0, Barreleye.execute("traces", "export-tla", trace.toString(), "--out", out1.toString()),
                "an export replaces what an export wrote");
        assertEquals(0, ModelChecker.checkCaptured(CheckOptions.of(out1.resolve("CounterTrace.tla"),
                out1.resolve("CounterTrace.cfg"), 1)).result().exitCode() == 12 ? 0 : 1, "the export checks: the trace conforms");
    }

    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void malformedTracesAreRefusedWithTheirPosition() throws IOException {
        counter();
        Path deep = write("deep.ndjson", "{\"trace\":\"barreleye/1\",\"spec\":\"Counter.tla\"}\n{\"event\":\"Next\",\"vars\":{\"x\":"
                + "[".repeat(200_000) + "}}\n");
        Path escape = write("escape.ndjson", "{\"trace\":\"barreleye/1\",\"spec\":\"../../../../etc/passwd.tla\"}\n");
        Path wrongType = write("wrong.ndjson", "{\"trace\":\"barreleye/1\",\"spec\":\"Counter.tla\"}\n{\"event\":\"Next\",\"vars\":[{\"x\":1}]}\n");
        assertEquals(1, Barreleye.execute("traces", "check", "--specs", dir.toString(), deep.toString(), escape.toString(),
                wrongType.toString()));
        assertTrue(out().contains(deep + ":2:227: nested deeper than 200 levels"), out());
        assertTrue(out().contains(escape + ":1:31: \"spec\" must be a plain relative name"), out());
        assertTrue(out().contains(wrongType + ":2:24: \"vars\" must be an object"), out());
        assertEquals(3, out().lines().count(), out());
        assertEquals(2, Barreleye.execute("traces", "check", "--specs", dir.resolve("none").toString(), deep.toString()));
    }

    @Test
    void simulateSaysWhatWentWrongInOneLine() throws IOException {
        write("Bad.cfg", CFG);
        Path bad = write("Bad.tla", "---- MODULE Bad ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x + TRUE\n====\n");
        assertEquals(75, Barreleye.execute("traces", "simulate", bad.toString(), "--out", dir.resolve("t.ndjson").toString()));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().startsWith("barreleye traces simulate: evaluation error: "), err());
        assertFalse(Files.exists(dir.resolve("t.ndjson")));
        std.resetErr();
        assertEquals(2, Barreleye.execute("traces", "simulate", counter().toString(), "--out", dir.toString()));
        assertTrue(err().contains(dir + " is a folder"), err());
    }

    @Test
    void runRefusesArgumentsThatCannotDoWhatTheySay() {
        assertEquals(2, Barreleye.execute("run", "--slots", "50000000"));
        assertTrue(err().contains("--slots must be from 3 to 32768"), err());
        assertEquals(2, Barreleye.execute("run", "--rounds", "2000000000"));
        assertTrue(err().contains("--rounds must be from 1 to 500000000"), err());
        assertEquals(2, Barreleye.execute("run", "--progress", "0"));
        std.resetErr();
        assertEquals(2, Barreleye.execute("run", "--cores", "4", "--seed", "1", "--rounds", "2", "--crash", "5000000:2"));
        assertTrue(out().contains("Completed"), out());
        assertTrue(err().matches("barreleye run: --crash 5000000:2 never happened: the run ended at step \\d+\\R"), err());
    }

    @Test
    void longRunsPrintProgressAndASummary() throws Exception {
        java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream();
        java.util.concurrent.CountDownLatch twoLines = new java.util.concurrent.CountDownLatch(2);
        PrintStream ps = new PrintStream(lines, true, StandardCharsets.UTF_8);
        // the job ends only after two progress lines, so the test waits on the lines, not on the clock
        String r = Progress.run(() -> {
            twoLines.await();
            return "done";
        }, 1, ms -> {
            twoLines.countDown();
            return "Progress: " + ms + " ms";
        }, ps);
        assertEquals("done", r);
        assertTrue(lines.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Progress: ")).count() >= 2);
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Progress.run(() -> { throw new IOException("boom"); }, 1000, ms -> "", ps));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void checkAllTakesNoSpec() {
        assertEquals(2, Barreleye.execute("check", "--all", "X.tla"));
        assertTrue(err().contains("--all checks every model under specs/; give it no spec (not X.tla)"), err());
    }

    @Test
    void compareTlcWithABrokenJarSaysTlcDidNotRunAndLeavesNothingBehind() throws IOException {
        Path tla = counter();
        Path jar = write("broken.jar", "not a jar");
        List<String> before = listing();
        CheckOptions o = CheckOptions.of(tla, dir.resolve("Counter.cfg"), 1);
        var r = ModelChecker.checkCaptured(o).result();
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        assertEquals(2, TlcComparison.compare(jar, o, r, new PrintStream(buf, true, StandardCharsets.UTF_8)));
        String said = buf.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("TLC did not run: "), said);
        assertFalse(said.contains("DISAGREE"), said);
        assertEquals(before, listing());
    }

    @Test
    void tlcCommandLinesWork() throws IOException {
        Path tla = counter();
        String base = tla.toString().replaceFirst("\\.tla$", "");
        assertEquals(0, Barreleye.execute("check", "-fp", "7", "-cleanup", "-metadir", dir.resolve("states").toString(),
                "-noGenerateSpecTE", "-lncheck", "final", "-workers", "1", base));
        assertTrue(out().contains("4 distinct states found"), out());
        assertFalse(Files.exists(dir.resolve("states")));
        std.resetOut();
        assertEquals(0, Barreleye.execute("check", "-config", base, "-dump", "dot,actionlabels,colorize",
                dir.resolve("g.dot").toString(), base));
        assertTrue(out().contains("Wrote the state graph (4 states)"), out());
        assertEquals(2, Barreleye.execute("check", "-dump", "dot,sparkles", dir.resolve("h.dot").toString(), base));
        assertEquals(2, Barreleye.execute("check", "-fp", "131", base));
        assertTrue(err().contains("-fp takes a number from 0 to 130"), err());
        std.resetErr();
        assertEquals(2, Barreleye.execute("check", "-checkpoint", "5", base));
        assertTrue(err().startsWith("barreleye: TLC's option -checkpoint is not supported by barreleye check"), err());
        assertEquals(2, Barreleye.execute("check", "-gzip", base));
        assertTrue(err().contains("TLC's option -gzip is not supported"), err());
    }
}
