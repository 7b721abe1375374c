package io.barreleye.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.CheckOptions;
import io.barreleye.modelcheck.CheckResult;
import io.barreleye.modelcheck.ModelChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counterexamples compared as behaviours, against TLC's printout of the oracle's NestedTemporal model. */
class TlcComparisonTest {
    private static final String SPEC = """
            ---- MODULE NestedTemporal ----
            EXTENDS Naturals
            VARIABLE x
            Inc == x < 3 /\\ x' = x + 1
            Wrap == x = 3 /\\ x' = 0
            Loop == x = 0 /\\ [][Inc \\/ Wrap]_x /\\ WF_x(Inc \\/ Wrap)
            StaysHigh == [](x = 2 => [](x >= 2))
            ZeroOften == []<>(x = 0)
            ====
            """;
    private static final String INC = "<Inc line 4, col 8 to line 4, col 26 of module NestedTemporal>";
    private static final String WRAP = "<Wrap line 5, col 9 to line 5, col 23 of module NestedTemporal>";

    @TempDir
    Path dir;

    private CheckResult check(String property) throws IOException {
        Files.writeString(dir.resolve("NestedTemporal.tla"), SPEC);
        Files.writeString(dir.resolve("M.cfg"), "SPECIFICATION Loop\nPROPERTY " + property + "\n");
        return ModelChecker.checkCaptured(CheckOptions.of(dir.resolve("NestedTemporal.tla"), dir.resolve("M.cfg"), 1)).result();
    }

    /** TLC's printout of the counter 0..3 lasso with states {@code xs}, going back to state {@code back}. */
    private static String tlcLasso(int back, int... xs) {
        StringBuilder sb = new StringBuilder("Error: Temporal property StaysHigh was violated.\n"
                + "Error: The following behavior constitutes a counter-example:\n");
        for (int i = 0; i < xs.length; i++) {
            sb.append("State ").append(i + 1).append(": ")
                    .append(i == 0 ? "<Initial predicate>" : xs[i] == 0 ? WRAP : INC).append("\nx = ").append(xs[i]).append('\n');
        }
        sb.append("Back to state ").append(back).append(": ").append(xs[back - 1] == 0 ? WRAP : INC).append('\n');
        return sb.append("5 states generated, 4 distinct states found, 0 states left on queue.\n").toString();
    }

    @Test
    void aLassoFoldedElsewhereIsTheSameBehaviour() throws IOException {
        CheckResult ours = check("StaysHigh");
        assertEquals(13, ours.exitCode());
        // the oracle's TLC run folded it at state 7; this checker folds it at state 6
        String said = TlcComparison.counterexamples(tlcLasso(7, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1), ours);
        assertTrue(said.startsWith("Counterexamples: the same behaviour"), said);
    }

    @Test
    void anotherBehaviourDiffers() throws IOException {
        CheckResult ours = check("StaysHigh");
        String said = TlcComparison.counterexamples(tlcLasso(2, 0, 1, 2, 3), ours);
        assertTrue(said.startsWith("Counterexamples DIFFER: TLC's 4 states and Barreleye's"), said);
        said = TlcComparison.counterexamples("Model checking completed. No error has been found.\n", ours);
        assertEquals("Counterexamples DIFFER: TLC printed none", said);
    }

    @Test
    void noCounterexampleOnEitherSideSaysNothing() throws IOException {
        CheckResult ours = check("ZeroOften");
        assertEquals(0, ours.exitCode());
        assertNull(TlcComparison.counterexamples("Model checking completed. No error has been found.\n", ours));
    }
}
