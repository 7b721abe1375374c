package io.barreleye.modelcheck;

import java.nio.file.Path;

/** What to check and how: TLC's command-line options. */
public final class CheckOptions {
    public Path spec;
    /** Null: the .cfg next to the spec with the same name. */
    public Path config;
    public int workers = 1;
    /** TLC's {@code -deadlock}: do not check for deadlock. */
    public boolean noDeadlock;
    public Path json;
    public double progressSeconds = 5;
    /** Report, per action, how often it was enabled and taken and the new states it found. */
    public boolean coverage;
    /** Write the state graph in Graphviz dot format to this file. */
    public Path dumpDot;
    /** Random simulation instead of exhaustive search. */
    public boolean simulate;
    public int depth = 100;
    public Long seed;
    public long behaviours = 1000;
    /** Compare with TLC (the jar in TLA2TOOLS_JAR) on the same model. */
    public boolean compareTlc;

    /** A complete check of {@code spec} with {@code config} (null: the spec's own), no progress lines. */
    public static CheckOptions of(Path spec, Path config, int workers) {
        CheckOptions o = new CheckOptions();
        o.spec = spec;
        o.config = config;
        o.workers = workers;
        o.progressSeconds = 0;
        return o;
    }
}
