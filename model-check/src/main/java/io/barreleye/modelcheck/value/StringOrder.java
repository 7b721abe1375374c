package io.barreleye.modelcheck.value;

/**
 * TLC orders strings (and so sets of strings, record fields and model values) by when it first
 * met them, not alphabetically: every string gets the next number of an intern table the first
 * time it is seen (identifiers while the modules are parsed, string literals during semantic
 * analysis, other strings when evaluation creates them). This class is that table's numbering.
 *
 * <p>A check starts a new numbering with {@link #begin()}, so each run orders its strings as a
 * fresh TLC would; a string from an earlier run is numbered again the first time it is met in
 * this one. Checks in one JVM run one after another; the numbering is shared by their threads.
 */
public final class StringOrder {
    private StringOrder() {}

    /** The current numbering; a string whose {@code epoch} differs is not numbered in it yet. */
    private static volatile int epoch = 1;
    private static int next;

    /** Starts a fresh numbering: the strings met from now on are ordered as a new TLC run meets them. */
    public static synchronized void begin() {
        epoch++;
        next = 0;
    }

    /** Numbers {@code s} in the current run unless it has a number already. */
    static void meet(StringValue s) {
        if (s.epoch != epoch) number(s);
    }

    private static synchronized void number(StringValue s) {
        if (s.epoch == epoch) return;
        s.rank = next++;
        s.epoch = epoch;
    }

    /** The position of {@code s} in the current run's order. */
    static int rank(StringValue s) {
        meet(s);
        return s.rank;
    }
}
