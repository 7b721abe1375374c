package io.barreleye.bench;

import io.barreleye.channel.Endpoint;
import io.barreleye.channel.Generation;
import io.barreleye.channel.Urpc;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round-trip latency of a one-word message over a URPC duplex channel: the benchmark thread sends
 * on endpoint {@code a} and spins on {@code a.tryRecv}; an echo thread spins on {@code b.tryRecv}
 * and sends every message straight back. Compare with {@link PingPongRoundTrip}, the same two
 * threads exchanging raw words.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = Shared.FORK_JVM_ARGS)
@State(Scope.Thread)
public class UrpcRoundTrip {
    @Param({"EPOCH_ACK", "USED_BIT"})
    public Generation generation;

    private Endpoint client;
    private final long[] msg = new long[Endpoint.PAYLOAD_WORDS];
    private final long[] reply = new long[Endpoint.PAYLOAD_WORDS];
    private Echo echo;

    /** Owns endpoint {@code b}: sends back every message it receives. */
    static final class Echo extends Shared.SpinThread {
        private final Endpoint server;

        Echo(Endpoint server) {
            this.server = server;
        }

        @Override
        void spin() {
            long[] buf = new long[Endpoint.PAYLOAD_WORDS]; // allocated by, and private to, this thread
            for (;;) {
                int n;
                while ((n = server.tryRecv(buf)) < 0) {
                    if (stopping()) {
                        return;
                    }
                    Thread.onSpinWait();
                }
                while (!server.trySend(buf, n)) {
                    if (stopping()) {
                        return;
                    }
                    Thread.onSpinWait();
                }
            }
        }
    }

    @Setup(Level.Trial)
    public void start() {
        Urpc.Pair pair = Urpc.duplex(generation, Shared.CAPACITY);
        client = pair.a();
        echo = new Echo(pair.b()); // Thread.start publishes b and its rings to the echo thread
        echo.start("urpc-echo");
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        echo.stop();
    }

    /** One round trip: send a one-word message, spin until its echo is received. */
    @Benchmark
    public long roundTrip() {
        msg[0]++;
        while (!client.trySend(msg, 1)) {
            Thread.onSpinWait();
        }
        while (client.tryRecv(reply) < 0) {
            Thread.onSpinWait();
        }
        return reply[0];
    }
}
