package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporal properties beyond the fixed forms: nested formulas, action formulas, ENABLED, WF and SF
 * as properties, and refinement of an instantiated spec, all decided through the tableau.
 */
class TemporalPropertiesTest {
    @TempDir
    Path dir;

    Specs.Run server(String spec, String property) {
        return Specs.check(dir, "Server", LivenessTest.SERVER.replace("====", """
                Nested == <>(req = 1 /\\ [](busy))
                FlipsSettle == [](busy => <>~busy)
                IdleOrAsked == <>[](req = 0) \\/ []<>(req = 1)
                FlipsForever == []<><<Flip>>_vars
                OnlyFlipsEventually == <>[][Flip]_vars
                ServeWeak == WF_vars(Serve)
                ServeStrong == SF_vars(Serve)
                ServeEnabledOften == []<>(ENABLED Serve)
                ====
                """), "SPECIFICATION " + spec + "\nPROPERTY " + property + "\n", 1);
    }

    @Test
    void nestedFormulas() {
        Specs.Run fails = server("WeakFair", "Nested");
        assertEquals(13, fails.result().exitCode(), fails.output());
        assertTrue(fails.output().contains("Temporal property Nested was violated."), fails.output());
        assertTrue(fails.result().loopBack >= 0, "a cycle: Flip keeps busy changing\n" + fails.output());
        assertEquals(0, server("WeakFair", "FlipsSettle").result().exitCode());
        assertEquals(0, server("StrongFair", "IdleOrAsked").result().exitCode());
    }

    @Test
    void actionFormulas() {
        assertEquals(0, server("WeakFair", "FlipsForever").result().exitCode());
        Specs.Run unfair = server("NoFair", "FlipsForever");
        assertEquals(13, unfair.result().exitCode(), unfair.output());
        // a cycle of Ask and Serve (or a stutter) on which no Flip step is taken
        CheckResult r = unfair.result();
        for (int i = Math.max(1, r.loopBack + 1); r.loopBack >= 0 && i < r.trace.size(); i++) {
            assertFalse(r.trace.get(i).label().name().equals("Flip"), unfair.output());
        }
        if (r.loopBack >= 0) assertFalse(r.loopLabel.name().equals("Flip"), unfair.output());
        Specs.Run steps = server("StrongFair", "OnlyFlipsEventually");
        assertEquals(13, steps.result().exitCode(), "requests keep being served\n" + steps.output());
        assertTrue(steps.result().loopBack >= 0, steps.output());
    }

    @Test
    void fairnessAndEnabledAsProperties() {
        assertEquals(0, server("StrongFair", "ServeWeak").result().exitCode(), "SF implies WF");
        assertEquals(0, server("StrongFair", "ServeStrong").result().exitCode());
        Specs.Run weak = server("WeakFair", "ServeStrong");
        assertEquals(13, weak.result().exitCode(), "Serve is enabled infinitely often but never taken\n" + weak.output());
        assertEquals(0, server("WeakFair", "ServeWeak").result().exitCode());
        Specs.Run enabled = server("NoFair", "ServeEnabledOften");
        assertEquals(13, enabled.result().exitCode(), enabled.output());
        assertEquals(-1, enabled.result().loopBack, enabled.output());
    }

    /** A two-bit counter refining a counter modulo 4 under x <- 2 * hi + lo. */
    static final String COUNTER = """
            ---- MODULE Counter ----
            EXTENDS Naturals
            VARIABLES hi, lo
            vars == <<hi, lo>>
            Abs == INSTANCE Mod4 WITH x <- 2 * hi + lo
            Init == hi = 0 /\\ lo = 0
            IncLo == lo = 0 /\\ lo' = 1 /\\ UNCHANGED hi
            Carry == lo = 1 /\\ lo' = 0 /\\ hi' = 1 - hi
            Skip == hi = 1 /\\ lo = 1 /\\ lo' = 0 /\\ hi' = 0 /\\ FALSE
            Back == hi = 1 /\\ lo = 0 /\\ hi' = 0 /\\ UNCHANGED lo
            Spec == Init /\\ [][IncLo \\/ Carry]_vars /\\ WF_vars(IncLo \\/ Carry)
            Lazy == Init /\\ [][IncLo \\/ Carry]_vars
            Buggy == Init /\\ [][IncLo \\/ Carry \\/ Back]_vars /\\ WF_vars(IncLo \\/ Carry \\/ Back)
            AbsSpec == Abs!Spec
            ====
            """;

