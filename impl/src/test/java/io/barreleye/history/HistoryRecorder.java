package io.barreleye.history;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Records the operations client threads run against a concurrent object. Each thread appends to
 * its own log, so recording adds no lock that would serialise the clients; the only shared word
 * is the counter that stamps calls and returns, which orders them as they happened in real time.
 */
public final class HistoryRecorder {
    private final AtomicLong clock = new AtomicLong();
    private final List<List<Op>> logs = new ArrayList<>();

    /** The log of client {@code thread}; create every log before the clients start. */
    public synchronized Log log(int thread) {
        while (logs.size() <= thread) logs.add(new ArrayList<>());
        return new Log(thread, logs.get(thread));
    }

    /** One client's log: not thread-safe, used by its own thread only. */
    public final class Log {
        private final int thread;
        private final List<Op> ops;

        private Log(int thread, List<Op> ops) {
            this.thread = thread;
            this.ops = ops;
        }

        /** Runs {@code body} as operation {@code name(args)}, records it, and returns its answer. */
        public <T> T record(String name, int[] args, Supplier<T> body) {
            long call = clock.incrementAndGet();
            T result = body.get();
            long ret = clock.incrementAndGet();
            ops.add(new Op(thread, call, ret, name, args, result));
            return result;
        }
    }

    /** Every client's operations, once the clients have stopped. */
    public synchronized List<Op> history() {
        List<Op> all = new ArrayList<>();
        for (List<Op> l : logs) all.addAll(l);
        return all;
    }
}
