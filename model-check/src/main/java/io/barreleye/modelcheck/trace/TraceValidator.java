package io.barreleye.modelcheck.trace;

import io.barreleye.modelcheck.Report;
import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.eval.EvalException;
import io.barreleye.modelcheck.value.FcnValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides whether some behaviour of the spec explains a trace: start from the initial states,
 * and for each event take the named action with the recorded arguments from every state still
 * possible, keeping the successors that agree with the recorded values (variables not recorded
 * stay free). The trace conforms when every event is explained; otherwise the first event that is
 * not is diagnosed: the states possible before it, the actions enabled there, and which conjunct
 * of the named action was false, or which recorded value the action cannot produce.
 */
public final class TraceValidator {
    /** Stop tracking more than this many candidate states at once (the trace records too little). */
    static final int MAX_CANDIDATES = 100_000;

    /** The verdict on one trace, its diagnosis when it fails, and what it covered of the spec. */
    public record Result(boolean conforms, int eventsChecked, int totalEvents, String diagnosis,
                         Map<String, Long> actions, Set<Long> states) {}

    private final CompiledSpec spec;
    /** Events explained so far by the running {@link #validate}: read by another thread for progress lines. */
    private volatile int explained;

    public TraceValidator(CompiledSpec spec) {
        this.spec = spec;
    }

    /** How many events the validation under way has explained so far. */
    public int explained() {
        return explained;
    }

    public Result validate(List<TraceEvent> events) {
        Run run = new Run();
        for (TraceEvent e : events) {
            if (!run.offer(e)) break;
        }
        return run.result(events.size());
    }

    /** A validation fed one event at a time, so that a trace need not be held whole: {@link #offer}, then {@link #result}. */
    public Run start() {
        return new Run();
    }

    /**
     * One validation under way: the spec states still possible after the events offered so far,
     * the actions taken and the states visited, or the diagnosis of the first event not explained.
     */
    public final class Run {
        /** Steps per action (a hash map while running: the names are looked up at every event; sorted in the result). */
        private final Map<String, Long> actions = new java.util.HashMap<>();
        private final StateFingerprints visited = new StateFingerprints();
        /** Null before the first event. */
        private List<Value[]> current;
        /** Events offered so far (the index of the next). */
        private int offered;
        /** The first event not explained, its index, and why; null while every event is explained. */
        private TraceEvent failed;
        private int failedAt;
        private String why;

        private Run() {}

        /**
         * Checks the next event; false once an event is not explained (later events are then only
         * counted, by {@link #result}'s total).
         */
        public boolean offer(TraceEvent e) {
            if (failed != null) return false;
            int i = offered++;
            if (current == null) {
                begin(e.name().equals("Init") ? e : null);
                if (failed != null) return false;
                if (e.name().equals("Init")) {
                    explained = 1;
                    return true;
                }
            }
            int arity = spec.actionArity(e.name());
            if (e.args() != null && arity >= 0 && e.args().length != arity) {
                return fail(e, i, e.name() + " takes " + arity + " argument(s) in the spec, but the trace gives " + e.args().length);
            }
            List<Value[]> next = new ArrayList<>();
            Successors seen = new Successors();
            try {
                Agreeing keep = new Agreeing(e, seen, next);
                for (Value[] s : current) spec.successorsVia(e.name(), e.args(), s, i + 1, keep);
            } catch (EvalException ex) {
                return fail(e, i, "evaluating " + e.name() + " fails: " + ex.getMessage());
            }
            if (next.isEmpty()) return fail(e, i, diagnose(e, current, i + 1));
            if (next.size() > MAX_CANDIDATES) {
                return fail(e, i, "more than " + MAX_CANDIDATES + " spec states agree with the trace so far;"
                        + " record more variables");
            }
            actions.merge(e.name(), 1L, Long::sum);
            seen.addTo(visited);
            current = next;
            explained = i + 1;
            return true;
        }

        /** The initial states, those that agree with {@code init} when the trace starts with one. */
        private void begin(TraceEvent init) {
            List<Value[]> inits = new ArrayList<>();
            spec.initStates((s, l) -> inits.add(s));
            current = new ArrayList<>();
            if (init != null) {
                for (Value[] s : inits) {
                    if (agrees(s, init)) current.add(s);
                }
                if (current.isEmpty()) {
                    fail(init, 0, "no initial state of the spec agrees with the recorded initial values: " + init.describe());
                    return;
                }
            } else {
                current.addAll(inits);
            }
            for (Value[] s : current) visited.add(spec.fingerprint(s));
        }

        private boolean fail(TraceEvent e, int i, String reason) {
            failed = e;
            failedAt = i;
            why = reason;
            return false;
        }

        /** The verdict, for a trace of {@code totalEvents} events (all offered, unless one was not explained). */
        public Result result(int totalEvents) {
            if (current == null) begin(null); // no events: the initial states are all there is
            Map<String, Long> sorted = new TreeMap<>(actions);
            if (failed == null) return new Result(true, totalEvents, totalEvents, null, sorted, visited);
            String d = "event " + (failedAt + 1) + " (line " + failed.line() + "): " + failed.describe() + "\n  " + why;
            return new Result(false, failedAt, totalEvents, d, sorted, visited);
        }
    }

    /** Keeps each successor that agrees with the event, once. (A class: see {@code CompiledSpec.Deliver}.) */
    private final class Agreeing implements CompiledSpec.Sink {
        private final TraceEvent e;
        private final Successors seen;
        private final List<Value[]> next;

