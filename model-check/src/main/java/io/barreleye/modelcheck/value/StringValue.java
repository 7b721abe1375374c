package io.barreleye.modelcheck.value;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A string. Strings are ordered as TLC orders them, by when they were first met in the run
 * ({@link StringOrder}), not alphabetically.
 */
public final class StringValue extends Value {
    private static final ConcurrentHashMap<String, StringValue> INTERN = new ConcurrentHashMap<>();
    public final String value;
    private final long hash;
    /** The position in the current run's intern order, valid when {@link #epoch} is the run's. */
    int rank;
    volatile int epoch;

    private StringValue(String v) {
        this.value = v;
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < v.length(); i++) h = (h ^ v.charAt(i)) * 0x100000001b3L;
        this.hash = h;
    }

    public static StringValue of(String s) {
        StringValue v = INTERN.computeIfAbsent(s, StringValue::new);
        StringOrder.meet(v);
        return v;
    }

    @Override protected int rank() { return 3; }

    @Override protected int compareSame(Value o) {
        return o == this ? 0 : Integer.compare(StringOrder.rank(this), StringOrder.rank((StringValue) o));
    }

    @Override public long fingerprint(long seed) {
        return mix(seed ^ 0x31, hash);
    }

    @Override public void print(StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\f' -> sb.append("\\f");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }

    @Override public String kind() { return "string"; }

    @Override public boolean equals(Object o) { return o == this; }

    @Override public int hashCode() { return System.identityHashCode(this); }
}
