package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator arguments are passed by name, so a parameter that stands for a primed variable is
 * assigned by {@code p = e} and {@code p \in S} in the operator's body, as TLC does
 * (Tool.getNextStates resolves the parameter to the argument {@code x'}): directly, through a
 * second operator's parameter, and through a LAMBDA.
 */
class PrimedArgumentTest {
    @TempDir
    Path dir;

    @Test
    void aParameterStandingForAPrimedVariableIsAssigned() {
        String tla = """
                ---- MODULE ByName ----
                EXTENDS Naturals
                VARIABLES x, y, z
                Upd(old, new) == new = old + 1
                OneOf(new, S) == new \\in S
                Apply(Op(_, _), a, b) == Op(a, b)
                Init == x = 0 /\\ y = 0 /\\ z = 0
                Next == /\\ x < 2
                        /\\ Upd(x, x')
                        /\\ OneOf(y', {y, y + 10})
                        /\\ Apply(LAMBDA o, n : n = o + 3, z, z')
                ====
                """;
        Specs.Run r = Specs.check(dir, "ByName", tla, "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n", 1);
        assertEquals(0, r.result().exitCode(), r.output());
        // (x, y): (0,0); (1,0) (1,10); (2,0) (2,10) (2,20); z = 3 * x follows x
        assertEquals(6, r.result().distinct, r.output());
        assertEquals(1 + 2 + 4, r.result().generated, r.output());
    }
}
