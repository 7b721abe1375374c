package io.barreleye.modelcheck.value;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A model value from a .cfg file: equal only to itself. One named {@code T_x} is typed (of type
 * T): comparing it with anything but a model value is an error, as in TLC. Model values print
 * in TLC's order of their names ({@link TlcOrder}).
 */
public final class ModelValue extends Value {
    private static final ConcurrentHashMap<String, ModelValue> INTERN = new ConcurrentHashMap<>();
    public final String name;

    private final StringValue key;
    private final boolean typed;

    private ModelValue(String n) {
        this.name = n;
        this.key = StringValue.of(n);
        this.typed = n.length() > 2 && n.charAt(1) == '_';
    }

    /** The name as a string, for TLC's order of model values. */
    StringValue key() {
        return key;
    }

    /** True for a typed model value such as {@code T_a}. */
    public boolean typed() {
        return typed;
    }

    public static ModelValue of(String name) {
        return INTERN.computeIfAbsent(name, ModelValue::new);
    }

    @Override protected int rank() { return 0; }

    @Override protected int compareSame(Value o) {
        ModelValue m = (ModelValue) o;
        if (typed && m.typed && name.charAt(0) != m.name.charAt(0)) {
            throw new ValueException("Attempted to compare the model value " + name + " with the model value " + m.name
                    + " of a different type");
        }
        return name.compareTo(m.name);
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
