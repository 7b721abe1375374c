package io.barreleye.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The physical floor of a round trip between two threads: two padded words, {@code ping} written
 * only by the benchmark thread and {@code pong} only by the echo thread, each a single-word
 * release store, each polled by the other thread with acquire loads. One round trip moves one
 * cache line to the echo thread's core and one back, which is what any message passing between
 * the same two threads has to pay at least.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = Shared.FORK_JVM_ARGS)
@State(Scope.Thread)
public class PingPongRoundTrip {
    private final Shared.PaddedWord ping = new Shared.PaddedWord();
    private final Shared.PaddedWord pong = new Shared.PaddedWord();
    private Echo echo;

    /** Answers every new value of {@code ping} by writing it to {@code pong}. */
    static final class Echo extends Shared.SpinThread {
        private final Shared.PaddedWord ping;
        private final Shared.PaddedWord pong;

        Echo(Shared.PaddedWord ping, Shared.PaddedWord pong) {
            this.ping = ping;
            this.pong = pong;
        }

        @Override
        void spin() {
            // Not ping.getAcquire(): this thread may start after the first ping was sent, and
            // would then wait for a second one that never comes. ping starts at 0.
            long last = 0;
            for (;;) {
                long p;
                while ((p = ping.getAcquire()) == last) {
                    if (stopping()) {
                        return;
                    }
                    Thread.onSpinWait();
                }
                pong.setRelease(p);
                last = p;
            }
        }
    }

    @Setup(Level.Trial)
    public void start() {
        echo = new Echo(ping, pong);
        echo.start("ping-pong-echo");
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        echo.stop();
    }

    /** One round trip: publish a new value on {@code ping}, spin until it comes back on {@code pong}. */
    @Benchmark
    public long roundTrip() {
        long s = ping.getPlain() + 1; // this thread is ping's only writer
        ping.setRelease(s);
        while (pong.getAcquire() != s) {
            Thread.onSpinWait();
        }
        return s;
    }
}
