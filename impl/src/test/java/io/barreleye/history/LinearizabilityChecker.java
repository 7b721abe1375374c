package io.barreleye.history;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a complete history is linearizable against a sequential specification: the
 * Wing &amp; Gong search with Lowe's memoisation (a configuration, the set of operations
 * linearised and the specification's state, is explored once), as in Lowe, "Testing for
 * linearizability" (2017). Histories of an object made of independent parts are split by key
 * first (P-compositionality, Horn &amp; Kroening 2015): the history is linearizable exactly when
 * each part is, and the parts are checked separately.
 *
 * @param <S> the specification's state: immutable, with value equality (it is memoised)
 */
public final class LinearizabilityChecker<S> {
    /** The specification: the state after {@code op} from {@code state}, or null when {@code op}'s answer is not the one it gives. */
    @FunctionalInterface
    public interface Spec<S> {
        S step(S state, Op op);
    }

    /** The verdict on one history (or one part). */
    public record Result(boolean linearizable, int operations, long configurations, String detail) {}

    private final S initial;
    private final Spec<S> spec;

    public LinearizabilityChecker(S initial, Spec<S> spec) {
        this.initial = initial;
        this.spec = spec;
    }

    /** Checks each part of {@code history} (by {@code key}) separately; the first part that is not linearizable decides. */
    public Result checkPerKey(List<Op> history, Function<Op, Object> key) {
        Map<Object, List<Op>> parts = new LinkedHashMap<>();
        for (Op op : history) parts.computeIfAbsent(key.apply(op), k -> new ArrayList<>()).add(op);
        long configurations = 0;
        for (Map.Entry<Object, List<Op>> part : parts.entrySet()) {
            Result r = check(part.getValue());
            configurations += r.configurations();
            if (!r.linearizable()) {
                return new Result(false, history.size(), configurations, "part " + part.getKey() + ": " + r.detail());
            }
        }
        return new Result(true, history.size(), configurations, parts.size() + " parts");
    }

    /** Checks {@code history} as one object. */
    public Result check(List<Op> history) {
        int n = history.size();
        // the events in time order: a call is entry 2i, the return of operation i is entry 2i+1
        List<Integer> events = new ArrayList<>(2 * n);
        for (int i = 0; i < 2 * n; i++) events.add(i);
        events.sort(Comparator.comparingLong(e -> (e & 1) == 0 ? history.get(e >> 1).call() : history.get(e >> 1).ret()));
        // a doubly linked list over the events, with a sentinel head at index 2n
        int head = 2 * n;
        int[] next = new int[2 * n + 1];
        int[] prev = new int[2 * n + 1];
        int last = head;
        for (int e : events) {
            next[last] = e;
            prev[e] = last;
            last = e;
        }
        next[last] = -1;

        Set<Config<S>> seen = new HashSet<>();
        BitSet linearized = new BitSet(n);
        int[] stackOp = new int[n];
        List<S> stackState = new ArrayList<>(n);
        int depth = 0;
        S state = initial;
        int entry = next[head];
        int deepest = 0;
        String stuck = "";
        while (next[head] != -1) {
            if (entry == -1) {
                return new Result(false, n, seen.size(), stuck);
            }
            int op = entry >> 1;
            if ((entry & 1) == 0) {
                S after = spec.step(state, history.get(op));
                BitSet with = (BitSet) linearized.clone();
                with.set(op);
                if (after != null && seen.add(new Config<>(with, after))) {
                    stackOp[depth++] = op;
                    stackState.add(state);
                    deepest = Math.max(deepest, depth);
                    state = after;
                    linearized.set(op);
                    lift(op, next, prev);
                    entry = next[head];
                } else {
                    entry = next[entry];
                }
            } else {
                // a return: the operation it ends is not linearised yet, so backtrack
                if (depth == deepest) {
                    stuck = "after " + depth + " operations (specification state " + state + "), no pending operation fits before "
                            + history.get(op) + " returns";
                }
                if (depth == 0) {
                    return new Result(false, n, seen.size(), stuck);
                }
                int undo = stackOp[--depth];
                state = stackState.remove(depth);
                linearized.clear(undo);
                unlift(undo, next, prev);
                entry = next[2 * undo];
            }
        }
        return new Result(true, n, seen.size(), "linearizable");
    }

    /** Takes operation {@code op}'s call and return out of the list. */
    private static void lift(int op, int[] next, int[] prev) {
        for (int e : new int[] {2 * op, 2 * op + 1}) {
            next[prev[e]] = next[e];
            if (next[e] != -1) prev[next[e]] = prev[e];
        }
    }

    /** Puts them back (in the reverse order of {@link #lift}). */
    private static void unlift(int op, int[] next, int[] prev) {
        for (int e : new int[] {2 * op + 1, 2 * op}) {
            if (next[e] != -1) prev[next[e]] = e;
            next[prev[e]] = e;
        }
    }

    private record Config<S>(BitSet linearized, S state) {}
}
