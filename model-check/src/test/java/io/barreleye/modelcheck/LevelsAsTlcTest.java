package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where TLC checks that a formula of the model has the level its place requires, and where it
 * finds out only while evaluating. SANY refuses an ASSUME that is not a constant formula. From TLC's source (tlc2.tool.impl.SpecProcessor, Tool,
 * ModelChecker; tlc2.output.EC.ExitStatus): only an INVARIANT is checked before the search
 * (TLC_INVARIANT_VIOLATED_LEVEL, exit 76), a PROPERTY that is an action is refused (exit 151), and
 * a SPECIFICATION conjunct that is an action but not [][A]_v is TLC_CANT_HANDLE_CONJUNCT (151). An
 * initial predicate, CONSTRAINT, ACTION_CONSTRAINT or VIEW is accepted whatever its level and
 * fails when a primed variable (looked up in an empty next state) or a temporal operator
 * (TLC_ENCOUNTERED_FORMULA_IN_PREDICATE) is evaluated: while computing initial states or
 * successors, which TLC ends as TLC_NESTED_EXPRESSION, exit 75.
 */
class LevelsAsTlcTest {
    @TempDir
    Path dir;

    Specs.Run check(String name, String init, String next, String defs, String cfg) {
        String tla = "---- MODULE " + name + " ----\nEXTENDS Naturals\nVARIABLE x\nInit == " + init + "\nNext == " + next
                + "\n" + defs + "\n====\n";
        return Specs.check(dir, name, tla, "INIT Init\nNEXT Next\n" + cfg, 1);
    }

    void failsWhenEvaluated(Specs.Run r, String fact) {
        assertEquals(75, r.result().exitCode(), r.output());
        assertTrue(r.output().contains(fact), r.output());
    }

    @Test
    void aPrimedVariableInTheInitialPredicateFailsWhenEvaluated() {
        String fact = "the primed variable x' cannot be evaluated here: there is no next state";
        failsWhenEvaluated(check("InitPrimed", "x = 0 /\\ x' = 0", "x' = 1 - x", "", ""), fact);
        failsWhenEvaluated(check("InitOnlyPrimed", "x' = 0", "x' = 1 - x", "", ""), fact);
        // never evaluated, never an error: TLC decides the first conjunct before it looks at the second
        assertEquals(0, check("InitPrimedUnreached", "x = 0 /\\ (x = 1 => x' = 0)", "x' = 1 - x", "", "").result().exitCode());
    }

    @Test
    void aTemporalFormulaInInitOrNextFailsWhenEvaluated() {
        String fact = "cannot be evaluated on a single state or step";
        failsWhenEvaluated(check("InitBox", "x = 0 /\\ []TRUE", "x' = 1 - x", "", ""), fact);
        failsWhenEvaluated(check("NextDiamond", "x = 0", "x' = 1 - x /\\ <>(x = 1)", "", ""), fact);
    }

    @Test
    void constraintsAreEvaluatedAsTheyAreWritten() {
        failsWhenEvaluated(check("ConstrPrimed", "x = 0", "x' = 1 - x", "C == x' = x", "CONSTRAINT C\n"),
                "the primed variable x' cannot be evaluated here");
        failsWhenEvaluated(check("ConstrBox", "x = 0", "x' = 1 - x", "C == []TRUE", "CONSTRAINT C\n"),
                "cannot be evaluated on a single state or step");
        failsWhenEvaluated(check("ActConstrBox", "x = 0", "x' = 1 - x", "C == []TRUE", "ACTION_CONSTRAINT C\n"),
                "cannot be evaluated on a single state or step");
        // an action is what an ACTION_CONSTRAINT is for: the step 1 -> 0 is cut, so 0 -> 1 is all there is
        Specs.Run act = check("ActConstr", "x = 0", "x' = 1 - x", "C == x' > x", "ACTION_CONSTRAINT C\n");
        assertEquals(0, act.result().exitCode(), act.output());
        assertTrue(act.output().contains("2 distinct states found"), act.output());
    }

    @Test
    void aPrimedViewFailsWhenTheFirstStateIsFingerprinted() {
        failsWhenEvaluated(check("ViewPrimed", "x = 0", "x' = 1 - x", "V == x'", "VIEW V\n"),
                "the primed variable x' cannot be evaluated here");
    }

    @Test
    void anAssumptionIsAConstantFormula() {
        // SANY's AssumeNode.levelCheck: ASSUMPTION_IS_NOT_CONSTANT, a semantic error (exit 150)
        for (String a : new String[] {"ASSUME x' = 0", "ASSUME [](1 = 1)"}) {
            Specs.Run r = check("AssumeLevel", "x = 0", "x' = 1 - x", a, "");
            assertEquals(150, r.result().exitCode(), r.output());
            assertTrue(r.output().contains("AssumeLevel.tla:6:8: Level error: an ASSUME must be a constant formula"), r.output());
        }
        // a state-level ASSUME is refused as well when it reads its variable (before any state exists)
        Specs.Run state = check("AssumeState", "x = 0", "x' = 1 - x", "ASSUME x = 0", "");
        assertEquals(150, state.result().exitCode(), state.output());
        assertTrue(state.output().contains("AssumeState.tla:6:8: Level error: an ASSUME must be a constant formula (level 0),"
                + " but this one reads the variable x"), state.output());
    }

    @Test
    void whatTlcRefusesBeforeTheSearch() {
        // SpecProcessor.processConfigInvariants: TLC_INVARIANT_VIOLATED_LEVEL, exit 76
        Specs.Run inv = check("InvBox", "x = 0", "x' = 1 - x", "Inv == [](x < 2)", "INVARIANT Inv\n");
        assertEquals(76, inv.result().exitCode(), inv.output());
        // SpecProcessor.processConfigSpec: an action conjunct other than [][A]_v, TLC_CANT_HANDLE_CONJUNCT, exit 151
        String tla = "---- MODULE SpecAct ----\nEXTENDS Naturals\nVARIABLE x\nNext == x' = 1 - x\n"
                + "Spec == x = 0 /\\ x' = 0 /\\ [][Next]_x\n====\n";
        Specs.Run spec = Specs.check(dir, "SpecAct", tla, "SPECIFICATION Spec\n", 1);
        assertEquals(151, spec.result().exitCode(), spec.output());
    }
}
