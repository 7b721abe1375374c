package io.barreleye.traces;

import io.barreleye.modelcheck.trace.TraceValues;
import io.barreleye.modelcheck.value.Value;
import java.util.List;

/** Writes one trace event line (traces/README.md) for the refinement mappings. */
final class TraceLine {
    private TraceLine() {}

    /**
     * The event {@code action} on {@code core} at {@code clock}, with its spec arguments and
     * {@code updates} as (variable, path or null for the whole variable, value) triples.
     */
    static String event(String action, int core, long clock, Object[] args, List<Object> updates) {
        StringBuilder sb = new StringBuilder("{\"event\":\"").append(action).append("\",\"core\":").append(core)
                .append(",\"clock\":").append(clock).append(",\"args\":[");
        for (int i = 0; i < args.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(json(args[i]));
        }
        sb.append(']');
        if (!updates.isEmpty()) {
            sb.append(",\"updates\":[");
            for (int i = 0; i < updates.size(); i += 3) {
                if (i > 0) sb.append(',');
                sb.append("{\"var\":\"").append(updates.get(i)).append("\",\"path\":[");
                Object[] path = (Object[]) updates.get(i + 1);
                if (path != null) {
                    for (int k = 0; k < path.length; k++) {
                        if (k > 0) sb.append(',');
                        sb.append(json(path[k]));
                    }
                }
                sb.append("],\"value\":").append(json(updates.get(i + 2))).append('}');
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    /** The spec's numbering of n cores (or pages): the set {1, ..., n}. */
    static io.barreleye.modelcheck.value.SetEnumValue oneTo(int n) {
        Value[] vs = new Value[n];
        for (int i = 0; i < n; i++) vs[i] = io.barreleye.modelcheck.value.IntValue.of(i + 1);
        return io.barreleye.modelcheck.value.SetEnumValue.of(vs);
    }

    /** A value, a string (quoted) or a number, as trace JSON. */
    static String json(Object o) {
        if (o instanceof Value v) return TraceValues.toJson(v);
        if (o instanceof String s) return io.barreleye.modelcheck.Report.quoteJson(s);
        return o.toString();
    }
}
