package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.value.RecordValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * TLCExt's {@code Trace}: the behaviour up to the current state, a sequence of records with one
 * field per variable. Follows TLC's {@code TLCExt.getTrace}: a state whose variables are not all
 * assigned yet (as in an {@code ASSUME}, where TLC's state is its empty one, or in {@code Init}
 * before every variable has a value) is an error naming them; a spec without variables has one
 * state with no fields, so in its {@code ASSUME}s {@code Trace} is {@code <<[]>>}.
 */
final class TraceOperator {
    private TraceOperator() {}

    static Value eval(Ctx c, Span at) {
        if (c.behaviour != null) return c.behaviour.get();
        String[] vars = c.rt.varNames;
        List<String> unassigned = new ArrayList<>();
        for (int i = 0; i < vars.length; i++) {
            if (c.cur == null || c.cur[i] == null) unassigned.add(vars[i]);
        }
        if (!unassigned.isEmpty()) {
            throw new EvalException(at, "In evaluating TLCExt!Trace, the state is not completely specified yet (variable"
                    + (unassigned.size() > 1 ? "s " : " ") + String.join(", ", unassigned) + " undefined).");
        }
        if (vars.length == 0) return TupleValue.of(RecordValue.of(new String[0], new Value[0]));
        throw new EvalException(at, "TLCExt!Trace (the behaviour up to the current state) is only known while the"
                + " search checks a state's invariants");
    }
}
