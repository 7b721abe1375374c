package io.barreleye.modelcheck.trace;

import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.eval.Label;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes traces of the spec itself: a seeded random behaviour, each step an event naming its
 * action and recording the variables it changed (the first, Init, records them all). These are the golden traces the validator must accept, and
 * the raw material of the mutated traces it must reject.
 */
public final class SpecSimulator {
    private SpecSimulator() {}

    /** Event lines (without the header) of a random behaviour of up to {@code steps} steps. */
    public static List<String> behaviour(CompiledSpec spec, long seed, int steps) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Value[]> inits = new ArrayList<>();
        spec.initStates((s, l) -> inits.add(s));
        List<String> out = new ArrayList<>();
        Value[] cur = inits.get(rnd.nextInt(inits.size()));
        out.add(TraceCheck.eventLine("Init", -1, 0, spec.varNames, cur, null));
        for (int i = 1; i <= steps; i++) {
            List<Value[]> succ = new ArrayList<>();
            List<Label> labels = new ArrayList<>();
            spec.successors(cur, i, (t, l) -> {
                succ.add(t);
                labels.add(l);
            });
            if (succ.isEmpty()) break;
            int k = rnd.nextInt(succ.size());
            Value[] prev = cur;
            cur = succ.get(k);
            List<String> changed = new ArrayList<>();
            for (int v = 0; v < cur.length; v++) {
                if (!prev[v].equals(cur[v])) changed.add(spec.varNames[v]);
            }
            out.add(TraceCheck.eventLine(labels.get(k).name(), -1, i, spec.varNames, cur, changed));
        }
        return out;
    }
}
