package io.barreleye.modelcheck.trace;

import io.barreleye.modelcheck.value.Value;
import java.util.List;

/**
 * One recorded step: the spec action it claims to be, its arguments (null where not recorded),
 * the core that took it, its logical time, and what it set: whole variables, or values at paths
 * inside variables.
 */
public record TraceEvent(int line, String name, Value[] args, int core, long clock, List<Constraint> constraints) {
    /** The successor must have {@code value} at {@code path} (empty: the whole variable) of variable {@code var}. */
    public record Constraint(String var, Value[] path, Value value) {}

    public String describe() {
        StringBuilder sb = new StringBuilder(name);
        if (args != null && args.length > 0) {
            sb.append('(');
            for (int i = 0; i < args.length; i++) {
                if (i > 0) sb.append(", ");
                sb.append(args[i] == null ? "_" : args[i].toString());
            }
            sb.append(')');
        }
        if (core >= 0) sb.append(" on core ").append(core);
        for (Constraint c : constraints) {
            sb.append(", ").append(c.var());
            for (Value p : c.path()) sb.append('[').append(p).append(']');
            sb.append("' = ").append(c.value());
        }
        return sb.toString();
    }
}
