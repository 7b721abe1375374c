package io.barreleye.modelcheck.search;

import io.barreleye.modelcheck.CheckResult;
import io.barreleye.modelcheck.CheckResult.Verdict;
import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.eval.EvalException;
import io.barreleye.modelcheck.eval.Label;
import io.barreleye.modelcheck.temporal.Tableau;
import io.barreleye.modelcheck.value.Value;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Breadth-first search of the state graph, level by level, as TLC does it: states are generated
 * in the order of the next-state relation's disjuncts, invariants are checked on each new state,
 * and the search stops at the first violation, so with one worker the counts at a violation are
 * TLC's. With several workers each level is split among them; the set of states and the counts of
 * a complete search do not depend on the number of workers.
 */
public final class Bfs {
    /** A state waiting to be explored, with its index in the trace store. */
    private record Entry(Value[] state, int idx) {}

    /** Why the search stopped early, and where. */
    private record Stop(Verdict verdict, String property, String message, int parentIdx, Value[] last, Label lastLabel,
                        List<String> locations) {}

    private final CompiledSpec spec;
    private final int workers;
    private final PrintStream out;
    private final long progressNanos;
    private final FingerprintSet seen = new FingerprintSet();
    private final TraceStore traces = new TraceStore();
    private final LongAdder generated = new LongAdder();
    private final LongAdder distinct = new LongAdder();
    private final AtomicReference<Stop> stop = new AtomicReference<>();
    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    private final AtomicLong queued = new AtomicLong();
    private volatile int level;
    /** The whole graph, kept only when liveness properties (or -dump dot) need it, with the bits they read. */
    private final StateGraph graph;
    private final GraphLabels graphLabels;
    private final List<Integer> initIdx = new ArrayList<>();

    /** Per action label: enabled, generated, distinct; null unless coverage is asked for. */
    private final java.util.concurrent.ConcurrentHashMap<Label, LongAdder[]> coverage;
    private final java.nio.file.Path dumpDot;

    public Bfs(CompiledSpec spec, int workers, PrintStream out, double progressSeconds) {
        this(spec, workers, out, progressSeconds, false, null);
    }

    public Bfs(CompiledSpec spec, int workers, PrintStream out, double progressSeconds, boolean coverage,
               java.nio.file.Path dumpDot) {
        this.spec = spec;
        this.workers = Math.max(1, workers);
        this.out = out;
        this.progressNanos = (long) (progressSeconds * 1e9);
        this.graphLabels = !spec.needsStateGraph() && dumpDot == null ? null : new GraphLabels(spec);
        this.graph = graphLabels == null ? null : new StateGraph(traces, graphLabels, dumpDot != null);
        this.dumpDot = dumpDot;
        this.coverage = coverage ? new java.util.concurrent.ConcurrentHashMap<>() : null;
        if (coverage) {
            for (Label l : spec.actions()) this.coverage.put(l, counters());
        }
    }

