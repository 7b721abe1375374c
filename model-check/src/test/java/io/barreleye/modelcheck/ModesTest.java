package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Simulation, coverage, state-graph export, JSON, VIEW and SYMMETRY. */
class ModesTest {
    @TempDir
    Path dir;

    static final String COUNTERS = """
            ---- MODULE Counters ----
            EXTENDS Naturals
            VARIABLES x, y
            Init == x = 0 /\\ y = 0
            IncX == x < 5 /\\ x' = x + 1 /\\ UNCHANGED y
            IncY == y < 5 /\\ y' = y + 1 /\\ UNCHANGED x
            Never == x > 10 /\\ x' = 0 /\\ UNCHANGED y
            Next == IncX \\/ IncY \\/ Never
            Small == x + y < 7
            ====
            """;

    Specs.Run run(CheckOptions o) {
        return Specs.run(o);
    }

    CheckOptions options(String cfg) throws IOException {
        Files.writeString(dir.resolve("Counters.tla"), COUNTERS);
        Files.writeString(dir.resolve("Counters.cfg"), cfg);
        CheckOptions o = new CheckOptions();
        o.spec = dir.resolve("Counters.tla");
        o.progressSeconds = 0;
        return o;
    }

    @Test
    void simulationIsReproducibleBySeedAndFindsViolations() throws IOException {
        CheckOptions o = options("INIT Init\nNEXT Next\nINVARIANT Small\nCHECK_DEADLOCK FALSE\n");
        o.simulate = true;
        o.seed = 7L;
        o.depth = 20;
        Specs.Run a = run(o);
        Specs.Run b = run(o);
        assertEquals(12, a.result().exitCode(), a.output());
        assertTrue(a.output().contains("seed 7"), a.output());
        assertEquals(a.result().trace.size(), b.result().trace.size());
        for (int i = 0; i < a.result().trace.size(); i++) {
            assertEquals(a.result().trace.get(i).state()[0], b.result().trace.get(i).state()[0]);
            assertEquals(a.result().trace.get(i).state()[1], b.result().trace.get(i).state()[1]);
        }
        CheckResult.Step last = a.result().trace.get(a.result().trace.size() - 1);
        assertEquals(7, Integer.parseInt(last.state()[0].toString()) + Integer.parseInt(last.state()[1].toString()));
    }

    @Test
    void coverageListsEveryActionIncludingNeverTaken() throws IOException {
        CheckOptions o = options("INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        o.coverage = true;
        Specs.Run r = run(o);
        assertEquals(0, r.result().exitCode(), r.output());
        assertEquals(3, r.result().coverage.size(), r.output());
        CheckResult.Coverage incX = r.result().coverage.get(0);
        assertEquals("IncX", incX.action().name());
        assertEquals(30, incX.enabled()); // x < 5: 5 values of x times 6 of y
        assertEquals(30, incX.generated());
        assertEquals(0, r.result().coverage.get(2).generated());
        assertTrue(r.output().contains("<- never taken"), r.output());
    }

    @Test
    void dotExportAndJson() throws IOException {
        CheckOptions o = options("INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        o.dumpDot = dir.resolve("g.dot");
        Specs.Run r = run(o);
        assertEquals(0, r.result().exitCode(), r.output());
        String dot = Files.readString(dir.resolve("g.dot"));
        assertTrue(dot.startsWith("digraph StateGraph {"), dot);
        assertEquals(36, dot.lines().filter(l -> l.contains("[label=\"/\\\\ x")).count());
        assertEquals(60, dot.lines().filter(l -> l.contains(" -> ")).count());
        String json = Report.json(r.result());
        assertTrue(json.contains("\"distinctStates\": 36") && json.contains("\"verdict\": \"SUCCESS\""), json);
    }

    @Test
    void aliasChangesHowCounterexamplesPrintAndPostconditionSeesTheCounts() throws IOException {
        String spec = COUNTERS.replace("====", "Alias == [sum |-> x + y, x |-> x]\nPost == TLCGet(\"distinct\") = 36\n"
                + "WrongPost == TLCGet(\"distinct\") < 10\n====").replace("EXTENDS Naturals", "EXTENDS Naturals, TLC");
        Specs.Run a = Specs.check(dir, "Counters", spec, "INIT Init\nNEXT Next\nINVARIANT Small\nALIAS Alias\n", 1);
        assertEquals(12, a.result().exitCode(), a.output());
        assertTrue(a.output().contains("/\\ sum = 7"), a.output());
        Specs.Run ok = Specs.check(dir, "Counters", spec, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\nPOSTCONDITION Post\n", 1);
        assertEquals(0, ok.result().exitCode(), ok.output());
        Specs.Run bad = Specs.check(dir, "Counters", spec, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\nPOSTCONDITION WrongPost\n", 1);
        assertEquals(12, bad.result().exitCode(), bad.output());
        assertTrue(bad.output().contains("The postcondition WrongPost is violated."), bad.output());
    }

    @Test
    void viewAndSymmetryReduceTheStateSpace() throws IOException {
        String spec = """
                ---- MODULE Sym ----
                EXTENDS TLC
                CONSTANT P
                VARIABLE owner
                Init == owner \\in P
                Next == \\E p \\in P : owner' = p
                Sym == Permutations(P)
                V == 0
                ====
                """;
        Specs.Run plain = Specs.check(dir, "Sym", spec, "CONSTANT P = {a, b, c}\nINIT Init\nNEXT Next\n", 1);
        assertEquals(3, plain.result().distinct, plain.output());
        Specs.Run sym = Specs.check(dir, "Sym", spec, "CONSTANT P = {a, b, c}\nINIT Init\nNEXT Next\nSYMMETRY Sym\n", 1);
        assertEquals(1, sym.result().distinct, sym.output());
        Specs.Run view = Specs.check(dir, "Sym", spec, "CONSTANT P = {a, b, c}\nINIT Init\nNEXT Next\nVIEW V\n", 1);
        assertEquals(1, view.result().distinct, view.output());
    }
}
