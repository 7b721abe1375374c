package io.barreleye.modelcheck.search;

import io.barreleye.modelcheck.eval.CompiledSpec;

/**
 * The specification's WF and SF conjuncts read off the state graph's bits: whether each one's
 * action is enabled in a state, and whether a step takes it. Shared by both liveness checkers.
 */
final class FairnessConditions {
    private final CompiledSpec spec;
    private final StateGraph g;
    private final GraphLabels labels;

    FairnessConditions(CompiledSpec spec, StateGraph g, GraphLabels labels) {
        this.spec = spec;
        this.g = g;
        this.labels = labels;
    }

    int size() {
        return spec.fairConditions.size();
    }

    boolean strong(int f) {
        return spec.fairConditions.get(f).strong();
    }

    /** Whether condition {@code f}'s action is enabled in state {@code s}. */
    boolean enabledAt(int s, int f) {
        return g.stateBit(s, labels.enabledBit[f]);
    }

    /** Whether step {@code e} of the graph is an {@code <<A>>_v} step of condition {@code f}. */
    boolean takenBy(int f, int e) {
        return g.stepBit(e, labels.takenBit[f]);
    }

    /** Whether going from state {@code s} to state {@code t} is an {@code <<A>>_v} step of condition {@code f} (a stutter never is). */
    boolean taken(int f, int s, int t) {
        int e = s == t ? -1 : g.edge(s, t);
        return e >= 0 && takenBy(f, e);
    }
}
