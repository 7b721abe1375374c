package io.barreleye.modelcheck.value;

import java.util.concurrent.ConcurrentHashMap;

public final class StringValue extends Value {
    private static final ConcurrentHashMap<String, StringValue> INTERN = new ConcurrentHashMap<>();
    public final String value;
    private final long hash;

    private StringValue(String v) {
        this.value = v;
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < v.length(); i++) h = (h ^ v.charAt(i)) * 0x100000001b3L;
        this.hash = h;
    }

    public static StringValue of(String s) {
        return INTERN.computeIfAbsent(s, StringValue::new);
    }

    @Override protected int rank() { return 2; }

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
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }

    @Override public String kind() { return "string"; }

    @Override public boolean equals(Object o) { return o == this; }

    @Override public int hashCode() { return System.identityHashCode(this); }
}
