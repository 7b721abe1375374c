package io.barreleye.kernel;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * A protocol as the randomized stateful suite drives it: install it on a machine (with the fault
 * switches chosen when the scenario was made), generate random operations, start one on its core,
 * and check the spec's invariants. Every started operation must resolve (succeed or fail with a
 * typed reason), even when cores crash in the middle of it.
 */
public interface Scenario {
    String name();

    void install(Machine m);

    ScenarioOp randomOp(SplittableRandom rnd, Machine m);

    /** Starts {@code op} on its core (through {@link Kernel#post}); the future completes on that core. */
    CompletableFuture<? extends Outcome<?>> start(Machine m, ScenarioOp op);

    List<Invariant> invariants();

    /**
     * Why the machine is not quiescent once every operation resolved and the messages in flight
     * landed (a lock still held, an operation still pending), or null when it is. The suite asks
     * at the end of every run; a protocol with nothing to leave behind keeps the default.
     */
    default String quiescent(Machine m) {
        return null;
    }
}
