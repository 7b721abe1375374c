package io.barreleye.modelcheck.search;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Progress lines while the temporal properties are checked on the complete state graph, which
 * takes minutes on graphs of millions of states: the checkers report each graph node (each
 * product node, for a tableau) the component search visits, and a line is printed at the same
 * interval as the search's {@code Progress(...)} lines. Printing nothing when the interval is 0.
 */
final class LivenessProgress {
    /** Visits between two looks at the clock (the clock is dearer than a visit). */
    private static final int CHECK_EVERY = 1 << 16;

    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final int checkEvery;
    private long last;
    private String what = "";
    private long total;
    private long visited;

    LivenessProgress(PrintStream out, double intervalSeconds) {
        this(out, intervalSeconds, System::nanoTime, CHECK_EVERY);
    }

    /** With the clock (nanoseconds) and the visits between looks at it given, for tests. */
    LivenessProgress(PrintStream out, double intervalSeconds, LongSupplier clock, int checkEvery) {
        if (Integer.bitCount(checkEvery) != 1) throw new IllegalArgumentException("checkEvery must be a power of 2");
        this.out = out;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.clock = clock;
        this.checkEvery = checkEvery;
        this.last = clock.getAsLong();
    }

    /** A new pass over {@code total} nodes, for the property named {@code property}. */
    void start(String property, long total) {
        this.what = property;
        this.total = total;
        this.visited = 0;
    }

    /** One more node visited. */
    void visited() {
        if ((++visited & (checkEvery - 1)) != 0 || intervalNanos <= 0) return;
        long now = clock.getAsLong();
        if (now - last < intervalNanos) return;
        last = now;
        out.printf(java.util.Locale.ROOT, "Progress: checking temporal property %s: %,d of %,d graph nodes searched.%n", what,
                Math.min(visited, total), total);
        out.flush();
    }
}
