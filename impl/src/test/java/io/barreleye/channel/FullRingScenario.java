package io.barreleye.channel;

import java.util.Set;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * One direction of an endpoint pair with a ring so small that scenarios fill it: a producer
 * thread's {@code trySend} (one-slot messages of 1..7 words) against a consumer thread's
 * {@code tryRecv}, checked against {@link RingModel}, which says when each generation's ring is
 * full. With 3 slots a generation-A producer is busy after two unacknowledged messages and a
 * generation-B producer after three untaken ones; five sends per thread plus the sends before and
 * after reach both limits in most scenarios (the {@code busy} results in Lincheck's reports).
 */
@Param(name = "len", gen = IntGen.class, conf = "1:7")
public abstract class FullRingScenario {
    static final int SLOTS = 3;

    private final Endpoint producer;
    private final Endpoint consumer;
    private final long[] out = new long[Endpoint.PAYLOAD_WORDS];
    private final long[] in = new long[Endpoint.PAYLOAD_WORDS];
    private long nextId;

    protected FullRingScenario(Generation g, Set<ChannelFault> faults) {
        // planted faults act only on an observed channel; the observer does nothing but serialise the two sides
        Urpc.Pair p = faults.isEmpty() ? Urpc.duplex(g, SLOTS) : Urpc.duplex(g, SLOTS, (action, e) -> { }, faults);
        producer = p.a();
        consumer = p.b();
    }

    /** Tries to send message {@code nextId} (the id is used only if it was sent); false when busy. */
    @Operation(nonParallelGroup = "producer")
    public boolean trySend(@Param(name = "len") int len) {
        long id = nextId;
        for (int i = 0; i < len; i++) {
            out[i] = id * 100 + i;
        }
        if (!producer.trySend(out, len)) {
            return false;
        }
        nextId++;
        return true;
    }

    /** The next message as id * 100 + length, -1 if none, -2 if a word is not the one sent. */
    @Operation(nonParallelGroup = "consumer")
    public long tryRecv() {
        return OneWayChannelScenario.decode(in, consumer.tryRecv(in));
    }

    static ModelCheckingOptions modelChecking(Class<?> spec) {
        return new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(300)
                .threads(2)
                .actorsPerThread(5)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(spec);
    }

    static StressOptions stress(Class<?> spec) {
        return new StressOptions()
                .iterations(8)
                .invocationsPerIteration(400)
                .threads(2)
                .actorsPerThread(5)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(spec);
    }

    /**
     * The sequential specification: {@link RingModel}'s messages as id * 100 + length. It also
     * serves the history checker ({@link ChannelHistoryTest}), which needs copies and equality.
     */
    public static class Spec {
        private final RingModel ring;
        private long nextId;

        Spec(RingModel ring, long nextId) {
            this.ring = ring;
            this.nextId = nextId;
        }

        Spec copy() {
            return new Spec(ring.copy(), nextId);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec s && s.nextId == nextId && s.ring.equals(ring);
        }

        @Override
        public int hashCode() {
            return ring.hashCode() * 31 + Long.hashCode(nextId);
        }

        @Override
        public String toString() {
            return ring.getClass().getSimpleName() + " " + ring.key() + ", next id " + nextId;
        }

        public boolean trySend(int len) {
            if (!ring.send(nextId * 100 + len)) {
                return false;
            }
            nextId++;
            return true;
        }

        public long tryRecv() {
            Long m = ring.recv();
            return m == null ? -1 : m;
        }
    }

    public static final class EpochAckSpec extends Spec {
        public EpochAckSpec() {
            super(RingModel.of(Generation.EPOCH_ACK, SLOTS), 0);
        }
    }

    public static final class UsedBitSpec extends Spec {
        public UsedBitSpec() {
            super(RingModel.of(Generation.USED_BIT, SLOTS), 0);
        }
    }
}
