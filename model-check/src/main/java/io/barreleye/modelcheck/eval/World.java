package io.barreleye.modelcheck.eval;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;

/** What every evaluation of one spec shares: variable names, where Print writes, action labels. */
public final class World {
    public final String[] varNames;
    public final PrintStream out;
    private final ConcurrentHashMap<Label, Label> labels = new ConcurrentHashMap<>();
    /** Search statistics for TLCGet("distinct"), ("generated"), ("diameter"), ("queue"), set when known. */
    public final ConcurrentHashMap<String, Long> stats = new ConcurrentHashMap<>();

    public World(String[] varNames, PrintStream out) {
        this.varNames = varNames;
        this.out = out;
    }

    Label label(Label l) {
        return labels.computeIfAbsent(l, x -> x);
    }
}
