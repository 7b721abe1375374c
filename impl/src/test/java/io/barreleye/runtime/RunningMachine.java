package io.barreleye.runtime;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.topology.Machines;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * A machine kept running on the {@link ThreadRuntime} (one thread per core) while client threads
 * call into it, as Lincheck's threads and the history recorders do: {@link #call} posts a
 * split-phase operation to a core and blocks the caller until its future completes, {@link #read}
 * runs a synchronous read on the core's own thread. Lincheck builds one instance per invocation
 * and has no tear-down, so {@link #replacing} closes the previous one (its core threads).
 */
public final class RunningMachine implements MachineClient, AutoCloseable {
    /** A client waits this long for one operation: far above any operation's time, so hitting it is a hang. */
    static final long CALL_TIMEOUT_MS = 30_000;

    private static RunningMachine previous;

    private final Machine machine;
    private final ThreadRuntime runtime = new ThreadRuntime();
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    private final Thread driver;

    private RunningMachine(Machine machine) {
        this.machine = machine;
        driver = new Thread(() -> runtime.run(machine, stop, Long.MAX_VALUE / 2), "running-machine");
        driver.setDaemon(true);
        driver.start();
    }

    /** Boots {@code cores} cores of intel-2x4 (generation B, 8 slots), lets {@code install} set protocols up, starts the threads. */
    public static RunningMachine boot(int cores, java.util.function.Consumer<Machine> install) {
        Machine m = Machine.boot(Machines.named("intel-2x4"), cores, Generation.USED_BIT, 8, io.barreleye.kernel.Clock.NANOS);
        install.accept(m);
        return new RunningMachine(m);
    }

    /** As {@link #boot}, first closing the machine the previous call of this method returned. */
    public static synchronized RunningMachine replacing(int cores, java.util.function.Consumer<Machine> install) {
        if (previous != null) previous.close();
        previous = boot(cores, install);
        return previous;
    }

    @Override
    public Machine machine() {
        return machine;
    }

    /** Starts {@code op} on core {@code core}'s thread and waits for its outcome. */
    @Override
    public <T> Outcome<T> call(int core, Function<Kernel, CompletableFuture<Outcome<T>>> op) {
        return await(MachineClient.post(machine.kernel(core), op), "operation on core " + core);
    }

    /** Runs {@code read} on core {@code core}'s thread (where its state may be read) and returns what it found. */
    @Override
    public <T> T read(int core, Function<Kernel, T> read) {
        return await(MachineClient.postRead(machine.kernel(core), read), "read on core " + core);
    }

    /** How long a client keeps retrying busy answers, or waiting for a condition, before it calls the wait a hang. */
    static final long BUSY_LIMIT_MS = 10_000;

    /** Backs off briefly (longer as the tries add up) so the cores' threads can make progress. */
    @Override
    public void pause(int tries, long startNanos, java.util.function.Supplier<String> what) {
        if (System.nanoTime() - startNanos > TimeUnit.MILLISECONDS.toNanos(BUSY_LIMIT_MS)) {
            throw new AssertionError("waited " + BUSY_LIMIT_MS + " ms for " + what.get());
        }
        LockSupport.parkNanos(20_000L * Math.min(tries + 1, 50));
    }

    private <T> T await(CompletableFuture<T> f, String what) {
        try {
            return f.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " did not complete in " + CALL_TIMEOUT_MS + " ms; kernel failures: " + runtime.failures());
        } catch (ExecutionException e) {
            throw new AssertionError(what + " threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " was interrupted");
        }
    }

    /** Errors kernels threw on their threads (a test asserts none). */
    public java.util.List<Throwable> failures() {
        return runtime.failures();
    }

    @Override
    public void close() {
        stop.complete(null);
        try {
            driver.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
