package io.barreleye.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongFunction;

/**
 * Runs a long job on its own thread and prints a line about it every few seconds, so that a
 * long run is never silent. The job's exceptions come back to the caller as they were thrown.
 */
final class Progress {
    /** Commands without a progress option print a line this often. */
    static final long EVERY_MILLIS = 5000;

    private Progress() {}

    /**
     * Runs {@code job}; every {@code intervalMillis} while it runs, prints the line
     * {@code status} gives for the milliseconds elapsed.
     */
    static <T> T run(Callable<T> job, long intervalMillis, LongFunction<String> status, PrintStream out) throws Exception {
        FutureTask<T> task = new FutureTask<>(job);
        Thread worker = new Thread(task, "barreleye-run");
        worker.setDaemon(true);
        long t0 = System.nanoTime();
        worker.start();
        while (true) {
            worker.join(intervalMillis);
            if (task.isDone()) break;
            out.println(status.apply((System.nanoTime() - t0) / 1_000_000));
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }
}
