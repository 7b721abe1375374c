package io.barreleye.runtime;

import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How a client thread (a Lincheck thread, a history recorder's thread) uses a running machine
 * through the split-phase API: start an operation on a core and wait for its outcome, read a core's
 * state where that core's kernel would read it, and wait for what other clients or cores do. Two
 * implementations differ only in who runs the kernels: {@link RunningMachine} (one
 * {@link ThreadRuntime} thread per core) and {@link CallerDrivenMachine} (the client threads
 * themselves, so that Lincheck's model checker schedules every step).
 */
public interface MachineClient {
    /** Boots a machine of {@code cores} cores, lets {@code install} set protocols up, and returns its client (a scenario's choice of runtime). */
    @FunctionalInterface
    interface Boot {
        MachineClient boot(int cores, java.util.function.Consumer<Machine> install);
    }

    Machine machine();

    /** Starts {@code op} on core {@code core} and waits for its outcome. */
    <T> Outcome<T> call(int core, Function<Kernel, CompletableFuture<Outcome<T>>> op);

    /** Runs {@code read} on core {@code core} (where its state may be read) and returns what it found. */
    <T> T read(int core, Function<Kernel, T> read);

    /**
     * Called between two tries of a wait that has already failed {@code tries} times (it began at
     * {@code startNanos}): lets the machine make progress, and throws an AssertionError naming
     * {@code what} once the wait is longer than any correct run needs (a hang).
     */
    void pause(int tries, long startNanos, Supplier<String> what);

    /** Posts {@code op} to core {@code k} (it starts at the core's next step); the future completes with its outcome. */
    static <T> CompletableFuture<Outcome<T>> post(Kernel k, Function<Kernel, CompletableFuture<Outcome<T>>> op) {
        CompletableFuture<Outcome<T>> done = new CompletableFuture<>();
        k.post(() -> op.apply(k).whenComplete((o, e) -> {
            if (e != null) done.completeExceptionally(e);
            else done.complete(o);
        }));
        return done;
    }

    /** Posts {@code read} to core {@code k} (it runs at the core's next step); the future completes with what it found. */
    static <T> CompletableFuture<T> postRead(Kernel k, Function<Kernel, T> read) {
        CompletableFuture<T> done = new CompletableFuture<>();
        k.post(() -> {
            try {
                done.complete(read.apply(k));
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /**
     * Calls {@code op} until its outcome is not {@code again} (a busy answer: the capability is
     * locked, the page is being unmapped), pausing between tries so the cores can make progress.
     */
    default <T> Outcome<T> callUntil(int core, Function<Kernel, CompletableFuture<Outcome<T>>> op, Predicate<Outcome<T>> again) {
        long start = System.nanoTime();
        for (int tries = 0; ; tries++) {
            Outcome<T> o = call(core, op);
            if (!again.test(o)) return o;
            pause(tries, start, () -> "an operation on core " + core + " that answers busy: " + o);
        }
    }

    /** Polls {@code condition}, pausing between polls, until it holds. */
    default void await(BooleanSupplier condition, String what) {
        long start = System.nanoTime();
        for (int tries = 0; !condition.getAsBoolean(); tries++) pause(tries, start, () -> what);
    }
}
