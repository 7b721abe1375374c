package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counterexample labels as TLC 2026 prints them (tlc2.tool.Action.getLocation): an action defined
 * with parameters, reached with constant arguments, shows them, joined by "," without spaces;
 * called with an argument that depends on the state it is one action, shown without arguments
 * and located at the call (Tool.getActionsAppl splits only calls with constant arguments).
 */
class ActionLabelTest {
    @TempDir
    Path dir;

    private static final String SPEC = """
            ---- MODULE Lab ----
            EXTENDS Naturals
            VARIABLE x
            Init == x = 0
            Move(a, b) == x < 1 /\\ x' = x + a
            Bump(v) == x = 1 /\\ x' = v + 1
            Next == \\/ \\E a \\in {1}, b \\in {"s"} : Move(a, b)
                    \\/ Bump(x)
            Inv == x < 2
            ====
            """;

    @Test
    void constantArgumentsArePrintedAndAStateDependentCallIsLocatedWhereItIsMade() {
        Specs.Run r = Specs.check(dir, "Lab", SPEC, "INIT Init\nNEXT Next\nINVARIANT Inv\n", 1);
        assertEquals(12, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("State 2: <Move(1,\"s\") line 5, col 15 to line 5, col 33 of module Lab>"), r.output());
        assertTrue(r.output().contains("State 3: <Bump line 8, col 12 to line 8, col 18 of module Lab>"), r.output());
    }

    @Test
    void coverageCountsAnActionOnceWhateverItsArguments() {
        CheckOptions o = CheckOptions.of(dir.resolve("Lab.tla"), dir.resolve("Lab.cfg"), 1);
        Specs.check(dir, "Lab", SPEC, "INIT Init\nNEXT Next\n", 1);
        o.coverage = true;
        CheckResult r = Specs.run(o).result();
        assertTrue(r.coverage.stream().allMatch(c -> c.action().args() == null), r.coverage.toString());
        assertEquals(2, r.coverage.size(), r.coverage.toString());
    }
}
