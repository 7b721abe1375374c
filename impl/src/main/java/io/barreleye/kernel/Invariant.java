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
}