    private static LongAdder[] counters() {
        return new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder()};
    }

    private void count(Label l, int which) {
        coverage.computeIfAbsent(l.action(), k -> counters())[which].increment();
    }

    /** Registers a state seen in graph mode (its liveness bits evaluated when new); returns its index and whether it is new. */
    private int[] register(long fp, int parent, Value[] s) {
        int[] reg = graph.register(fp, parent);
        if (reg[1] == 1) graph.putState(reg[0], graphLabels.stateBits(s), s);
        return reg;
    }

    public void run(CheckResult r) {
        r.searched = true;
        if (spec.needsStateGraph()) {
            for (String w : spec.livenessWarnings()) out.println(w);
        }
        r.workers = workers;
        List<Entry> initial = new ArrayList<>();
        level = 1;
        try {
            spec.initStates((s, label) -> {
                if (stop.get() != null) return;
                generated.increment();
                // As TLC's DoInitFunctor: a state outside the CONSTRAINT is neither counted nor
                // explored, but its invariants are still checked, as are those of a new state.
                int idx = -1;
                if (spec.inConstraint(s, 1)) {
                    long fp = spec.fingerprint(s);
                    if (graph != null) {
                        int[] reg = register(fp, -1, s);
                        if (reg[1] == 0) return;
                        idx = reg[0];
                        initIdx.add(idx);
                    } else {
                        if (!seen.add(fp)) return;
                        idx = traces.add(fp, -1);
                    }
                    distinct.increment();
                }
                String inv;
                try {
                    int at = idx;
                    inv = spec.violatedInvariant(s, 1, at < 0 ? null : () -> behaviour(at));
                    if (inv == null) inv = spec.violatedInitProperty(s);
                } catch (EvalException ex) {
                    stop.compareAndSet(null, evalStop(ex, -1, s, Label.INIT));
                    queued.set(initial.size() + 1);
                    return;
                }
                if (inv != null) {
                    stop.compareAndSet(null, new Stop(Verdict.SAFETY_VIOLATION, inv, "Invariant " + inv + " is violated by the initial state.",
                            -1, s, Label.INIT, List.of()));
                    return;
                }
                if (idx >= 0) initial.add(new Entry(s, idx));
            });
        } catch (EvalException ex) {
            stop.compareAndSet(null, evalStop(ex, -1, null, null));
        }
        if (stop.get() != null) r.queueLeft = queued.get();
        List<Entry> frontier = initial;
        out.println("Finished computing initial states: " + distinct.sum() + " distinct state"
                + (distinct.sum() == 1 ? "" : "s") + " generated.");
        int depth = frontier.isEmpty() ? (distinct.sum() > 0 ? 1 : 0) : 1;
        ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, daemon()) : null;
        r.generated = generated.sum();
        r.distinct = distinct.sum();
        r.depth = depth;
        try {
            while (!frontier.isEmpty() && stop.get() == null) {
                queued.set(frontier.size());
                List<Entry> next = pool == null ? explore(frontier, new AtomicInteger()) : exploreParallel(pool, frontier);
                if (stop.get() != null) {
                    Stop s = stop.get();
                    if (s.last != null && (s.verdict == Verdict.SAFETY_VIOLATION && s.property != null
                            || s.verdict == Verdict.EVALUATION_ERROR || s.verdict == Verdict.OVERFLOW
                            || s.verdict == Verdict.ASSERTION_FAILED)) {
                        depth = Math.max(depth, level + 1);
                    } else if (s.verdict == Verdict.PROPERTY_VIOLATION && !next.isEmpty()) {
                        // a step violating an action property: states the level found before it still count
                        depth = Math.max(depth, level + 1);
                    }
                    r.queueLeft = queued.get() + next.size();
                    break;
                }
                if (!next.isEmpty()) depth = level + 1;
                frontier = next;
                level++;
                r.depth = depth;
            }
        } finally {
            if (pool != null) pool.shutdownNow();
            // counts stay meaningful even when the search is cut short (out of memory)
            r.generated = generated.sum();
            r.distinct = distinct.sum();
        }
        r.generated = generated.sum();
        r.distinct = distinct.sum();
        r.depth = depth;
        Stop s = stop.get();
        if (coverage != null) {
            for (java.util.Map.Entry<Label, LongAdder[]> c : coverage.entrySet()) {
                r.coverage.add(new CheckResult.Coverage(c.getKey(), c.getValue()[0].sum(), c.getValue()[1].sum(),
                        c.getValue()[2].sum()));
            }
            r.coverage.sort(java.util.Comparator.comparing((CheckResult.Coverage c) -> c.action().span() == null ? 0
                    : c.action().span().line()).thenComparing(c -> c.action().name()));
        }
        if (dumpDot != null) {
            // as TLC: the graph explored so far is written on a violation too
            try {
                DotWriter.write(graph, initIdx, spec.varNames, dumpDot);
                out.println("Wrote the state graph (" + graph.size() + " states) to " + dumpDot);
            } catch (java.io.IOException ex) {
                if (s != null) {
                    out.println("Error: cannot write " + dumpDot + ": " + ex.getMessage());
                } else {
                    r.verdict = Verdict.FILE_ERROR;
                    r.message = "cannot write " + dumpDot + ": " + ex.getMessage();
                    return;
                }
            }
        }
        if (s != null) {
            report(s, r);
        } else if (graph != null && spec.needsStateGraph()) {
            checkLiveness(r);
        }
    }

    private void checkLiveness(CheckResult r) {
        int checks = spec.liveness.size() + spec.temporal.size();
        long names = java.util.stream.Stream.concat(spec.liveness.stream().map(CompiledSpec.Liveness::name),
                spec.temporal.stream().map(CompiledSpec.TemporalProperty::name)).distinct().count();
        out.println("Checking " + names + " temporal propert" + (names == 1 ? "y" : "ies")
                + (names == checks ? "" : " (" + checks + " instances of their \\A)")
                + " on the complete state graph (" + graph.size() + " states, " + (graph.bytes() >> 20) + " MB).");
        long started = System.nanoTime();
        LivenessProgress progress = new LivenessProgress(out, progressNanos / 1e9);
        if (!checkPatterns(r, progress)) return;
        for (CompiledSpec.TemporalProperty p : spec.temporal) {
            LivenessChecker.Lasso lasso;
            try {
                Tableau tableau = new Tableau(p.negation());
                progress.start(p.name(), (long) graph.size() * tableau.size());
                lasso = new TableauChecker(spec, graph, graphLabels, initIdx, tableau, progress).check();
            } catch (EvalException ex) {
                report(evalStop(ex, -1, null, null), r);
                return;
            } catch (IllegalArgumentException ex) {
                throw new CompiledSpec.UnsupportedPropertyException("the property " + p.name() + ": " + ex.getMessage());
            }
            if (lasso != null) {
                reportLasso(r, p.name(), lasso, false);
                return;
            }
        }
        // as TLC's "Finished checking temporal properties in ..."; timing lines are not compared
        out.printf(java.util.Locale.ROOT, "Finished checking temporal properties in %.1fs.%n", (System.nanoTime() - started) / 1e9);
    }

    /** Checks the properties of the forms the graph checker decides directly; false once one fails. */
    private boolean checkPatterns(CheckResult r, LivenessProgress progress) {
        LivenessChecker lc = new LivenessChecker(spec, graph, graphLabels, initIdx, progress);
        for (int k = 0; k < spec.liveness.size(); k++) {
            CompiledSpec.Liveness p = spec.liveness.get(k);
            int[] group = eventuallyAlwaysGroup(k);
            LivenessChecker.Lasso lasso;
            try {
                lasso = group.length > 1 ? lc.eventuallyAlways(group) : lc.check(p, k);
                k += group.length - 1;
            } catch (EvalException ex) {
                report(evalStop(ex, -1, null, null), r);
                return false;
            }
            if (lasso == null) continue;
            reportLasso(r, p.name(), lasso, p.kind() == CompiledSpec.LiveKind.ALWAYS);
            return false;
        }
        return true;
    }

    /**
     * The pattern properties checked together with the {@code k}-th: for {@code <>[]P}, the
     * instances of one property's {@code \A} that follow it (TLC checks their negations,
     * {@code []<>~P}, as one), else only {@code k}.
     */
    private int[] eventuallyAlwaysGroup(int k) {
        CompiledSpec.Liveness first = spec.liveness.get(k);
        int end = k + 1;
        if (first.kind() == CompiledSpec.LiveKind.EVENTUALLY_ALWAYS) {
            while (end < spec.liveness.size() && spec.liveness.get(end).kind() == CompiledSpec.LiveKind.EVENTUALLY_ALWAYS
                    && spec.liveness.get(end).name().equals(first.name())) {
                end++;
            }
        }
        return java.util.stream.IntStream.range(k, end).toArray();
    }

    /** Reports a violated temporal property with its counterexample (a finite prefix when {@code finite}). */
    private void reportLasso(CheckResult r, String property, LivenessChecker.Lasso lasso, boolean finite) {
        r.verdict = Verdict.PROPERTY_VIOLATION;
        r.property = property;
        r.message = "Temporal property " + property + " was violated.";
        // the graph keeps no states: replay the spec along the lasso's fingerprints (and its step back)
        List<Integer> st = lasso.states();
        boolean loops = lasso.loopBack() >= 0;
        long[] fps = new long[st.size() + (loops ? 1 : 0)];
        for (int i = 0; i < st.size(); i++) fps[i] = graph.fingerprint(st.get(i));
        if (loops) fps[st.size()] = graph.fingerprint(st.get(lasso.loopBack()));
        List<CheckResult.Step> steps = new TraceRebuilder(spec).rebuild(fps);
        r.trace.addAll(steps.subList(0, st.size()));
        if (loops) {
            r.loopBack = lasso.loopBack();
            r.loopLabel = steps.get(st.size()).label();
        } else {
            r.loopBack = finite ? -2 : -1;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        AtomicInteger n = new AtomicInteger();
        return run -> {
            Thread t = new Thread(null, run, "barreleye-worker-" + n.incrementAndGet(), 256L << 20);
            t.setDaemon(true);
            return t;
        };
    }

    private List<Entry> exploreParallel(ExecutorService pool, List<Entry> frontier) {
        AtomicInteger cursor = new AtomicInteger();
        List<Future<List<Entry>>> parts = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            parts.add(pool.submit(() -> explore(frontier, cursor)));
        }
        List<Entry> next = new ArrayList<>();
        for (Future<List<Entry>> f : parts) {
            try {
                next.addAll(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) throw re;
                if (c instanceof Error er) throw er;
                throw new IllegalStateException(c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return next;
    }

    /** Explores frontier entries claimed through {@code cursor}; returns the new states found. */
    private List<Entry> explore(List<Entry> frontier, AtomicInteger cursor) {
        List<Entry> next = new ArrayList<>();
        List<Value[]> succ = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        int lvl = level;
        while (stop.get() == null) {
            int i = cursor.getAndIncrement();
            if (i >= frontier.size()) break;
            if (workers == 1 || (i & 63) == 0) queued.set(frontier.size() - i - 1);
            Entry e = frontier.get(i);
            succ.clear();
            labels.clear();
            List<Integer> edges = new ArrayList<>();
            List<Label> edgeLabels = new ArrayList<>();
            List<long[]> edgeBits = new ArrayList<>();
            try {
                spec.successors(e.state, lvl, (t, label) -> {
                    succ.add(t);
                    labels.add(label);
                });
            } catch (EvalException ex) {
                stop.compareAndSet(null, evalStop(ex, e.idx, null, null));
                break;
            } catch (StackOverflowError so) {
                stop.compareAndSet(null, new Stop(Verdict.EVALUATION_ERROR, null,
                        "the evaluation recursed too deeply (a RECURSIVE operator without a base case?)", e.idx, null, null, List.of()));
                break;
            }
            if (succ.isEmpty() && spec.checkDeadlock) {
                stop.compareAndSet(null, new Stop(Verdict.DEADLOCK, null, "Deadlock reached.", e.idx, null, null, List.of()));
                break;
            }
            if (coverage != null) {
                java.util.Set<Label> enabledHere = new java.util.HashSet<>();
                for (Label l : labels) enabledHere.add(l.action());
                for (Label l : enabledHere) count(l, 0);
            }
            for (int k = 0; k < succ.size() && stop.get() == null; k++) {
                Value[] t = succ.get(k);
                Label label = labels.get(k);
                generated.increment();
                if (coverage != null) count(label, 1);
                try {
                    // TLC's order (ModelChecker.doNext): a state inside the constraints is
                    // registered; a new one, or one outside the constraints, has its invariants
                    // checked; every step is checked against the action properties; only a new
                    // state inside the constraints is explored further.
                    boolean inModel = (!spec.hasActionConstraints() || spec.actionConstraintsHold(e.state, t, lvl))
                            && spec.inConstraint(t, lvl + 1);
                    boolean unseen = true;
                    int idx = -1;
                    if (inModel) {
                        long fp = spec.fingerprint(t);
                        if (graph != null) {
                            int[] reg = register(fp, e.idx, t);
                            edges.add(reg[0]);
                            edgeLabels.add(label);
                            long[] bits = new long[graphLabels.stepWords()];
                            graphLabels.stepBits(e.state, t, bits, 0);
                            edgeBits.add(bits);
                            unseen = reg[1] == 1;
                            idx = reg[0];
                        } else {
                            unseen = seen.add(fp);
                            if (unseen) idx = traces.add(fp, e.idx);
                        }
                        if (unseen) distinct.increment();
                    }
                    int at = idx;
                    String inv = unseen ? spec.violatedInvariant(t, lvl + 1, at < 0 ? null : () -> behaviour(at)) : null;
                    if (inv != null) {
                        stop.compareAndSet(null, new Stop(Verdict.SAFETY_VIOLATION, inv, "Invariant " + inv + " is violated.",
                                e.idx, t, label, List.of()));
                        break;
                    }
                    String prop = spec.violatedActionProperty(e.state, t, lvl);
                    if (prop != null) {
                        stop.compareAndSet(null, new Stop(Verdict.PROPERTY_VIOLATION, null, "Action property " + prop + " is violated.",
                                e.idx, t, label, List.of()));
                        break;
                    }
                    if (!inModel || !unseen) continue;
                    if (coverage != null) count(label, 2);
                    next.add(new Entry(t, idx));
                } catch (EvalException ex) {
                    stop.compareAndSet(null, evalStop(ex, e.idx, t, label));
                    break;
                }
            }
            if (graph != null) {
                int[] ts = new int[edges.size()];
                int words = graphLabels.stepWords();
                long[] bits = new long[ts.length * words];
                for (int k = 0; k < ts.length; k++) {
                    ts[k] = edges.get(k);
                    System.arraycopy(edgeBits.get(k), 0, bits, k * words, words);
                }
                graph.putEdges(e.idx, ts, bits, edgeLabels.toArray(new Label[0]));
            }
            progress();
        }
        return next;
    }

    /** The behaviour that reached state idx, replayed from the trace store (only when a spec asks for it). */
    private Value behaviour(int idx) {
        List<Value[]> states = new ArrayList<>();
        for (CheckResult.Step st : new TraceRebuilder(spec).rebuild(traces.path(idx))) states.add(st.state());
        return spec.behaviourValue(states);
    }

    private Stop evalStop(EvalException ex, int parentIdx, Value[] last, Label label) {
        List<String> locs = new ArrayList<>();
        ex.trail().forEach(s -> locs.add(s.describe()));
        Verdict v = ex.exitCode() == 255 ? Verdict.OVERFLOW : ex.exitCode() == 14 ? Verdict.ASSERTION_FAILED : Verdict.EVALUATION_ERROR;
        return new Stop(v, null, ex.getMessage(), parentIdx, last, label, locs);
    }

    private void progress() {
        if (progressNanos <= 0) return;
        long now = System.nanoTime();
        long last = lastProgress.get();
        if (now - last >= progressNanos && lastProgress.compareAndSet(last, now)) {
            out.printf("Progress(%d): %,d states generated, %,d distinct states found, %,d states left on queue.%n",
                    level, generated.sum(), distinct.sum(), Math.max(0, queued.get()));
            out.flush();
        }
    }

    private void report(Stop s, CheckResult r) {
        r.verdict = s.verdict;
        r.message = s.message;
        r.property = s.property;
        r.locations.addAll(s.locations);
        if (s.parentIdx >= 0) {
            r.trace.addAll(new TraceRebuilder(spec).rebuild(traces.path(s.parentIdx)));
        }
        if (s.last != null) r.trace.add(new CheckResult.Step(s.lastLabel, s.last));
    }
}
