package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrintedBehaviourTest {
    private static final String INC = "<Inc line 5, col 8 to line 5, col 26 of module M>";
    private static final String WRAP = "<Wrap line 6, col 9 to line 6, col 23 of module M>";

    /** A counter 0..3 wrapping to 0, printed from {@code values} with the cycle going back to state {@code back} (1-based). */
    private static String lasso(int[] values, int back) {
        List<String> out = new ArrayList<>(List.of("Error: Temporal property P was violated.",
                "Error: The following behavior constitutes a counter-example:"));
        for (int i = 0; i < values.length; i++) {
            String label = i == 0 ? "<Initial predicate>" : values[i] == 0 ? WRAP : INC;
            out.add("State " + (i + 1) + ": " + label);
            out.add("x = " + values[i]);
        }
        int target = values[back - 1];
        out.add("Back to state " + back + ": " + (target == 0 ? WRAP : INC));
        out.add("5 states generated, 4 distinct states found, 0 states left on queue.");
        return String.join("\n", out) + "\n";
    }

    @Test
    void oneCycleFoldedAtTwoStatesIsOneBehaviour() {
        // TLC's printout of NestedTemporal/NestedLoopAlwaysFails and ours: 0,1,2,3,0,1,(2,3,0,1) and 0,1,2,3,0,(1,2,3,0)
        PrintedBehaviour tlc = PrintedBehaviour.parse(lasso(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1}, 7));
        PrintedBehaviour ours = PrintedBehaviour.parse(lasso(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0}, 6));
        assertTrue(tlc.isLasso());
        assertEquals(10, tlc.steps().size());
        assertTrue(tlc.sameBehaviour(ours));
        assertTrue(ours.sameBehaviour(tlc));
        // the shortest printout of the same behaviour
        assertTrue(tlc.sameBehaviour(PrintedBehaviour.parse(lasso(new int[] {0, 1, 2, 3}, 1))));
    }

    @Test
    void aDifferentCycleOrPrefixIsAnotherBehaviour() {
        PrintedBehaviour tlc = PrintedBehaviour.parse(lasso(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1}, 7));
        // cycles that go back to a state the counter does not step to next are other behaviours
        assertFalse(tlc.sameBehaviour(PrintedBehaviour.parse(lasso(new int[] {0, 1, 2, 3, 0, 1, 2}, 6))));
        assertFalse(tlc.sameBehaviour(PrintedBehaviour.parse(lasso(new int[] {0, 1, 2, 3}, 2))));
        // a finite trace is never the same as a lasso
        String finite = "State 1: <Initial predicate>\nx = 0\nState 2: " + INC + "\nx = 1\n\n";
        assertFalse(tlc.sameBehaviour(PrintedBehaviour.parse(finite)));
        assertFalse(PrintedBehaviour.parse(finite).isLasso());
    }

    @Test
    void stutteringEndsInTheLastStateForever() {
        String stutter = "State 1: <Initial predicate>\n/\\ x = 0\n/\\ y = 1\nState 2: Stuttering\n";
        PrintedBehaviour p = PrintedBehaviour.parse(stutter);
        assertTrue(p.isLasso());
        assertTrue(p.sameBehaviour(PrintedBehaviour.parse(stutter)));
        // a real step back to the same state is not a stutter
        String selfStep = "State 1: <Initial predicate>\n/\\ x = 0\n/\\ y = 1\nBack to state 1: " + INC + "\n";
        assertFalse(p.sameBehaviour(PrintedBehaviour.parse(selfStep)));
        // multi-line values belong to their state
        String record = "State 1: <Initial predicate>\nr = [ a |-> 1,\n  b |-> 2 ]\nState 2: Stuttering\n";
        assertEquals("r = [ a |-> 1,\n  b |-> 2 ]\n", PrintedBehaviour.parse(record).steps().get(0).state());
    }

    @Test
    void outputWithoutCounterexampleHasNone() {
        assertNull(PrintedBehaviour.parse("Model checking completed. No error has been found.\n"));
    }
}
