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
}
