package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What TLC checks on a state the CONSTRAINT excludes (ModelChecker.doNext and its DoInitFunctor):
 * the state is neither counted distinct nor explored, but its invariants are checked, so a
 * violation just past the constraint's edge is reported; and an action property is checked on
 * every step, after the invariants.
 */
class ConstraintCheckOrderTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            ---- MODULE Edge ----
            EXTENDS Naturals
            VARIABLE x
            Init == x \\in {0, 7}
            Next == x' = x + 1
            Small == x < 5
            Below == x < 3
            NoBig == [][x' < 2]_x
            ====
            """;

    @Test
    void aStateOutsideTheConstraintHasItsInvariantsChecked() {
        // x = 0, 1, 2 are explored; 3 violates Below although the constraint x < 3 excludes it
        Specs.Run r = Specs.check(dir, "Edge", SPEC.replace("{0, 7}", "{0}"),
                "INIT Init\nNEXT Next\nINVARIANT Below\nCONSTRAINT Below\n", 1);
        assertEquals(12, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("Invariant Below is violated"), r.output());
        assertEquals(3, r.result().distinct, r.output());
        assertEquals(4, r.result().generated, r.output());
    }

    @Test
    void anInitialStateOutsideTheConstraintHasItsInvariantsChecked() {
        Specs.Run r = Specs.check(dir, "Edge", SPEC, "INIT Init\nNEXT Next\nINVARIANT Small\nCONSTRAINT Small\n", 1);
        assertEquals(12, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("Invariant Small is violated by the initial state"), r.output());
    }

    @Test
    void anInvariantIsReportedBeforeAnActionPropertyOnTheSameStep() {
        Specs.Run r = Specs.check(dir, "Edge", SPEC.replace("{0, 7}", "{0}"),
                "INIT Init\nNEXT Next\nINVARIANT Below\nPROPERTY NoBig\n", 1);
        // the step 1 -> 2 breaks NoBig first; 2 -> 3 would break both
        assertEquals(13, r.result().exitCode(), r.output());
        Specs.Run both = Specs.check(dir, "Edge", SPEC.replace("{0, 7}", "{2}"),
                "INIT Init\nNEXT Next\nINVARIANT Below\nPROPERTY NoBig\n", 1);
        assertEquals(12, both.result().exitCode(), both.output());
    }
}
