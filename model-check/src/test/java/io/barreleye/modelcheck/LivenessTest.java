package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporal properties under fairness: which hold only under WF, only under SF, and fail without. */
class LivenessTest {
    @TempDir
    Path dir;

    /** A server that may be interrupted: Serve is enabled only while not busy. */
    static final String SERVER = """
            ---- MODULE Server ----
            EXTENDS Naturals
            VARIABLES req, busy
            vars == <<req, busy>>
            Init == req = 0 /\\ busy = FALSE
            Ask == req = 0 /\\ req' = 1 /\\ UNCHANGED busy
            Flip == busy' = ~busy /\\ UNCHANGED req
            Serve == req = 1 /\\ ~busy /\\ req' = 0 /\\ UNCHANGED busy
            Next == Ask \\/ Flip \\/ Serve
            NoFair == Init /\\ [][Next]_vars
            WeakFair == Init /\\ [][Next]_vars /\\ WF_vars(Flip) /\\ WF_vars(Serve) /\\ WF_vars(Ask)
            StrongFair == Init /\\ [][Next]_vars /\\ WF_vars(Flip) /\\ SF_vars(Serve) /\\ WF_vars(Ask)
            Served == (req = 1) ~> (req = 0)
            AskedOften == []<>(req = 1)
            SettlesIdle == <>[](req = 0)
            ====
            """;

    Specs.Run run(String spec, String props) {
        return Specs.check(dir, "Server", SERVER, "SPECIFICATION " + spec + "\nPROPERTIES " + props + "\n", 1);
    }

    /** Seventy fairness conditions, the one that makes progress the seventieth: the enabled bitmask spans two words. */
    static final String MANY = """
            ---- MODULE Many ----
            EXTENDS Naturals
            VARIABLE x
            Step(i) == i = 70 /\\ x = 0 /\\ x' = 1
            Idle(i) == i < 70 /\\ x = 0 /\\ x' = 0
            Next == \\E i \\in 1..70 : Step(i) \\/ Idle(i)
            Init0 == x = 0
            All == Init0 /\\ [][Next]_x /\\ \\A i \\in 1..70 : WF_x(Step(i))
            AllBut70 == Init0 /\\ [][Next]_x /\\ \\A i \\in 1..69 : WF_x(Step(i))
            Done == <>(x = 1)
            ====
            """;

    @Test
    void moreThanSixtyFourFairnessConditions() {
        Specs.Run fair = Specs.check(dir, "Many", MANY, "SPECIFICATION All\nPROPERTIES Done\nCHECK_DEADLOCK FALSE\n", 1);
        assertEquals(0, fair.result().exitCode(), fair.output());
        Specs.Run unfair = Specs.check(dir, "Many", MANY, "SPECIFICATION AllBut70\nPROPERTIES Done\nCHECK_DEADLOCK FALSE\n", 1);
        assertEquals(13, unfair.result().exitCode(), unfair.output());
    }

    @Test
    void leadsToFailsWithoutFairnessByStuttering() {
        Specs.Run r = run("NoFair", "Served");
        assertEquals(13, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("Temporal property Served was violated."), r.output());
        assertTrue(r.output().contains(": Stuttering"), r.output());
        assertEquals(-1, r.result().loopBack);
        // the behaviour reaches a state with req = 1 and stays there
        Object last = r.result().trace.get(r.result().trace.size() - 1).state()[0];
        assertEquals("1", last.toString());
    }

    @Test
    void weakFairnessIsNotEnoughWhenServeIsRepeatedlyDisabled() {
        Specs.Run r = run("WeakFair", "Served");
        assertEquals(13, r.result().exitCode(), r.output());
        assertTrue(r.result().loopBack >= 0, "a cycle, not stuttering\n" + r.output());
        assertTrue(r.output().contains("Back to state " + (r.result().loopBack + 1) + ": <Flip"), r.output());
        // every state of the cycle has req = 1 (the request is never served)
        for (int i = r.result().loopBack; i < r.result().trace.size(); i++) {
            assertEquals("1", r.result().trace.get(i).state()[0].toString(), r.output());
        }
    }

    @Test
    void strongFairnessServes() {
        Specs.Run r = run("StrongFair", "Served AskedOften");
        assertEquals(0, r.result().exitCode(), r.output());
        assertEquals(4, r.result().distinct);
    }

    @Test
    void eventuallyAlwaysFailsWhenRequestsKeepComing() {
        Specs.Run r = run("StrongFair", "SettlesIdle");
        assertEquals(13, r.result().exitCode(), r.output());
        assertTrue(r.result().loopBack >= 0, r.output());
        boolean sawRequest = false;
        for (int i = r.result().loopBack; i < r.result().trace.size(); i++) {
            sawRequest |= r.result().trace.get(i).state()[0].toString().equals("1");
        }
        assertTrue(sawRequest, "the cycle must visit req = 1\n" + r.output());
    }

    @Test
    void quantifiedFairnessAndProperties() {
        String spec = """
                ---- MODULE Ring ----
                EXTENDS Naturals
                CONSTANT N
                VARIABLE pc
                P == 1..N
                Init == pc = [p \\in P |-> "a"]
                Step(p) == pc[p] = "a" /\\ pc' = [pc EXCEPT ![p] = "b"]
                Spec == Init /\\ [][\\E p \\in P : Step(p)]_pc /\\ \\A p \\in P : WF_pc(Step(p))
                AllDone == \\A p \\in P : <>(pc[p] = "b")
                ====
                """;
        Specs.Run r = Specs.check(dir, "Ring", spec, "CONSTANT N = 3\nSPECIFICATION Spec\nPROPERTY AllDone\nCHECK_DEADLOCK FALSE\n", 1);
        assertEquals(0, r.result().exitCode(), r.output());
        assertEquals(8, r.result().distinct);
        Specs.Run r2 = Specs.check(dir, "Ring", spec.replace("/\\ \\A p \\in P : WF_pc(Step(p))", ""),
                "CONSTANT N = 3\nSPECIFICATION Spec\nPROPERTY AllDone\nCHECK_DEADLOCK FALSE\n", 1);
        assertEquals(13, r2.result().exitCode(), r2.output());
    }

    @Test
    void temporalFormulasTlcRefusesAreRefusedNotPassed() {
        String spec = SERVER.replace("====", "Hidden == \\EE t : <>(req = 1)\nAnyN == \\A n : <>(req = n)\n====");
        for (String p : new String[] {"Hidden", "AnyN"}) {
            Specs.Run r = Specs.check(dir, "Server", spec, "SPECIFICATION WeakFair\nPROPERTY " + p + "\n", 1);
            assertEquals(255, r.result().exitCode(), r.output());
            assertTrue(r.output().contains("the property " + p + " (line "), r.output());
            assertTrue(r.output().contains("TLC cannot handle a temporal formula with an unbounded quantifier"), r.output());
        }
    }
}
