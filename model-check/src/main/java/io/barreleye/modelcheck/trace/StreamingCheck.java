package io.barreleye.modelcheck.trace;

import io.barreleye.modelcheck.eval.CompiledSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Validates a trace file while another thread reads it: the spec is compiled while the first
 * events are parsed, each batch of events is validated as soon as it is read, and no event is
 * kept once checked, so a long trace takes little memory (and little garbage collection) and the
 * two threads work at once. The verdict is the one {@link TraceCheck#check} gives on the whole
 * trace: a malformed line anywhere refuses the trace, even after an event that is not explained
 * or a spec that cannot be loaded, and a trace whose header says {@code "order":"clock"} is
 * gathered and sorted before it is validated.
 */
public final class StreamingCheck {
    /** Batches read ahead of the validation at most. */
    private static final int AHEAD = 2;
    /** Put on the queue after the last batch. */
    private static final Object END = new Object();

    private StreamingCheck() {}

    /** The verdict on a trace file, and the trace's header part (spec, model, constants; no events). */
    public record Checked(Trace header, TraceValidator.Result result) {}

    /**
     * Validates {@code file} against the spec and model its header names (looked for next to it,
     * then in {@code specsDir}); {@code started} gets the validator once the spec is compiled
     * (for progress: {@link TraceValidator#explained}).
     */
    public static Checked check(Path file, Path specsDir, Consumer<TraceValidator> started) throws IOException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
        Thread reader = new Thread(() -> read(file, queue), "barreleye-trace-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            Object first = take(queue);
            if (first instanceof Throwable t) throw rethrow(t);
            Trace header = ((TraceReader.Header) first).trace(file);
            boolean byClock = ((TraceReader.Header) first).byClock();
            CompiledSpec spec;
            try {
                spec = TraceCheck.compile(header, specsDir);
            } catch (IOException | RuntimeException e) {
                drain(queue); // a malformed line is reported before a spec that does not load, as when reading first
                throw e;
            }
            TraceValidator validator = new TraceValidator(spec);
            started.accept(validator);
            TraceValidator.Run run = validator.start();
            List<TraceEvent> byClockOrder = byClock ? new ArrayList<>() : null;
            boolean going = true;
            int total = 0;
            for (Object o = take(queue); o != END; o = take(queue)) {
                if (o instanceof Throwable t) throw rethrow(t);
                @SuppressWarnings("unchecked")
                List<TraceEvent> batch = (List<TraceEvent>) o;
                total += batch.size();
                if (byClockOrder != null) {
                    byClockOrder.addAll(batch);
                    continue;
                }
                for (int i = 0; going && i < batch.size(); i++) going = run.offer(batch.get(i));
            }
            if (byClockOrder != null) {
                byClockOrder.sort(TraceReader.CLOCK_ORDER);
                for (int i = 0; going && i < byClockOrder.size(); i++) going = run.offer(byClockOrder.get(i));
            }
            return new Checked(header, run.result(total));
        } finally {
            reader.interrupt();
        }
    }

    /** The reader thread: the header, the batches, and then END or what stopped the reading. */
    private static void read(Path file, BlockingQueue<Object> queue) {
        Object last = END;
        try {
            Trace.read(file, new TraceReader.Sink() {
                @Override public void header(TraceReader.Header h) {
                    put(queue, h);
                }

                @Override public void events(List<TraceEvent> batch) {
                    put(queue, batch);
                }
            });
        } catch (Stopped stopped) {
            return;
        } catch (IOException e) {
            last = new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            last = e;
        }
        try {
            queue.put(last);
        } catch (InterruptedException e) {
            // the validation has ended: nobody waits for the end
        }
    }

    /** Thrown on the reader thread when the validation has ended and nobody takes what it reads. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    private static void put(BlockingQueue<Object> queue, Object o) {
        try {
            queue.put(o);
        } catch (InterruptedException e) {
            throw new Stopped();
        }
    }

    private static Object take(BlockingQueue<Object> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while validating a trace", e);
        }
    }

    /** Reads to the end, throwing what stopped the reading, if anything did. */
    private static void drain(BlockingQueue<Object> queue) throws IOException {
        for (Object o = take(queue); o != END; o = take(queue)) {
            if (o instanceof Throwable t) throw rethrow(t);
        }
    }

    /** What stopped the reader, thrown as it was thrown there (an I/O error as itself). */
    private static RuntimeException rethrow(Throwable t) throws IOException {
        if (t instanceof UncheckedIOException u) throw u.getCause();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
        throw new IllegalStateException(t);
    }
}
