package io.barreleye.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;

/**
 * Peer to beat: Agrona {@link OneToOneRingBuffer} with room for {@link Shared#CAPACITY} 8-byte
 * messages (each record is an 8-byte header plus the payload). The producer
 * {@code write(msgTypeId, buffer, 0, 8)}s one long; the consumer {@code read}s one message per
 * operation with a handler that keeps its payload. The {@code :consume} score is messages per
 * microsecond.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = Shared.FORK_JVM_ARGS)
@State(Scope.Group)
public class RingBufferThroughput {
    private static final int MSG_TYPE_ID = 1;
    private static final int MSG_LENGTH = Long.BYTES;

    private OneToOneRingBuffer ring;

    /** The producer's source buffer, private to the producer thread. */
    @State(Scope.Thread)
    public static class ProducerBuffer {
        final UnsafeBuffer src = new UnsafeBuffer(new byte[MSG_LENGTH]);
        long seq;
    }

    /** The consumer's handler: keeps the last payload read. */
    @State(Scope.Thread)
    public static class Consumer implements MessageHandler {
        long last;

        @Override
        public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
            last = buffer.getLong(index);
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        int record = RecordDescriptor.HEADER_LENGTH + MSG_LENGTH; // 16, already 8-byte aligned
        int capacity = Shared.CAPACITY * record + RingBufferDescriptor.TRAILER_LENGTH;
        ring = new OneToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(capacity)));
    }

    /** Writes one 8-byte message; spins while the ring is full. */
    @Benchmark
    @Group("ringBuffer")
    @GroupThreads(1)
    public void produce(ProducerBuffer p, Control ctl) {
        p.src.putLong(0, ++p.seq);
        while (!ring.write(MSG_TYPE_ID, p.src, 0, MSG_LENGTH)) {
            if (ctl.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Reads one message; spins while the ring is empty. */
    @Benchmark
    @Group("ringBuffer")
    @GroupThreads(1)
    public void consume(Consumer c, Control ctl, Blackhole bh) {
        while (ring.read(c, 1) == 0) {
            if (ctl.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        bh.consume(c.last);
    }
}
