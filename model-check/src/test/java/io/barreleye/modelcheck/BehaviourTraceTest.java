package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLCExt's {@code Trace}: in an invariant, the behaviour from an initial state to the state checked. */
class BehaviourTraceTest {
    @TempDir
    Path dir;

    private static final String SPEC = "---- MODULE Walk ----\nEXTENDS Naturals, Sequences, TLCExt\nVARIABLE x\n"
            + "Init == x = 0\nNext == x < 3 /\\ x' = x + 1\n"
            + "Inv == /\\ Len(Trace) = x + 1\n       /\\ \\A i \\in 1..Len(Trace) : Trace[i].x = i - 1\n"
            + "Short == Len(Trace) < 3\n====\n";

    @Test
    void theBehaviourSoFarHasOneRecordPerState() {
        Specs.Run run = Specs.check(dir, "Walk", SPEC, "INIT Init\nNEXT Next\nINVARIANT Inv\nCHECK_DEADLOCK FALSE\n", 1);
        assertEquals(0, run.result().exitCode(), run.output());
        assertEquals(4, run.result().distinct, run.output());
    }

    @Test
    void anInvariantOverTheBehaviourCanFail() {
        Specs.Run run = Specs.check(dir, "Walk", SPEC, "INIT Init\nNEXT Next\nINVARIANT Short\nCHECK_DEADLOCK FALSE\n", 1);
        assertEquals(12, run.result().exitCode(), run.output());
        assertTrue(run.output().contains("Invariant Short is violated"), run.output());
        assertEquals(3, run.result().trace.size(), run.output());
    }
}
