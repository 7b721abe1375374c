package io.barreleye.modelcheck.search;

import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.temporal.Atom;
import io.barreleye.modelcheck.temporal.Ltl;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the liveness checkers need to know of each state and step, evaluated once when the search
 * meets it (as TLC evaluates its liveness predicates during the search), so the graph keeps bits
 * instead of states: per state, the predicates of the properties, whether each WF/SF action is
 * enabled, and each action atom on the stutter step; per step, whether it is an {@code <<A>>_v}
 * step of each WF/SF conjunct and the value of each action atom.
 */
final class GraphLabels {
    private interface StateTest {
        boolean test(Value[] s);
    }

    private interface StepTest {
        boolean test(Value[] s, Value[] t);
    }

    private final List<StateTest> stateTests = new ArrayList<>();
    private final List<StepTest> stepTests = new ArrayList<>();
    /** Per fairness condition: its enabled bit (state) and taken bit (step). */
    final int[] enabledBit;
    final int[] takenBit;
    /** Per pattern property of {@link CompiledSpec#liveness}: the bits of its p and q (-1 without q). */
    final int[] pBit;
    final int[] qBit;
    /** Per state atom its state bit; per action atom its step bit. */
    private final Map<Atom, Integer> atomBit = new IdentityHashMap<>();
    /** Per action atom: its value on the state's stutter step, a state bit. */
    private final Map<Atom, Integer> stutterBit = new IdentityHashMap<>();

    GraphLabels(CompiledSpec spec) {
        List<CompiledSpec.Fair> fair = spec.fairConditions;
        enabledBit = new int[fair.size()];
        takenBit = new int[fair.size()];
        for (int f = 0; f < fair.size(); f++) {
            CompiledSpec.Fair c = fair.get(f);
            enabledBit[f] = state(s -> spec.enabled(c, s));
            takenBit[f] = step((s, t) -> spec.taken(c, s, t));
        }
        pBit = new int[spec.liveness.size()];
        qBit = new int[spec.liveness.size()];
        for (int i = 0; i < pBit.length; i++) {
            CompiledSpec.Liveness l = spec.liveness.get(i);
            pBit[i] = state(s -> spec.holds(l.p(), l.env(), s));
            qBit[i] = l.q() == null ? -1 : state(s -> spec.holds(l.q(), l.env(), s));
        }
        for (CompiledSpec.TemporalProperty p : spec.temporal) addAtoms(p.negation());
    }

    private void addAtoms(Ltl f) {
        if (f instanceof Ltl.Lit l) {
            Atom a = l.atom();
            if (atomBit.containsKey(a)) return;
            if (a.action) {
                atomBit.put(a, step(a::test));
                stutterBit.put(a, state(s -> a.test(s, s)));
            } else {
                atomBit.put(a, state(s -> a.test(s, null)));
            }
        } else if (f instanceof Ltl.And a) {
            addAtoms(a.a());
            addAtoms(a.b());
        } else if (f instanceof Ltl.Or o) {
            addAtoms(o.a());
            addAtoms(o.b());
        } else if (f instanceof Ltl.Always al) {
            addAtoms(al.f());
        } else if (f instanceof Ltl.Eventually ev) {
            addAtoms(ev.f());
        }
    }

    private int state(StateTest t) {
        stateTests.add(t);
        return stateTests.size() - 1;
    }

    private int step(StepTest t) {
        stepTests.add(t);
        return stepTests.size() - 1;
    }

    int stateWords() {
        return (stateTests.size() + 63) >>> 6;
    }

    int stepWords() {
        return (stepTests.size() + 63) >>> 6;
    }

    /** The bit of a state atom, or of an action atom on a step. */
    int atomBit(Atom a) {
        return atomBit.get(a);
    }

    /** The state bit of an action atom on the state's stutter step. */
    int stutterBit(Atom a) {
        return stutterBit.get(a);
    }

    long[] stateBits(Value[] s) {
        long[] w = new long[stateWords()];
        for (int i = 0; i < stateTests.size(); i++) {
            if (stateTests.get(i).test(s)) w[i >>> 6] |= 1L << (i & 63);
        }
        return w;
    }

    /** Appends the step bits of {@code s -> t} to {@code out} at {@code at}. */
    void stepBits(Value[] s, Value[] t, long[] out, int at) {
        for (int i = 0; i < stepTests.size(); i++) {
            if (stepTests.get(i).test(s, t)) out[at + (i >>> 6)] |= 1L << (i & 63);
        }
    }
}
