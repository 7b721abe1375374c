package io.barreleye.modelcheck.search;

import io.barreleye.modelcheck.CheckResult;
import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.eval.Label;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.List;

/** Turns a path of fingerprints back into states by replaying the spec along it. */
final class TraceRebuilder {
    private final CompiledSpec spec;

    TraceRebuilder(CompiledSpec spec) {
        this.spec = spec;
    }

    List<CheckResult.Step> rebuild(long[] path) {
        List<CheckResult.Step> steps = new ArrayList<>();
        Value[][] found = new Value[1][];
        spec.initStates((s, label) -> {
            if (found[0] == null && spec.fingerprint(s) == path[0]) found[0] = s;
        });
        if (found[0] == null) throw new IllegalStateException("cannot replay the initial state of the trace");
        steps.add(new CheckResult.Step(Label.INIT, found[0]));
        for (int i = 1; i < path.length; i++) {
            Value[] cur = found[0];
            Label[] lab = new Label[1];
            found[0] = null;
            long want = path[i];
            int lvl = i;
            spec.successors(cur, lvl, (t, label) -> {
                if (found[0] == null && spec.fingerprint(t) == want) {
                    found[0] = t;
                    lab[0] = label;
                }
            });
            if (found[0] == null) throw new IllegalStateException("cannot replay step " + (i + 1) + " of the trace");
            steps.add(new CheckResult.Step(lab[0], found[0]));
        }
        return steps;
    }
}
