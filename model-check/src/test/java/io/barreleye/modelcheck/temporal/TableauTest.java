package io.barreleye.modelcheck.temporal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The tableau's shape on small formulas: contradictions vanish, eventualities are accepted only when fulfilled. */
class TableauTest {
    private final Atom a = new Atom(false, "a", (s, t) -> true);
    private final Ltl.Lit pa = new Ltl.Lit(a, true);

    @Test
    void contradictionHasNoInitialNode() {
        assertEquals(0, new Tableau(new Ltl.And(pa, Ltl.not(pa))).initial().length);
        assertEquals(0, new Tableau(Ltl.FALSE).initial().length);
    }

    @Test
    void alwaysIsOneNodeLoopingOnItself() {
        Tableau t = new Tableau(new Ltl.Always(pa));
        assertEquals(1, t.initial().length);
        Tableau.Node n = t.node(t.initial()[0]);
        assertEquals(1, n.stateLits.length);
        assertEquals(n.id, n.successors()[0]);
        assertEquals(0, t.eventualities());
    }

    @Test
    void eventuallyIsFulfilledNowOrPostponed() {
        Tableau t = new Tableau(new Ltl.Eventually(pa));
        assertEquals(1, t.eventualities());
        assertEquals(2, t.initial().length);
        int fulfilled = 0;
        for (int i : t.initial()) {
            Tableau.Node n = t.node(i);
            if (n.stateLits.length == 1) {
                assertTrue(n.accepts(0), "a holds now: the eventuality is met");
                fulfilled++;
            } else {
                assertFalse(n.accepts(0), "postponed: not accepting");
            }
        }
        assertEquals(1, fulfilled);
    }

    @Test
    void negationIsPushedToTheAtoms() {
        Ltl f = Ltl.not(new Ltl.Always(new Ltl.Eventually(pa)));
        assertEquals(new Ltl.Eventually(new Ltl.Always(new Ltl.Lit(a, false))), f);
        assertEquals(Ltl.TRUE, Ltl.not(Ltl.FALSE));
    }

    @Test
    void actionLiteralsAreKeptApartFromStateLiterals() {
        Atom step = new Atom(true, "A", (s, t) -> true);
        Tableau t = new Tableau(new Ltl.And(pa, new Ltl.Lit(step, true)));
        Tableau.Node n = t.node(t.initial()[0]);
        assertEquals(1, n.stateLits.length);
        assertEquals(1, n.actionLits.length);
        assertTrue(n.actionLits[0].atom().action);
    }
}
