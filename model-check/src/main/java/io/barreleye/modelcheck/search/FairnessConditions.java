package io.barreleye.modelcheck.search;

import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.eval.CompiledSpec.Fair;
import java.util.List;

/**
 * The specification's WF and SF conjuncts evaluated on the state graph: whether each one's action
 * is enabled in a state (one bit per condition and state, computed for every state at first use)
 * and whether a step takes it. Shared by both liveness checkers.
 */
final class FairnessConditions {
    private final CompiledSpec spec;
    private final StateGraph g;
    final List<Fair> fair;
    private final int words;
    private long[] enabled;

    FairnessConditions(CompiledSpec spec, StateGraph g) {
        this.spec = spec;
        this.g = g;
        this.fair = spec.fairConditions;
        this.words = Math.max(1, (fair.size() + 63) / 64);
    }

    int size() {
        return fair.size();
    }

    boolean strong(int f) {
        return fair.get(f).strong();
    }

    /** Whether condition {@code f}'s action is enabled in state {@code s}. */
    boolean enabledAt(int s, int f) {
        if (enabled == null) {
            int n = g.size();
            long[] e = new long[n * words];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < fair.size(); k++) {
                    if (spec.enabled(fair.get(k), g.state(i))) e[i * words + (k >>> 6)] |= 1L << (k & 63);
                }
            }
            enabled = e;
        }
        return (enabled[s * words + (f >>> 6)] & (1L << (f & 63))) != 0;
    }

    /** Whether the step from state {@code s} to state {@code t} is an {@code <<A>>_v} step of condition {@code f}. */
    boolean taken(int f, int s, int t) {
        return s != t && spec.taken(fair.get(f), g.state(s), g.state(t));
    }
}
