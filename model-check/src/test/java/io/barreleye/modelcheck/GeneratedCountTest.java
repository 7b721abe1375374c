package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule TLC follows when it counts states generated (tlc2.tool.impl.Tool: getNextStates,
 * getNextStatesAllAssigned, getInitStates): a conjunct met while some variable is still
 * unassigned is enumerated as written, so every true disjunct, every \E witness and every
 * branch below a definition leads on to its own successor, each counted; once every variable
 * is assigned a conjunct is only tested, and counts once whatever its form. Each test pins one
 * side of the rule on a spec whose counts follow by hand; one 0/1 toggle of x gives 2 distinct
 * states, so the generated count shows how many successors each state produced.
 */
class GeneratedCountTest {
    @TempDir
    Path dir;

    private CheckResult check(String next) {
        return check("x = 0 /\\ y = 0", next);
    }

    private CheckResult check(String init, String next) {
        String tla = "---- MODULE Count ----\nEXTENDS Naturals\nVARIABLES x, y\nInit == " + init
                + "\nPick(v) == \\/ v = 0\n           \\/ v < 5\nNext == " + next + "\n====\n";
        Specs.Run r = Specs.check(dir, "Count", tla, "INIT Init\nNEXT Next\n", 1);
        assertEquals(0, r.result().exitCode(), r.output());
        return r.result();
    }

    @Test
    void aGuardsTrueDisjunctsBeforeTheAssignmentsEachGiveASuccessor() {
        // from x = 0 both disjuncts hold (2 successors), from x = 1 one does: 1 + 2 + 1
        CheckResult r = check("(x = 0 \\/ y = 0) /\\ (x = 0 \\/ x = 1) /\\ x' = 1 - x /\\ y' = y");
        assertEquals(2, r.distinct);
        assertEquals(4, r.generated);
    }

    @Test
    void aGuardsExistentialWitnessesEachGiveASuccessor() {
        // three witnesses in every state: 1 + 3 + 3
        CheckResult r = check("(\\E i \\in 1..3 : i > y) /\\ x' = 1 - x /\\ y' = y");
        assertEquals(7, r.generated);
    }

    @Test
    void aDefinitionsBodyIsEnumeratedLikeTheGuardItStandsFor() {
        // Pick(x): x = 0 gives two true disjuncts, x = 1 one: 1 + 2 + 1
        CheckResult r = check("Pick(x) /\\ x' = 1 - x /\\ y' = y");
        assertEquals(4, r.generated);
    }

    @Test
    void aUniversalQuantifierIsTheConjunctionOfItsInstances() {
        // each of the two instances has two true disjuncts: 2 * 2 successors per state
        CheckResult r = check("(\\A i \\in 1..2 : i > 0 \\/ y = 0) /\\ x' = 1 - x /\\ y' = y");
        assertEquals(1 + 4 + 4, r.generated);
    }

    @Test
    void anImplicationsConsequentIsEnumeratedWhenItsPremiseHolds() {
        CheckResult r = check("(x = 0 => (y = 0 \\/ y < 5)) /\\ x' = 1 - x /\\ y' = y");
        assertEquals(1 + 2 + 1, r.generated);
    }

    @Test
    void afterEveryVariableIsAssignedAConjunctIsOnlyTested() {
        // the same disjunctions after x' and y' count once
        CheckResult r = check("x' = 1 - x /\\ y' = y /\\ (x = 0 \\/ y = 0) /\\ (\\E i \\in 1..3 : i > y) /\\ Pick(x)");
        assertEquals(1 + 1 + 1, r.generated);
    }

    @Test
    void theInitialPredicateFollowsTheSameRule() {
        // Init: the guard before y is assigned gives 2, the disjunction after gives 1
        CheckResult r = check("x = 0 /\\ (x = 0 \\/ x < 1) /\\ y = 0 /\\ (x = 0 \\/ y = 0)", "x' = 1 - x /\\ y' = y");
        assertEquals(2 + 1 + 1, r.generated);
    }
}
