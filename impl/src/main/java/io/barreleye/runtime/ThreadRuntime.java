package io.barreleye.runtime;

import io.barreleye.kernel.Clock;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Real threads: one platform thread per core, each looping over its kernel's {@link Kernel#step};
 * an idle core spins briefly (the sender's write reaches it within a cache-line transfer) and then
 * parks for short intervals so idle cores do not burn the machine. Java cannot pin a thread to a
 * CPU without native code, so threads are left to the OS scheduler; the topology still decides
 * which cores talk.
 */
public final class ThreadRuntime implements CoreRuntime {
    static final int SPINS = 2_000;
    static final long PARK_NANOS = 20_000;

    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Clock clock() {
        return Clock.NANOS;
    }

    @Override
    public String name() {
        return "threads";
    }

    /** Simulation steps that one millisecond on threads stands for (a step is a message handled, or less). */
    static final long STEPS_PER_MILLI = 500;

    /** Milliseconds: one per 500 simulation steps, at least one. */
    @Override
    public long budget(long simSteps) {
        return Math.max(1, simSteps / STEPS_PER_MILLI);
    }

    @Override
    public boolean run(Machine m, CompletableFuture<?> done, long budgetMillis) {
        running = true;
        for (Kernel k : m.live()) start(m, k);
        m.onCoreAdded(k -> {
            if (running) start(m, k);
        });
        try {
            done.get(budgetMillis, TimeUnit.MILLISECONDS);
            return failures.isEmpty();
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // the work completed (exceptionally): the caller inspects the future
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            stop();
        }
    }

    /** Core threads this runtime still holds: started by a run and not yet ended (none between runs). */
    public synchronized int threadsHeld() {
        return threads.size();
    }

    /** Errors thrown by kernels on their threads. */
    public List<Throwable> failures() {
        return failures;
    }

    private synchronized void start(Machine m, Kernel k) {
        Thread t = new Thread(() -> loop(m, k), "core-" + k.id());
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    private void loop(Machine m, Kernel k) {
        int idle = 0;
        try {
            while (running && m.isAlive(k.id())) {
                if (k.step()) {
                    idle = 0;
                } else if (++idle < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(PARK_NANOS);
                }
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private void stop() {
        running = false;
        List<Thread> ts;
        synchronized (this) {
            ts = new ArrayList<>(threads);
        }
        for (Thread t : ts) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        // forget the threads that ended: a runtime run thousands of times (a driver's runFor per
        // step) would otherwise join every thread of every earlier run at each stop, which is
        // quadratic (a threaded capability driver run spent minutes here)
        synchronized (this) {
            threads.removeIf(t -> !t.isAlive());
        }
    }
}
