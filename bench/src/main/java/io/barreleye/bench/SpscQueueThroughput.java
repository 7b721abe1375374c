package io.barreleye.bench;

import java.util.concurrent.TimeUnit;
import org.jctools.queues.SpscArrayQueue;
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
 * Peer to beat: JCTools {@link SpscArrayQueue} of {@link Shared#CAPACITY} elements between a
 * producer and a consumer thread. The producer offers one preallocated {@code Long}, so no
 * allocation or boxing is measured, only the hand-over of a reference. Each operation is one
 * message; the {@code :consume} score is messages per microsecond.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = Shared.FORK_JVM_ARGS)
@State(Scope.Group)
public class SpscQueueThroughput {
    private static final Long ITEM = 42L;

    private SpscArrayQueue<Long> queue;

    @Setup(Level.Trial)
    public void setup() {
        queue = new SpscArrayQueue<>(Shared.CAPACITY);
    }

    /** Offers one element; spins while the queue is full. */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public void produce(Control ctl) {
        while (!queue.offer(ITEM)) {
            if (ctl.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Polls one element; spins while the queue is empty. */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public void consume(Control ctl, Blackhole bh) {
        Long e;
        while ((e = queue.poll()) == null) {
            if (ctl.stopMeasurement) {
                return;
            }
            Thread.onSpinWait();
        }
        bh.consume(e);
    }
}
