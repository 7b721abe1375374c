package io.barreleye.modelcheck.search;

import io.barreleye.modelcheck.CheckResult;
import io.barreleye.modelcheck.CheckResult.Verdict;
import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.eval.EvalException;
import io.barreleye.modelcheck.eval.Label;
import io.barreleye.modelcheck.value.Value;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulation mode for models too large to exhaust: random behaviours from random initial states,
 * each step a random successor, invariants and action properties checked on every state and
 * step. The same seed gives the same behaviours, so a violation found once is found again.
 */
public final class Simulator {
    private final CompiledSpec spec;
    private final PrintStream out;

    public Simulator(CompiledSpec spec, PrintStream out) {
        this.spec = spec;
        this.out = out;
    }

    public void run(CheckResult r, long seed, int depth, long behaviours) {
        r.searched = true;
        r.seed = seed;
        out.println("Running random simulation with seed " + seed + " (replay with -simulate -seed " + seed
                + " -depth " + depth + ")");
        SplittableRandom rnd = new SplittableRandom(seed);
        FingerprintSet seen = new FingerprintSet();
        List<Value[]> inits = new ArrayList<>();
        List<CheckResult.Step> trace = new ArrayList<>();
        try {
            spec.initStates((s, l) -> inits.add(s));
            r.generated += inits.size();
            for (Value[] s : inits) {
                if (seen.add(spec.fingerprint(s))) r.distinct++;
            }
            for (long b = 0; b < behaviours && !inits.isEmpty(); b++) {
                r.behaviours = b + 1;
                trace.clear();
                Value[] cur = inits.get(rnd.nextInt(inits.size()));
                trace.add(new CheckResult.Step(Label.INIT, cur));
                if (violates(r, trace, spec.violatedInvariant(cur, 1), "Invariant ")) return;
                if (!spec.inConstraint(cur, 1)) continue;
                for (int lvl = 1; lvl < depth; lvl++) {
                    List<Value[]> succ = new ArrayList<>();
                    List<Label> labels = new ArrayList<>();
                    spec.successors(cur, lvl, (t, l) -> {
                        succ.add(t);
                        labels.add(l);
                    });
                    r.generated += succ.size();
                    if (succ.isEmpty()) {
                        if (spec.checkDeadlock) {
                            r.verdict = Verdict.DEADLOCK;
                            r.message = "Deadlock reached.";
                            r.trace.addAll(trace);
                            return;
                        }
                        break;
                    }
                    int k = rnd.nextInt(succ.size());
                    Value[] t = succ.get(k);
                    if (spec.hasActionConstraints() && !spec.actionConstraintsHold(cur, t, lvl)) break;
                    trace.add(new CheckResult.Step(labels.get(k), t));
                    String prop = spec.violatedActionProperty(cur, t, lvl);
                    if (prop != null) {
                        r.verdict = Verdict.PROPERTY_VIOLATION;
                        r.message = "Action property " + prop + " is violated.";
                        r.trace.addAll(trace);
                        return;
                    }
                    if (seen.add(spec.fingerprint(t))) r.distinct++;
                    r.depth = Math.max(r.depth, lvl + 1);
                    if (violates(r, trace, spec.violatedInvariant(t, lvl + 1), "Invariant ")) return;
                    if (!spec.inConstraint(t, lvl + 1)) break;
                    cur = t;
                }
            }
        } catch (EvalException ex) {
            ex.trail().forEach(sp -> r.locations.add(sp.describe()));
            r.verdict = ex.exitCode() == 255 ? Verdict.OVERFLOW
                    : ex.exitCode() == 14 ? Verdict.ASSERTION_FAILED : Verdict.EVALUATION_ERROR;
            r.message = ex.getMessage();
            r.trace.addAll(trace);
        }
    }

    private static boolean violates(CheckResult r, List<CheckResult.Step> trace, String inv, String what) {
        if (inv == null) return false;
        r.verdict = Verdict.SAFETY_VIOLATION;
        r.property = inv;
        r.message = what + inv + " is violated.";
        r.trace.addAll(trace);
        return true;
    }
}
