package io.barreleye.bench;

import io.barreleye.channel.Endpoint;
import io.barreleye.channel.Generation;
import io.barreleye.channel.Urpc;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;

/**
 * One-way throughput of one-word messages over one ring of a URPC duplex channel: the producer
 * thread owns endpoint {@code a} and only sends, the consumer thread owns {@code b} and only
 * receives (for {@link Generation#EPOCH_ACK}, {@code b} also sends the explicit ACKs that
 * {@code a} needs to reuse slots). Each operation is one message, spinning while the ring is full
 * (producer) or empty (consumer); the {@code :consume} score is messages per microsecond.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = Shared.FORK_JVM_ARGS)
@State(Scope.Group)
public class UrpcThroughput {
    @Param({"EPOCH_ACK", "USED_BIT"})
    public Generation generation;

    private Endpoint producerEnd;
    private Endpoint consumerEnd;

    /** The producer's message buffer, allocated by and private to the producer thread. */
    @State(Scope.Thread)
    public static class ProducerBuffer {
        final long[] msg = new long[Endpoint.PAYLOAD_WORDS];
    }

    /** The consumer's receive buffer, allocated by and private to the consumer thread. */
    @State(Scope.Thread)
    public static class ConsumerBuffer {
        final long[] buf = new long[Endpoint.PAYLOAD_WORDS];
    }

    @Setup(Level.Trial)
    public void setup() {
        Urpc.Pair pair = Urpc.duplex(generation, Shared.CAPACITY);
        producerEnd = pair.a();
        consumerEnd = pair.b();
    }

    /** Sends one one-word message; spins while the ring is busy. */
    @Benchmark
    @Group("urpc")
    @GroupThreads(1)
    public void produce(ProducerBuffer p, Control ctl) {
        long[] msg = p.msg;
        msg[0]++;
        while (!producerEnd.trySend(msg, 1)) {
            if (ctl.stopMeasurement) { // the consumer may have left: do not wait for it
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Receives one message; spins while the ring is empty. */
    @Benchmark
    @Group("urpc")
    @GroupThreads(1)
    public void consume(ConsumerBuffer c, Control ctl, Blackhole bh) {
        long[] buf = c.buf;
        while (consumerEnd.tryRecv(buf) < 0) {
            if (ctl.stopMeasurement) { // the producer may have left: do not wait for it
                return;
            }
            Thread.onSpinWait();
        }
        bh.consume(buf[0]);
    }
}
