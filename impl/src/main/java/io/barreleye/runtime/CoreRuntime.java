package io.barreleye.runtime;

import io.barreleye.kernel.Clock;
import io.barreleye.kernel.Machine;
import java.util.concurrent.CompletableFuture;

/**
 * Drives the kernels of a machine: the same kernel code runs under a deterministic simulation
 * (one thread, a seeded scheduler) or on real threads (one per core).
 */
public interface CoreRuntime {
    /** The clock kernels stamp messages with. */
    Clock clock();

    /**
     * Runs the machine until {@code done} completes; false when it did not complete within the
     * budget (simulation steps, or milliseconds on threads) or the machine went quiet without it.
     */
    boolean run(Machine m, CompletableFuture<?> done, long budget);

    /**
     * The budget of {@link #run} that stands for about {@code simSteps} simulation steps: the
     * steps themselves in the simulation, the wall time they take on threads. Lets a driver that
     * interleaves its own actions with the machine's work run on either.
     */
    long budget(long simSteps);

    /** Runs the machine for about {@code simSteps} simulation steps (see {@link #budget}), or until it is quiet. */
    default void runFor(Machine m, long simSteps) {
        run(m, new CompletableFuture<Void>(), budget(simSteps));
    }

    String name();
}
