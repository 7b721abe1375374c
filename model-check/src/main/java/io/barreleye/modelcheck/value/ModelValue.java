package io.barreleye.modelcheck.value;

import java.util.concurrent.ConcurrentHashMap;

/** A model value from a .cfg file: equal only to itself. */
public final class ModelValue extends Value {
    private static final ConcurrentHashMap<String, ModelValue> INTERN = new ConcurrentHashMap<>();
    public final String name;

    private ModelValue(String n) {
        this.name = n;
    }

    public static ModelValue of(String name) {
        return INTERN.computeIfAbsent(name, ModelValue::new);
    }

    @Override protected int rank() { return 3; }

    @Override protected int compareSame(Value o) {
        return name.compareTo(((ModelValue) o).name);
    }

    @Override public long fingerprint(long seed) {
        long h = 0x41;
        for (int i = 0; i < name.length(); i++) h = h * 31 + name.charAt(i);
        return mix(seed ^ 0x41, h);
    }

    @Override public void print(StringBuilder sb) {
        sb.append(name);
    }

    @Override public String kind() { return "model value"; }

    @Override public boolean equals(Object o) { return o == this; }

    @Override public int hashCode() { return System.identityHashCode(this); }
}
