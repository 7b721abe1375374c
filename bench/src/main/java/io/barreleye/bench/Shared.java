package io.barreleye.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Constants and the padded words shared by the benchmarks. */
final class Shared {
    /** Capacity of every queue under test, in messages (slots). */
    static final int CAPACITY = 1024;

    /** 128 bytes: two cache lines, against adjacent-line prefetch (as in the URPC ring). */
    static final int PAD_WORDS = 16;

    /**
     * Appended to every fork's JVM options, so that all benchmarks run in identically configured
     * JVMs: Agrona 2.x reaches {@code jdk.internal.misc.Unsafe}, which JDK 17 only exports on request.
     */
    static final String FORK_JVM_ARGS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private Shared() {}

    /**
     * One word alone in its own pair of cache lines: a {@code long[]} with {@link #PAD_WORDS}
     * words before and after it. Written by one thread with release, read by others with acquire.
     */
    static final class PaddedWord {
        private static final int INDEX = PAD_WORDS;
        private final long[] words = new long[PAD_WORDS + 1 + PAD_WORDS];

        long getAcquire() {
            return (long) WORDS.getAcquire(words, INDEX);
        }

        /** Plain read: only for the word's single writer, which always sees its own stores. */
        long getPlain() {
            return words[INDEX];
        }

        void setRelease(long v) {
            WORDS.setRelease(words, INDEX, v);
        }
    }

    /**
     * A spinning helper thread's life: started by {@link #start}, told to stop and joined by
     * {@link #stop}. The stop word has its own cache lines, so polling it costs the spinner a
     * local read and disturbs nobody.
     */
    abstract static class SpinThread implements Runnable {
        private final PaddedWord stop = new PaddedWord();
        private Thread thread;
        private volatile Throwable failure;

        /** True once {@link #stop} was called; the spin loops of {@link #spin} poll this. */
        final boolean stopping() {
            return stop.getAcquire() != 0;
        }

        /** The thread's work; returns when {@link #stopping()} is true. */
        abstract void spin();

        @Override
        public final void run() {
            try {
                spin();
            } catch (Throwable t) {
                failure = t;
            }
        }

        final void start(String name) {
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        final void stop() throws InterruptedException {
            stop.setRelease(1);
            thread.join();
            if (failure != null) {
                throw new IllegalStateException(thread.getName() + " failed", failure);
            }
        }
    }
}
