package io.barreleye.modelcheck.search;

import io.barreleye.modelcheck.eval.Label;
import io.barreleye.modelcheck.value.Value;
import java.util.Arrays;

/**
 * The whole reachable state graph, kept when temporal properties need cycles: in primitive arrays,
 * with no states in it. A state is its index (its fingerprint is in the {@link TraceStore}), the
 * bits {@link GraphLabels} evaluated on it, and its outgoing steps: target indices and the bits of
 * each step. About 40 bytes a state plus 4 bytes a step (and 8 more a step when step bits are
 * needed); a counterexample's states are rebuilt by replaying the spec along the fingerprints.
 * Only for {@code -dump dot} (small graphs) are the states and the actions of the steps kept too.
 *
 * <p>Writers (the search workers) lock; readers run after the search has joined its workers.
 */
final class StateGraph {
    private final LongIntMap index = new LongIntMap();
    private final TraceStore traces;
    private final int stateWords;
    private final int stepWords;
    private long[] stateBits;
    private int[] edgeStart = new int[1024];
    private int[] edgeCount = new int[1024];
    private int[] targets = new int[4096];
    private long[] stepBits;
    private int edges;
    private int size;
    /** Only with -dump dot: the states and each step's action. */
    private final boolean detailed;
    private Value[][] states;
    private Label[][] labels;

    StateGraph(TraceStore traces, GraphLabels bits, boolean detailed) {
        this.traces = traces;
        this.stateWords = bits.stateWords();
        this.stepWords = bits.stepWords();
        this.stateBits = new long[1024 * stateWords];
        this.stepBits = new long[4096 * stepWords];
        this.detailed = detailed;
        if (detailed) {
            states = new Value[1024][];
            labels = new Label[1024][];
        }
    }

    /** The index of the state with fingerprint {@code fp}, added (reached from {@code parent}) when new: {index, 1 if new}. */
    synchronized int[] register(long fp, int parent) {
        int idx = index.get(fp);
        if (idx >= 0) return new int[] {idx, 0};
        idx = traces.add(fp, parent);
        index.put(fp, idx);
        ensure(idx);
        size = Math.max(size, idx + 1);
        return new int[] {idx, 1};
    }

    private void ensure(int idx) {
        if (idx < edgeStart.length) return;
        int n = Math.max(idx + 1, edgeStart.length * 2);
        edgeStart = Arrays.copyOf(edgeStart, n);
        edgeCount = Arrays.copyOf(edgeCount, n);
        stateBits = Arrays.copyOf(stateBits, n * stateWords);
        if (detailed) {
            states = Arrays.copyOf(states, n);
            labels = Arrays.copyOf(labels, n);
        }
    }

    synchronized void putState(int idx, long[] bits, Value[] s) {
        System.arraycopy(bits, 0, stateBits, idx * stateWords, stateWords);
        if (detailed) states[idx] = s;
    }

    /** The steps leaving {@code idx}: their targets, and {@code stepWords} words of bits each in {@code bits}. */
    synchronized void putEdges(int idx, int[] ts, long[] bits, Label[] ls) {
        int need = edges + ts.length;
        if (need > targets.length) {
            int n = Math.max(need, targets.length * 2);
            targets = Arrays.copyOf(targets, n);
            stepBits = Arrays.copyOf(stepBits, n * stepWords);
        }
        System.arraycopy(ts, 0, targets, edges, ts.length);
        System.arraycopy(bits, 0, stepBits, edges * stepWords, ts.length * stepWords);
        edgeStart[idx] = edges;
        edgeCount[idx] = ts.length;
        edges = need;
        if (detailed) labels[idx] = ls;
    }

    int size() {
        return size;
    }

    int edgeStart(int s) {
        return edgeStart[s];
    }

    int edgeCount(int s) {
        return edgeCount[s];
    }

    int target(int e) {
        return targets[e];
    }

    boolean stateBit(int s, int bit) {
        return (stateBits[s * stateWords + (bit >>> 6)] & (1L << (bit & 63))) != 0;
    }

    boolean stepBit(int e, int bit) {
        return (stepBits[e * stepWords + (bit >>> 6)] & (1L << (bit & 63))) != 0;
    }

    /** The first step from {@code s} to {@code t}, or -1 (steps between the same two states have the same bits). */
    int edge(int s, int t) {
        for (int e = edgeStart[s], end = e + edgeCount[s]; e < end; e++) {
            if (targets[e] == t) return e;
        }
        return -1;
    }

    long fingerprint(int s) {
        return traces.fp(s);
    }

    int[] successors(int s) {
        return Arrays.copyOfRange(targets, edgeStart[s], edgeStart[s] + edgeCount[s]);
    }

    /** Bytes the graph's arrays take (capacity, not only what is used), for the memory figures. */
    long bytes() {
        return 4L * (edgeStart.length + edgeCount.length + targets.length) + 8L * (stateBits.length + stepBits.length)
                + 20L * index.size();
    }

    /** With -dump dot only: the state at index {@code i}. */
    Value[] state(int i) {
        return states[i];
    }

    /** With -dump dot only: the action of the step from {@code from} to {@code to}. */
    Label label(int from, int to) {
        int e = edge(from, to);
        return e < 0 ? null : labels[from][e - edgeStart[from]];
    }
}