    Specs.Run counter(String spec) throws IOException {
        Files.writeString(dir.resolve("Mod4.tla"), """
                ---- MODULE Mod4 ----
                EXTENDS Naturals
                VARIABLE x
                Inc == x' = (x + 1) % 4
                Spec == x = 0 /\\ [][Inc]_x /\\ WF_x(Inc)
                ====
                """);
        return Specs.check(dir, "Counter", COUNTER, "SPECIFICATION " + spec + "\nPROPERTY AbsSpec\n", 1);
    }

    @Test
    void refinementOfAnInstantiatedSpec() throws IOException {
        Specs.Run holds = counter("Spec");
        assertEquals(0, holds.result().exitCode(), holds.output());
        assertEquals(4, holds.result().distinct);
        Specs.Run badStep = counter("Buggy");
        assertEquals(13, badStep.result().exitCode(), badStep.output());
        assertTrue(badStep.output().contains("Error: Action property line 5, col 18 to line 5, col 26 of module Mod4"
                + " is violated."), "the step part is named by its place, as TLC names it\n" + badStep.output());
        Specs.Run lazy = counter("Lazy");
        assertEquals(13, lazy.result().exitCode(), lazy.output());
        assertTrue(lazy.output().contains("Temporal property AbsSpec was violated."), lazy.output());
        assertTrue(lazy.output().contains("State 2: Stuttering"), "WF_x(Inc) fails at once\n" + lazy.output());
    }

    @Test
    void severalWorkersBuildTheSameGraph() {
        String spec = LivenessTest.SERVER.replace("====", "FlipsForever == []<><<Flip>>_vars\nNested == <>(req = 1 /\\ [](busy))\n====");
        for (String p : new String[] {"FlipsForever", "Nested"}) {
            Specs.Run one = Specs.check(dir, "Server", spec, "SPECIFICATION WeakFair\nPROPERTY " + p + "\n", 1);
            Specs.Run two = Specs.check(dir, "Server", spec, "SPECIFICATION WeakFair\nPROPERTY " + p + "\n", 2);
            assertEquals(one.result().exitCode(), two.result().exitCode(), two.output());
            assertEquals(one.result().distinct, two.result().distinct, two.output());
        }
    }

    @Test
    void symmetryWithLivenessWarnsAndGoesOn() {
        String spec = """
                ---- MODULE Ring ----
                EXTENDS TLC
                CONSTANT P
                VARIABLE pc
                Init == pc = [p \\in P |-> "a"]
                Step(p) == pc[p] = "a" /\\ pc' = [pc EXCEPT ![p] = "b"]
                Spec == Init /\\ [][\\E p \\in P : Step(p)]_pc /\\ \\A p \\in P : WF_pc(Step(p))
                AllDone == \\A p \\in P : <>(pc[p] = "b")
                Sym == Permutations(P)
                ====
                """;
        Specs.Run r = Specs.check(dir, "Ring", spec,
                "CONSTANT P = {p1, p2}\nSPECIFICATION Spec\nPROPERTY AllDone\nSYMMETRY Sym\nCHECK_DEADLOCK FALSE\n", 1);
        assertEquals(0, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("Warning: Declaring symmetry during liveness checking is dangerous."), r.output());
        Specs.Run plain = Specs.check(dir, "Ring", spec,
                "CONSTANT P = {p1, p2}\nSPECIFICATION Spec\nINVARIANT TRUE_\nCHECK_DEADLOCK FALSE\n".replace(
                        "INVARIANT TRUE_\n", "SYMMETRY Sym\n"), 1);
        assertFalse(plain.output().contains("Warning: Declaring symmetry"), "no temporal property, no warning\n" + plain.output());
    }
}
