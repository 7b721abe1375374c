package io.barreleye.modelcheck.search;

import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.eval.CompiledSpec.Liveness;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Decides temporal properties on the complete state graph. A property fails when some fair
 * behaviour violates it, and such a behaviour can always be taken to be a lasso: a path to a
 * strongly connected set of states and a cycle through all of it. Behaviours may stutter, so a
 * single state is a cycle too. A cycle through all of an SCC is fair when, for every WF_v(A), it
 * takes an A-step or passes a state where A is disabled, and for every SF_v(A) it takes an A-step
 * or A is disabled throughout; when SF fails, the states enabling A are removed and the rest
 * searched again (the Streett-automaton emptiness check).
 */
final class LivenessChecker {
    /** A counterexample: state indices from an initial state, and where the cycle returns (-1: stutter). */
    record Lasso(List<Integer> states, int loopBack) {}

    private final StateGraph g;
    private final GraphLabels labels;
    private final int n;
    private final List<Integer> inits;
    private final FairnessConditions fairness;
    private final CompiledSpec spec;
    private final LivenessProgress progress;

    LivenessChecker(CompiledSpec spec, StateGraph g, GraphLabels labels, List<Integer> inits, LivenessProgress progress) {
        this.g = g;
        this.progress = progress;
        this.labels = labels;
        this.n = g.size();
        this.inits = inits;
        this.fairness = new FairnessConditions(spec, g, labels);
        this.spec = spec;
    }

    private boolean enabledAt(int s, int f) {
        return fairness.enabledAt(s, f);
    }


