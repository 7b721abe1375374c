package io.barreleye.channel;

import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * One direction of a generation-B endpoint with a 2-slot ring, so scenarios hit busy: a used-bit
 * ring is a FIFO bounded to N messages exactly (spec {@code CanSend} reads the slot's own bit),
 * so {@code trySend} must answer busy exactly when {@link BoundedFifo} is full.
 */
@Param(name = "len", gen = IntGen.class, conf = "1:7")
public class UsedBitBoundedLincheckTest {
    static final int SLOTS = 2;

    private final Endpoint producer;
    private final Endpoint consumer;
    private final long[] out = new long[Endpoint.PAYLOAD_WORDS];
    private final long[] in = new long[Endpoint.PAYLOAD_WORDS];
    private long nextId;

    public UsedBitBoundedLincheckTest() {
        Urpc.Pair p = Urpc.duplex(Generation.USED_BIT, SLOTS);
        producer = p.a();
        consumer = p.b();
    }

    /** Tries to send message {@code nextId} (the id is used only if it was sent). */
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

    @Operation(nonParallelGroup = "consumer")
    public long tryRecv() {
        return OneWayChannelScenario.decode(in, consumer.tryRecv(in));
    }

    @Test
    void modelCheckingTest() {
        new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(300)
                .threads(2)
                .actorsPerThread(4)
                .actorsBefore(1)
                .actorsAfter(1)
                .sequentialSpecification(BoundedFifo.class)
                .check(UsedBitBoundedLincheckTest.class);
    }

    @Test
    void stressTest() {
        new StressOptions()
                .iterations(10)
                .invocationsPerIteration(1_000)
                .threads(2)
                .actorsPerThread(4)
                .actorsBefore(1)
                .actorsAfter(1)
                .sequentialSpecification(BoundedFifo.class)
                .check(UsedBitBoundedLincheckTest.class);
    }

    /** The sequential specification: a FIFO queue of (id, length) holding at most {@link #SLOTS}. */
    public static final class BoundedFifo {
        private final ArrayDeque<Long> queue = new ArrayDeque<>();
        private long nextId;

        public boolean trySend(int len) {
            if (queue.size() == SLOTS) {
                return false;
            }
            queue.add(nextId++ * 100 + len);
            return true;
        }

        public long tryRecv() {
            Long m = queue.poll();
            return m == null ? -1 : m;
        }
    }
}
