package io.barreleye.modelcheck.search;

import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.search.LivenessChecker.Lasso;
import io.barreleye.modelcheck.temporal.Atom;
import io.barreleye.modelcheck.temporal.Ltl;
import io.barreleye.modelcheck.temporal.Tableau;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Decides any temporal property the way TLC's liveness checker does: the tableau of the negated
 * property is multiplied with the state graph (every state may also stutter), and the property
 * fails when the product has a strongly connected component that is reachable from an initial
 * node, has a cycle, fulfils every eventuality of the tableau (Büchi acceptance) and is fair to
 * every WF and SF conjunct of the specification (Streett acceptance: for SF, the nodes enabling
 * the action are removed and what remains searched again). Product node {@code p} stands for state
 * {@code p / T} in tableau node {@code p % T}.
 */
final class TableauChecker {
    private final StateGraph g;
    private final Tableau tab;
    private final int t;
    private final int size;
    private final FairnessConditions fairness;
    private final List<Integer> inits;
    private final GraphLabels labels;

    private final LivenessProgress progress;

    TableauChecker(CompiledSpec spec, StateGraph g, GraphLabels labels, List<Integer> inits, Tableau tab,
                   LivenessProgress progress) {
        this.g = g;
        this.progress = progress;
        this.tab = tab;
        this.t = tab.size();
        long product = (long) g.size() * t;
        if (product > Integer.MAX_VALUE - 16) {
            throw new CompiledSpec.UnsupportedPropertyException("the product of the state graph (" + g.size()
                    + " states) and the property's tableau (" + t + " nodes) is too large to search");
        }
        this.size = (int) product;
        this.fairness = new FairnessConditions(spec, g, labels);
        this.inits = inits;
        this.labels = labels;
    }

    /** A fair behaviour satisfying the tableau's formula (a violation of the property), or null. */
    Lasso check() {
        int[] roots = initialNodes();
        int[] scc = fairScc(null, roots, new ArrayList<>());
        return scc == null ? null : lasso(roots, scc);
    }

    // ------------------------------------------------------------------ the product graph

