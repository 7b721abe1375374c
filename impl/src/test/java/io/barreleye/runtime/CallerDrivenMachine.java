package io.barreleye.runtime;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.topology.Machines;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuarantee;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;

/**
 * A machine with no threads of its own: the client threads run the kernels. Each core has a lock
 * (whoever holds it is that core's thread for the moment); a client posts its split-phase
 * operation to its core (as a driver does on threads) and then helps until it completes: it takes
 * any core's lock with a try-lock and runs one {@link Kernel#step} of that core (its pending control
 * work, one message from each channel, one local task). So every step of every kernel runs on a
 * client thread, and when the clients are Lincheck's threads its model checker decides which
 * client steps which core when: it explores the interleavings of the cores' message handling.
 * The kernels run the same code as under {@link ThreadRuntime} and {@link SimRuntime}; only the
 * scheduling differs. On real threads (stress mode) the locks keep each kernel single-threaded,
 * as the kernel requires.
 *
 * <p>Progress: a kernel's work never waits for a client, so one client helping alone completes
 * every operation; a try-lock never blocks, so two helpers cannot deadlock. A client whose
 * operation is not done checks, holding every core's lock, whether any kernel has work left; if
 * none has, the operation can never complete and the client says so (a hang found, not waited
 * out). Waits on other clients (busy retries, conditions) help one round between polls and give up
 * after {@link #WAIT_ROUNDS}.
 *
 * <p>The clock stands still (always 0): no protocol waits on time here (kernels stamp operations
 * with it for statistics only), and a real clock would make runs differ between Lincheck's replays.
 */
public final class CallerDrivenMachine implements MachineClient {
    /** Rounds of helping after which a busy retry or a wait for a condition is a hang. */
    static final int WAIT_ROUNDS = 10_000;

    /**
     * The loop bound to give Lincheck's model checker, which calls a loop that runs this many
     * iterations in one go a livelock: a client helping until its operation completes, or
     * retrying a busy answer, loops far more than Lincheck's default 50 in a correct run (Lincheck
     * still switches threads every 10 iterations).
     */
    public static final int LINCHECK_LOOP_BOUND = 2_000;

    private final Machine machine;
    /**
     * The booted cores, read once: the machine's own lists would put a few needless switch points
     * for the model checker into every round. Cores are neither added nor removed while clients
     * run (the scenarios do neither; {@link #kernel} refuses a machine that changed).
     */
    private final Kernel[] kernels;
    /** Per core: 1 while some client runs that core's kernel. */
    private final AtomicIntegerArray locks;
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private CallerDrivenMachine(Machine machine) {
        this.machine = machine;
        this.kernels = machine.live().toArray(new Kernel[0]);
        this.locks = new AtomicIntegerArray(kernels.length);
    }

    /** Boots {@code cores} cores of intel-2x4 (generation B, 8 slots, as {@link RunningMachine}) and lets {@code install} set protocols up. */
    public static CallerDrivenMachine boot(int cores, Consumer<Machine> install) {
        Machine m = Machine.boot(Machines.named("intel-2x4"), cores, Generation.USED_BIT, 8, () -> 0L);
        install.accept(m);
        return new CallerDrivenMachine(m);
    }

    /**
     * Tells Lincheck's model checker that one kernel step (which also starts the operations
     * posted to that core) is a single step of the schedule: the core's lock already excludes
     * every other client from that kernel, and the ring's own interleavings are model-checked by
     * the channel's Lincheck tests.
     * The checker then spends its switch points between the cores' steps (and on the locks), where
     * the protocols' interleavings are.
     */
    public static ManagedStrategyGuarantee kernelStepsAtomic() {
        return ManagedStrategyGuaranteeKt.forClasses(CallerDrivenMachine.class.getName())
                .methods("stepLocked").treatAsAtomic();
    }

    /** Lincheck model-checking options for a scenario on this machine: kernel steps atomic, the loop bound raised. */
    public static org.jetbrains.lincheck.datastructures.ModelCheckingOptions modelCheckingOptions() {
        return new org.jetbrains.lincheck.datastructures.ModelCheckingOptions().addGuarantee(kernelStepsAtomic()).loopBound(LINCHECK_LOOP_BOUND);
    }

    @Override
    public Machine machine() {
        return machine;
    }

    /** Errors kernels threw on a client's thread (a test asserts none; the client that stepped also got it). */
    public List<Throwable> failures() {
        return failures;
    }

    @Override
    public <T> Outcome<T> call(int core, Function<Kernel, CompletableFuture<Outcome<T>>> op) {
        return helpUntil(MachineClient.post(kernel(core), op), "an operation on core " + core);
    }

    @Override
    public <T> T read(int core, Function<Kernel, T> read) {
        return helpUntil(MachineClient.postRead(kernel(core), read), "a read on core " + core);
    }

    private Kernel kernel(int core) {
        if (machine.size() != kernels.length || !machine.isAlive(core)) {
            throw new IllegalStateException("a caller-driven machine runs the cores it booted, all of them; core " + core + " of " + machine.size());
        }
        return kernels[core];
    }

    /** Helps the cores until {@code done} completes, and returns its value. */
    private <T> T helpUntil(CompletableFuture<T> done, String what) {
        while (!done.isDone()) {
            if (!helpRound() && nothingLeftToDo() && !done.isDone()) {
                throw new AssertionError(what + " can never complete: no kernel has work left");
            }
        }
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new AssertionError(what + " threw " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + " was interrupted");
        }
    }

    /** Helps one round; a wait longer than {@link #WAIT_ROUNDS} rounds is a hang. */
    @Override
    public void pause(int tries, long startNanos, Supplier<String> what) {
        if (tries >= WAIT_ROUNDS) throw new AssertionError("waited " + WAIT_ROUNDS + " rounds of helping for " + what.get());
        helpRound();
    }

    /** One step of every core whose lock is free; true when some core did work. */
    private boolean helpRound() {
        boolean worked = false;
        for (int c = 0; c < kernels.length; c++) {
            if (!locks.compareAndSet(c, 0, 1)) continue;
            try {
                worked |= stepLocked(kernels[c]);
            } finally {
                locks.set(c, 0);
            }
        }
        return worked;
    }

    /**
     * True when, holding every core's lock at once, no kernel has work: then nothing can ever
     * happen again until a client starts a new operation. False when another client holds a lock
     * (it may be mid-step) or some kernel did work.
     */
    private boolean nothingLeftToDo() {
        int held = 0;
        try {
            for (; held < kernels.length; held++) {
                if (!locks.compareAndSet(held, 0, 1)) return false;
            }
            boolean worked = false;
            for (Kernel k : kernels) worked |= stepLocked(k);
            return !worked;
        } finally {
            for (int c = 0; c < held; c++) locks.set(c, 0);
        }
    }

    private boolean stepLocked(Kernel k) {
        try {
            return k.step();
        } catch (RuntimeException | Error e) {
            failures.add(e);
            throw e;
        }
    }
}
