package io.barreleye.kernel;

/**
 * A safety invariant of a spec, as executable code over a simulated machine's state: it may read
 * every core's replica at once, which only the simulation (one thread) can do consistently.
 * Named as in the spec (NoStaleTlbAfterUnmap, NoOverlappingRetypes, AgreedViews, ...).
 */
public interface Invariant {
    String name();

    /** Null when the invariant holds; otherwise what is wrong, in words. */
    String check(Machine m);

    /** An invariant from its spec name and its check. */
    static Invariant of(String name, java.util.function.Function<Machine, String> check) {
        return new Invariant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String check(Machine m) {
                return check.apply(m);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
