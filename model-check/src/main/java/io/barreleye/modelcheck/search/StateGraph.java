package io.barreleye.modelcheck.search;

import io.barreleye.modelcheck.eval.Label;
import io.barreleye.modelcheck.value.Value;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole reachable state graph: states by index, their successors and the action of each
 * edge. Kept only when a liveness property must be checked, which needs cycles, not just states.
 */
final class StateGraph {
    final ConcurrentHashMap<Long, Integer> index = new ConcurrentHashMap<>();
    private Value[][] states = new Value[1024][];
    private int[][] succ = new int[1024][];
    private Label[][] labels = new Label[1024][];
    private int size;

    synchronized void putState(int idx, Value[] s) {
        ensure(idx);
        states[idx] = s;
        size = Math.max(size, idx + 1);
    }

    synchronized void putEdges(int idx, int[] targets, Label[] ls) {
        ensure(idx);
        succ[idx] = targets;
        labels[idx] = ls;
    }

    private void ensure(int idx) {
        if (idx >= states.length) {
            int n = Math.max(idx + 1, states.length * 2);
            states = Arrays.copyOf(states, n);
            succ = Arrays.copyOf(succ, n);
            labels = Arrays.copyOf(labels, n);
        }
    }

    synchronized int size() {
        return size;
    }

    synchronized Value[] state(int i) {
        return states[i];
    }

    synchronized int[] successors(int i) {
        int[] s = succ[i];
        return s == null ? new int[0] : s;
    }

    synchronized Label label(int from, int to) {
        int[] s = succ[from];
        for (int k = 0; k < s.length; k++) {
            if (s[k] == to) return labels[from][k];
        }
        return null;
    }
}