    private int[] initialNodes() {
        List<Integer> out = new ArrayList<>();
        for (int s : inits) {
            for (int k : tab.initial()) {
                if (stateLitsHold(k, s)) out.add(s * t + k);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private boolean stateLitsHold(int node, int s) {
        for (Ltl.Lit l : tab.node(node).stateLits) {
            if (g.stateBit(s, labels.atomBit(l.atom())) != l.positive()) return false;
        }
        return true;
    }

    /** The value of action atom {@code a} on step {@code e} of the graph, or on the stutter of {@code s} when {@code e < 0}. */
    private boolean stepValue(Atom a, int s, int e) {
        return e < 0 ? g.stateBit(s, labels.stutterBit(a)) : g.stepBit(e, labels.atomBit(a));
    }

    /** The product successors of {@code p} (inside {@code region} when given). */
    private int[] successors(int p, BitSet region) {
        int[] out = new int[8];
        int m = 0;
        for (long r = successorFrom(p, region, 0); r >= 0; r = successorFrom(p, region, (int) (r >>> 32))) {
            if (m == out.length) out = Arrays.copyOf(out, m * 2);
            out[m++] = (int) r;
        }
        return Arrays.copyOf(out, m);
    }

    /**
     * The first product successor of {@code p} (inside {@code region} when given) at or after
     * position {@code from} of its successor list (the graph's steps from the state, then its
     * stutter, times the tableau node's successors), packed as {@code (position + 1) << 32 | node};
     * -1 when none is left. The component search keeps only a position per stack frame, not an
     * array of successors, so its stack costs 8 bytes a node.
     */
    private long successorFrom(int p, BitSet region, int from) {
        int s = p / t;
        Tableau.Node node = tab.node(p % t);
        int[] next = node.successors();
        int ns = next.length;
        if (ns == 0) return -1;
        int first = g.edgeStart(s);
        int count = g.edgeCount(s);
        for (int k = from / ns, j = from % ns; k <= count; k++, j = 0) {
            int e = k == count ? -1 : first + k;
            if (!actionLitsHold(node, s, e)) continue;
            int to = e < 0 ? s : g.target(e);
            for (; j < ns; j++) {
                int q = to * t + next[j];
                if ((region == null || region.get(q)) && stateLitsHold(next[j], to)) {
                    return ((long) (k * ns + j + 1) << 32) | q;
                }
            }
        }
        return -1;
    }

    private boolean actionLitsHold(Tableau.Node node, int s, int e) {
        for (Ltl.Lit l : node.actionLits) {
            if (stepValue(l.atom(), s, e) != l.positive()) return false;
        }
        return true;
    }

    // ------------------------------------------------------------------ fair components

    /** A fair accepting SCC inside {@code region} reachable from {@code roots}, with the witnesses its cycle must visit. */
    private int[] fairScc(BitSet region, int[] roots, List<Object> witnesses) {
        if (member == null) member = ScratchBits.of(size);
        BitSet in = member;
        for (int[] c : sccs(region, roots)) {
            if (c.length == 1 && tab.eventualities() > 0 && !tab.node(c[0] % t).accepts(0)) continue;
            for (int p : c) in.set(p);
            List<Object> w = new ArrayList<>();
            BitSet remove = new BitSet();
            boolean ok = hasCycle(c, in) && accepting(c, w) && fair(c, in, w, remove);
            for (int p : c) in.clear(p);
            if (!ok) continue;
            if (remove.isEmpty()) {
                witnesses.addAll(w);
                return c;
            }
            BitSet rest = new BitSet();
            for (int p : c) rest.set(p);
            rest.andNot(remove);
            int[] inner = fairScc(rest, rest.stream().toArray(), witnesses);
            if (inner != null) return inner;
        }
        return null;
    }

    /** Members of the component being examined (cleared after each one, so one bit set serves every component). */
    private BitSet member;
    /** Tarjan's arrays, allocated once: a run inside a region resets only the region's entries. */
    private int[] index;
    private int[] low;
    /** Tarjan's on-stack marks: empty between runs, so one serves every run. */
    private BitSet onStack;

    private boolean hasCycle(int[] c, BitSet in) {
        if (c.length > 1) return true;
        for (int q : successors(c[0], in)) {
            if (q == c[0]) return true;
        }
        return false;
    }

    /** Every eventuality is fulfilled somewhere in the component. */
    private boolean accepting(int[] c, List<Object> w) {
        for (int i = 0; i < tab.eventualities(); i++) {
            int found = -1;
            for (int p : c) {
                if (tab.node(p % t).accepts(i)) {
                    found = p;
                    break;
                }
            }
            if (found < 0) return false;
            w.add(found);
        }
        return true;
    }

    /** Every WF and SF conjunct is met by a cycle through the component (SF: unless the nodes in {@code remove} go). */
    private boolean fair(int[] c, BitSet in, List<Object> w, BitSet remove) {
        for (int f = 0; f < fairness.size(); f++) {
            int[] edge = takenEdge(f, c, in);
            if (edge != null) {
                w.add(edge);
                continue;
            }
            int disabledAt = -1;
            for (int p : c) {
                if (!fairness.enabledAt(p / t, f)) {
                    disabledAt = p;
                    if (!fairness.strong(f)) break;
                } else if (fairness.strong(f)) {
                    remove.set(p);
                }
            }
            if (!fairness.strong(f)) {
                if (disabledAt < 0) return false;
                w.add(disabledAt);
            }
        }
        return true;
    }

    private int[] takenEdge(int f, int[] c, BitSet in) {
        for (int p : c) {
            for (int q : successors(p, in)) {
                if (fairness.taken(f, p / t, q / t)) return new int[] {p, q};
            }
        }
        return null;
    }

    /** Strongly connected components reachable from {@code roots} inside {@code region} (iterative Tarjan). */
    private List<int[]> sccs(BitSet region, int[] roots) {
        List<int[]> out = new ArrayList<>();
        if (index == null) {
            index = new int[size];
            low = new int[size];
            onStack = ScratchBits.of(size);
            Arrays.fill(index, -1);
        } else {
            for (int p = region.nextSetBit(0); p >= 0; p = region.nextSetBit(p + 1)) index[p] = -1;
        }
        int[] stack = new int[16];
        int sp = 0;
        int counter = 0;
        // the call stack: a node and the position of its next successor (see successorFrom)
        int[] callNode = new int[16];
        int[] callPos = new int[16];
        for (int root : roots) {
            if (index[root] >= 0 || (region != null && !region.get(root))) continue;
            index[root] = low[root] = counter++;
            progress.visited();
            if (sp == stack.length) stack = Arrays.copyOf(stack, sp * 2);
            stack[sp++] = root;
            onStack.set(root);
            int depth = 0;
            callNode[0] = root;
            callPos[0] = 0;
            while (depth >= 0) {
                int v = callNode[depth];
                long r = successorFrom(v, region, callPos[depth]);
                if (r >= 0) {
                    callPos[depth] = (int) (r >>> 32);
                    int w = (int) r;
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        progress.visited();
                        if (sp == stack.length) stack = Arrays.copyOf(stack, sp * 2);
                        stack[sp++] = w;
                        onStack.set(w);
                        if (++depth == callNode.length) {
                            callNode = Arrays.copyOf(callNode, depth * 2);
                            callPos = Arrays.copyOf(callPos, depth * 2);
                        }
                        callNode[depth] = w;
                        callPos[depth] = 0;
                    } else if (onStack.get(w)) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                } else {
                    if (low[v] == index[v]) {
                        int start = sp;
                        do {
                            start--;
                        } while (stack[start] != v);
                        int[] c = Arrays.copyOfRange(stack, start, sp);
                        for (int x : c) onStack.clear(x);
                        sp = start;
                        out.add(c);
                    }
                    if (--depth >= 0) low[callNode[depth]] = Math.min(low[callNode[depth]], low[v]);
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the counterexample

    /** Something the cycle must pass: an accepting node of an eventuality, a step or state that is fair to a WF/SF conjunct. */
    private interface Requirement {
        boolean metBy(int from, int to);
    }

    /** What a cycle through {@code in} must pass to be accepting and fair (SF conjuncts never enabled there need nothing). */
    private List<Requirement> requirements(int[] scc, BitSet in) {
        List<Requirement> out = new ArrayList<>();
        for (int i = 0; i < tab.eventualities(); i++) {
            int ev = i;
            out.add((from, to) -> tab.node(to % t).accepts(ev));
        }
        for (int f = 0; f < fairness.size(); f++) {
            int cond = f;
            boolean weak = !fairness.strong(f);
            if (takenEdge(f, scc, in) == null && !weak) continue;
            out.add((from, to) -> from >= 0 && fairness.taken(cond, from / t, to / t)
                    || weak && !fairness.enabledAt(to / t, cond));
        }
        return out;
    }

    /**
     * The lasso: a shortest path to the component, then a cycle from its entry that goes each time
     * to the nearest node (or over the nearest step) meeting a requirement not yet met, and back.
     */
    private Lasso lasso(int[] roots, int[] scc) {
        BitSet in = new BitSet(size);
        for (int p : scc) in.set(p);
        int[] parent = bfs(roots, null);
        int entry = -1;
        int best = Integer.MAX_VALUE;
        for (int p : scc) {
            int d = depth(parent, p);
            if (d >= 0 && d < best) {
                best = d;
                entry = p;
            }
        }
        List<Integer> prefix = path(parent, entry);
        List<Requirement> pending = new ArrayList<>(requirements(scc, in));
        pending.removeIf(r -> r.metBy(-1, prefix.get(prefix.size() - 1)));
        List<Integer> cycle = new ArrayList<>();
        int cur = entry;
        while (!pending.isEmpty()) {
            List<Integer> step = nearest(cur, in, pending);
            int prev = cur;
            for (int q : step) {
                int from = prev;
                pending.removeIf(r -> r.metBy(from, q));
                prev = q;
            }
            cycle.addAll(step);
            cur = prev;
        }
        if (cur != entry) {
            walk(cur, entry, in, cycle);
        } else if (cycle.isEmpty()) {
            int q = successors(entry, in)[0];
            cycle.add(q);
            walk(q, entry, in, cycle);
        }
        return toStates(prefix, cycle);
    }

    /** A shortest path (without {@code from}) inside {@code in} to a node or over a step meeting one of {@code pending}. */
    private List<Integer> nearest(int from, BitSet in, List<Requirement> pending) {
        int[] parent = new int[size];
        Arrays.fill(parent, -2);
        parent[from] = -1;
        ArrayDeque<Integer> q = new ArrayDeque<>();
        q.add(from);
        while (!q.isEmpty()) {
            int v = q.poll();
            for (int w : successors(v, in)) {
                boolean meets = false;
                for (Requirement r : pending) meets |= r.metBy(v, w);
                if (meets) {
                    List<Integer> p = path(parent, v);
                    p.add(w);
                    return p.subList(1, p.size());
                }
                if (parent[w] == -2) {
                    parent[w] = v;
                    q.add(w);
                }
            }
        }
        throw new IllegalStateException("a fair component has no path to a requirement it was found to meet");
    }

    /** Product nodes to states: steps that only move in the tableau are stutters and are not printed. */
    private Lasso toStates(List<Integer> prefix, List<Integer> cycle) {
        List<Integer> states = new ArrayList<>();
        for (int p : prefix) addState(states, p / t);
        int loopIndex = states.size() - 1;
        int entryState = states.get(loopIndex);
        for (int i = 0; i < cycle.size() - 1; i++) addState(states, cycle.get(i) / t);
        if (states.size() > loopIndex + 1 && states.get(states.size() - 1) == entryState) states.remove(states.size() - 1);
        if (states.size() == loopIndex + 1) return new Lasso(states, -1);
        return new Lasso(states, loopIndex);
    }

    private static void addState(List<Integer> states, int s) {
        if (states.isEmpty() || states.get(states.size() - 1) != s) states.add(s);
    }

    /** Appends the product nodes of a shortest path from {@code from} to {@code to} inside {@code within}. */
    private int walk(int from, int to, BitSet within, List<Integer> out) {
        if (from == to) return to;
        int[] parent = bfs(new int[] {from}, within);
        List<Integer> p = path(parent, to);
        out.addAll(p.subList(1, p.size()));
        return to;
    }

    /** Breadth-first parents from {@code sources}: -1 at a source, -2 unreached. */
    private int[] bfs(int[] sources, BitSet within) {
        int[] parent = new int[size];
        Arrays.fill(parent, -2);
        ArrayDeque<Integer> q = new ArrayDeque<>();
        for (int s : sources) {
            if (parent[s] == -2) {
                parent[s] = -1;
                q.add(s);
            }
        }
        while (!q.isEmpty()) {
            int v = q.poll();
            for (int w : successors(v, within)) {
                if (parent[w] == -2) {
                    parent[w] = v;
                    q.add(w);
                }
            }
        }
        return parent;
    }

    private static int depth(int[] parent, int i) {
        if (parent[i] == -2) return -1;
        int d = 0;
        for (int k = i; parent[k] >= 0; k = parent[k]) d++;
        return d;
    }

    private static List<Integer> path(int[] parent, int to) {
        return LivenessChecker.path(parent, to);
    }
}
