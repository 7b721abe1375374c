package io.barreleye.modelcheck.value;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A string. Values are kept in a canonical order that does not depend on the run (strings
 * alphabetically), so that values built for one spec compare correctly with another's; TLC's
 * order of strings, by when they were first met in the run ({@link StringOrder}), is applied
 * where it shows: printing and CHOOSE ({@link TlcOrder}).
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
        StringValue v = intern(s);
        StringOrder.meet(v);
        return v;
    }

    /** The one value of {@code s}, not yet met in the run's order (see {@link StringOrder}). */
    static StringValue intern(String s) {
        return INTERN.computeIfAbsent(s, StringValue::new);
    }

    @Override protected int rank() { return 3; }

    @Override protected int compareSame(Value o) {
        return o == this ? 0 : value.compareTo(((StringValue) o).value);
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