        Agreeing(TraceEvent e, Successors seen, List<Value[]> next) {
            this.e = e;
            this.seen = seen;
            this.next = next;
        }

        @Override public void accept(Value[] t, io.barreleye.modelcheck.eval.Label l) {
            if (agrees(t, e) && seen.add(spec.fingerprint(t))) next.add(t);
        }
    }

    /**
     * The fingerprints of one event's agreeing successors, to keep each state once: almost always
     * one or two, so a short array searched linearly, a set only beyond that.
     */
    private static final class Successors {
        private long[] fps = new long[4];
        private int n;
        private StateFingerprints many;

        boolean add(long fp) {
            if (many != null) return many.add(fp);
            for (int k = 0; k < n; k++) {
                if (fps[k] == fp) return false;
            }
            if (n == fps.length) {
                many = new StateFingerprints();
                for (int k = 0; k < n; k++) many.add(fps[k]);
                return many.add(fp);
            }
            fps[n++] = fp;
            return true;
        }

        void addTo(StateFingerprints visited) {
            if (many != null) {
                visited.addAll(many);
                return;
            }
            for (int k = 0; k < n; k++) visited.add(fps[k]);
        }
    }

    /**
     * Whether successor {@code s} has every value the event records. A whole variable that agrees
     * is then replaced in {@code s} by the event's own value object, an equal value of the same
     * representation: the next event that records it with the same text gets that same object
     * from the reader (a history recorded at every step), and comparing an object with itself
     * takes no time, where comparing two copies walks them whole. Not a tuple: the spec's own
     * tuple may have room to grow in place ({@link TupleValue#append}), the reader's has none.
     */
    private boolean agrees(Value[] s, TraceEvent e) {
        for (TraceEvent.Constraint c : e.constraints()) {
            int v = spec.varIndex(c.var());
            if (v < 0) return false;
            Value at = s[v];
            for (Value key : c.path()) {
                if (!(at instanceof FcnValue f) || (at = f.apply(key)) == null) return false;
            }
            if (!at.equals(c.value())) return false;
        }
        for (TraceEvent.Constraint c : e.constraints()) {
            if (c.path().length > 0) continue;
            int v = spec.varIndex(c.var());
            if (s[v].getClass() == c.value().getClass() && !(s[v] instanceof TupleValue)) s[v] = c.value();
        }
        return true;
    }

    private String diagnose(TraceEvent e, List<Value[]> before, int level) {
        StringBuilder sb = new StringBuilder();
        for (TraceEvent.Constraint c : e.constraints()) {
            if (spec.varIndex(c.var()) < 0) {
                return "the trace records variable " + c.var() + ", which the spec does not declare";
            }
        }
        int arity = spec.actionArity(e.name());
        if (arity < 0) {
            boolean labelled = false;
            for (Value[] s : before) {
                boolean[] any = {false};
                try {
                    spec.successors(s, level, (t, l) -> any[0] |= l.name().equals(e.name()));
                } catch (EvalException ex) {
                    any[0] = true; // cannot tell: diagnose it as an action
                }
                labelled |= any[0];
            }
            if (!labelled) return "the spec has no action named " + e.name();
        } else if (e.args() != null && e.args().length != arity) {
            return e.name() + " takes " + arity + " argument(s) in the spec, but the trace gives " + e.args().length;
        }
        sb.append(before.size() == 1 ? "the one spec state possible before it:" : before.size() + " spec states were possible before it; the first:");
        Value[] s = before.get(0);
        sb.append("\n").append(Report.formatState(spec.varNames, s).indent(4).stripTrailing());
        Map<String, Integer> enabled = new LinkedHashMap<>();
        try {
            spec.successors(s, level, (t, l) -> enabled.merge(l.name(), 1, Integer::sum));
            sb.append("\n  actions enabled there: ").append(enabled.isEmpty() ? "none" : enabled.toString());
        } catch (EvalException ex) {
            // e.g. \E M \in SUBSET Cores over 32 cores: the named action is still diagnosed below
            sb.append("\n  actions enabled there: not enumerated (").append(ex.getMessage()).append(')');
        }
        String why = spec.falseConjunct(e.name(), e.args(), s, level);
        if (why != null) {
            sb.append("\n  ").append(e.name()).append(" cannot be taken there: ").append(why);
            return sb.toString();
        }
        // the action can be taken: which recorded value disagrees?
        List<Value[]> succ = new ArrayList<>();
        spec.successorsVia(e.name(), e.args(), s, level, (t, l) -> succ.add(t));
        for (TraceEvent.Constraint c : e.constraints()) {
            int v = spec.varIndex(c.var());
            boolean some = false;
            Set<String> allowed = new java.util.TreeSet<>();
            for (Value[] t : succ) {
                Value at = t[v];
                for (Value key : c.path()) at = at instanceof FcnValue f ? f.apply(key) : null;
                if (at != null && at.equals(c.value())) some = true;
                allowed.add(String.valueOf(at));
            }
            if (!some) {
                sb.append("\n  ").append(e.name()).append(" can be taken, but the trace records ").append(c.var());
                for (Value p : c.path()) sb.append('[').append(p).append(']');
                sb.append("' = ").append(c.value()).append(" where the spec allows ").append(allowed);
                return sb.toString();
            }
        }
        sb.append("\n  ").append(e.name()).append(" can be taken, but no single successor agrees with all the recorded values");
        return sb.toString();
    }
}
