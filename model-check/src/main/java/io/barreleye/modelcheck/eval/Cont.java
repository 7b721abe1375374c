package io.barreleye.modelcheck.eval;

/** The rest of an action, run once per way the part before it can be satisfied. */
@FunctionalInterface
public interface Cont {
    void run();
}