    /** A fair behaviour violating {@code p}, the {@code k}-th pattern property of the spec, or null when it holds. */
    Lasso check(Liveness p, int k) {
        progress.start(p.name(), n);
        BitSet holdsP = new BitSet(n);
        BitSet holdsQ = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (g.stateBit(i, labels.pBit[k])) holdsP.set(i);
            if (p.q() != null && g.stateBit(i, labels.qBit[k])) holdsQ.set(i);
        }
        BitSet all = new BitSet(n);
        all.set(0, n);
        BitSet notP = (BitSet) all.clone();
        notP.andNot(holdsP);
        switch (p.kind()) {
            case ALWAYS -> {
                int[] parent = bfs(inits, all);
                for (int i = notP.nextSetBit(0); i >= 0; i = notP.nextSetBit(i + 1)) {
                    if (parent[i] != -2) return new Lasso(path(parent, i), -1);
                }
                return null;
            }
            case EVENTUALLY -> {
                List<Integer> starts = new ArrayList<>();
                for (int i : inits) {
                    if (notP.get(i)) starts.add(i);
                }
                int[] parent = bfs(starts, notP);
                BitSet region = reached(parent);
                return lasso(region, null, parent, null);
            }
            case INFINITELY_OFTEN -> {
                return lasso(notP, null, bfs(inits, all), null);
            }
            case EVENTUALLY_ALWAYS -> {
                return eventuallyAlways(new int[] {k});
            }
            case LEADS_TO -> {
                BitSet notQ = (BitSet) all.clone();
                notQ.andNot(holdsQ);
                List<Integer> starts = new ArrayList<>();
                for (int i = holdsP.nextSetBit(0); i >= 0; i = holdsP.nextSetBit(i + 1)) {
                    if (notQ.get(i)) starts.add(i);
                }
                int[] inner = bfs(starts, notQ);
                BitSet region = reached(inner);
                return lasso(region, null, inner, bfs(inits, all));
            }
            default -> throw new IllegalStateException(p.kind().toString());
        }
    }

    /**
     * A fair behaviour violating {@code <>[]P_k} for some {@code k} in {@code ks}, or null. As TLC
     * does (its DNF rewrites {@code []<>~P_1 \/ []<>~P_2} to {@code []<>(~P_1 \/ ~P_2)}, one
     * possible-error model), the instances are checked together: the first fair component in
     * Tarjan's order that has a state violating any of them is reported.
     */
    Lasso eventuallyAlways(int[] ks) {
        progress.start(spec.liveness.get(ks[0]).name(), n);
        BitSet violates = new BitSet(n);
        for (int i = 0; i < n; i++) {
            for (int k : ks) {
                if (!g.stateBit(i, labels.pBit[k])) {
                    violates.set(i);
                    break;
                }
            }
        }
        BitSet all = new BitSet(n);
        all.set(0, n);
        return lasso(all, violates, bfs(inits, all), null);
    }

    /**
     * Finds a fair SCC inside {@code region} (meeting {@code mustHit} when given) and builds the
     * lasso: {@code parent} leads to the SCC (from {@code outerParent}'s sources when given).
     */
    private Lasso lasso(BitSet region, BitSet mustHit, int[] parent, int[] outerParent) {
        List<Object> found = new ArrayList<>();
        BitSet scc = fairScc(region, mustHit, found);
        if (scc == null) return null;
        // Entry: the SCC state closest to the sources of parent.
        int entry = -1;
        for (int i = scc.nextSetBit(0); i >= 0; i = scc.nextSetBit(i + 1)) {
            if (parent[i] != -2 && (entry < 0 || depth(parent, i) < depth(parent, entry))) entry = i;
        }
        List<Integer> states = path(parent, entry);
        if (outerParent != null) {
            List<Integer> head = path(outerParent, states.get(0));
            head.remove(head.size() - 1);
            head.addAll(states);
            states = head;
        }
        int loopIndex = states.size() - 1;
        int cur = entry;
        List<Integer> cycle = new ArrayList<>();
        for (Object target : found) {
            if (target instanceof int[] edge) {
                cur = walk(cur, edge[0], scc, cycle);
                cycle.add(edge[1]);
                cur = edge[1];
            } else {
                cur = walk(cur, (Integer) target, scc, cycle);
            }
        }
        walk(cur, entry, scc, cycle);
        if (cycle.isEmpty()) return new Lasso(states, -1);
        // the cycle ends back at entry: drop that last state and loop back to it
        cycle.remove(cycle.size() - 1);
        states.addAll(cycle);
        return new Lasso(states, loopIndex);
    }

    /** Appends the states of a shortest path from {@code from} to {@code to} inside {@code within}. */
    private int walk(int from, int to, BitSet within, List<Integer> out) {
        if (from == to) return to;
        int[] parent = bfs(List.of(from), within);
        List<Integer> p = path(parent, to);
        out.addAll(p.subList(1, p.size()));
        return to;
    }

    /** Members of the component being examined (cleared after each one, so one bit set serves every component). */
    private BitSet member;
    /** Tarjan's arrays, allocated once: a run inside a region resets only the region's entries. */
    private int[] index;
    private int[] low;
    private int[] stack;
    private int[] callNode;
    private int[] callEdge;
    private BitSet onStack;

    /** Streett emptiness: a fair SCC, with the witnesses (edges, states) its cycle must visit. */
    private BitSet fairScc(BitSet region, BitSet mustHit, List<Object> witnesses) {
        if (member == null) member = ScratchBits.of(n);
        for (int[] c : sccs(region)) {
            List<Object> w = new ArrayList<>();
            if (mustHit != null) {
                int hit = -1;
                for (int s : c) {
                    if (mustHit.get(s)) {
                        hit = s;
                        break;
                    }
                }
                if (hit < 0) continue;
                w.add(hit);
            }
            for (int s : c) member.set(s);
            List<Integer> remove = new ArrayList<>();
            boolean ok = fair(c, w, remove);
            for (int s : c) member.clear(s);
            if (!ok) continue;
            if (remove.isEmpty()) {
                witnesses.addAll(w);
                BitSet found = new BitSet();
                for (int s : c) found.set(s);
                return found;
            }
            BitSet rest = new BitSet();
            for (int s : c) rest.set(s);
            for (int s : remove) rest.clear(s);
            BitSet inner = fairScc(rest, mustHit, witnesses);
            if (inner != null) return inner;
        }
        return null;
    }

    /** Whether a cycle through component {@code c} (in {@link #member}) can be fair; SF may ask to drop {@code remove}. */
    private boolean fair(int[] c, List<Object> w, List<Integer> remove) {
        for (int f = 0; f < fairness.size(); f++) {
            int[] edge = takenEdge(f, c);
            if (edge != null) {
                w.add(edge);
                continue;
            }
            int disabledAt = -1;
            for (int s : c) {
                if (!enabledAt(s, f)) {
                    disabledAt = s;
                    if (!fairness.strong(f)) break;
                } else if (fairness.strong(f)) {
                    remove.add(s);
                }
            }
            if (!fairness.strong(f)) {
                if (disabledAt < 0) return false;
                w.add(disabledAt);
            }
        }
        return true;
    }

    private int[] takenEdge(int f, int[] c) {
        for (int s : c) {
            for (int e = g.edgeStart(s), end = e + g.edgeCount(s); e < end; e++) {
                int t = g.target(e);
                if (t != s && member.get(t) && fairness.takenBy(f, e)) return new int[] {s, t};
            }
        }
        return null;
    }

    /** Strongly connected components of the subgraph induced by {@code region} (iterative Tarjan), as member arrays. */
    private List<int[]> sccs(BitSet region) {
        if (index == null) {
            index = new int[n];
            low = new int[n];
            stack = new int[n];
            callNode = new int[n];
            callEdge = new int[n];
            onStack = ScratchBits.of(n);
        }
        for (int s = region.nextSetBit(0); s >= 0; s = region.nextSetBit(s + 1)) index[s] = -1;
        List<int[]> out = new ArrayList<>();
        int sp = 0;
        int counter = 0;
        for (int root = region.nextSetBit(0); root >= 0; root = region.nextSetBit(root + 1)) {
            if (index[root] >= 0) continue;
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = 0;
            index[root] = low[root] = counter++;
            progress.visited();
            stack[sp++] = root;
            onStack.set(root);
            while (depth >= 0) {
                int v = callNode[depth];
                if (callEdge[depth] < g.edgeCount(v)) {
                    int w = g.target(g.edgeStart(v) + callEdge[depth]++);
                    if (!region.get(w)) continue;
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        progress.visited();
                        stack[sp++] = w;
                        onStack.set(w);
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = 0;
                    } else if (onStack.get(w)) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                } else {
                    if (low[v] == index[v]) {
                        int start = sp;
                        do {
                            start--;
                        } while (stack[start] != v);
                        int[] c = java.util.Arrays.copyOfRange(stack, start, sp);
                        for (int x : c) onStack.clear(x);
                        sp = start;
                        out.add(c);
                    }
                    depth--;
                    if (depth >= 0) low[callNode[depth]] = Math.min(low[callNode[depth]], low[v]);
                }
            }
        }
        return out;
    }

    /** Breadth-first parents from {@code sources} inside {@code within}: -1 at a source, -2 unreached. */
    private int[] bfs(List<Integer> sources, BitSet within) {
        int[] parent = new int[n];
        java.util.Arrays.fill(parent, -2);
        ArrayDeque<Integer> q = new ArrayDeque<>();
        for (int s : sources) {
            if (within.get(s) && parent[s] == -2) {
                parent[s] = -1;
                q.add(s);
            }
        }
        while (!q.isEmpty()) {
            int v = q.poll();
            for (int e = g.edgeStart(v), end = e + g.edgeCount(v); e < end; e++) {
                int w = g.target(e);
                if (within.get(w) && parent[w] == -2) {
                    parent[w] = v;
                    q.add(w);
                }
            }
        }
        return parent;
    }

    private static BitSet reached(int[] parent) {
        BitSet b = new BitSet(parent.length);
        for (int i = 0; i < parent.length; i++) {
            if (parent[i] != -2) b.set(i);
        }
        return b;
    }

    private static int depth(int[] parent, int i) {
        int d = 0;
        for (int k = i; parent[k] >= 0; k = parent[k]) d++;
        return d;
    }

    /** The states from a root (parent -1) to {@code to} along a breadth-first parent array. */
    static List<Integer> path(int[] parent, int to) {
        ArrayDeque<Integer> p = new ArrayDeque<>();
        for (int k = to; k >= 0; k = parent[k]) {
            p.addFirst(k);
            if (parent[k] == -1) break;
        }
        return new ArrayList<>(p);
    }
}
