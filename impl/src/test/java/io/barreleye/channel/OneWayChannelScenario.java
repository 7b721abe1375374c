package io.barreleye.channel;

import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck scenario for one direction of a channel: a producer thread calls
 * {@link MessageChannel#send}, a consumer thread {@link MessageChannel#receive}
 * ({@code nonParallelGroup} keeps each side on one thread, as the channel requires), checked
 * against {@link Fifo}.
 *
 * <p>Messages are 1..14 words (one or two fragments) and the ring has 16 slots, so a scenario
 * never fills it: a receive that overlaps a two-fragment send may take the first fragment alone,
 * which no atomic-send specification allows once the ACK it triggers decides a later busy.
 * Full rings of both generations are covered at the endpoint by {@link FullRingScenario} (against
 * {@link RingModel}), and by {@link UrpcTest} and {@link DuplexStressTest}.
 */
@Param(name = "len", gen = IntGen.class, conf = "1:14")
public abstract class OneWayChannelScenario {
    static final int SLOTS = 16;
    static final int MAX_WORDS = 14;

    private final MessageChannel producer;
    private final MessageChannel consumer;
    private final long[] out = new long[MAX_WORDS];
    private final long[] in = new long[MAX_WORDS];
    private long nextId;

    protected OneWayChannelScenario(Generation g) {
        Urpc.Pair p = Urpc.duplex(g, SLOTS);
        producer = new MessageChannel(p.a(), MAX_WORDS);
        consumer = new MessageChannel(p.b(), MAX_WORDS);
    }

    /** Sends message {@code nextId} of {@code len} words; true if fully written (always, see above). */
    @Operation(nonParallelGroup = "producer")
    public boolean send(@Param(name = "len") int len) {
        long id = nextId++;
        for (int i = 0; i < len; i++) {
            out[i] = id * 100 + i;
        }
        return producer.send(out, len);
    }

    /** The next message as id * 100 + length, -1 if none, -2 if its words are not the ones sent. */
    @Operation(nonParallelGroup = "consumer")
    public long receive() {
        return decode(in, consumer.receive(in));
    }

    /** A received message of {@code len} words as id * 100 + length, -1 if none, -2 if a word is not the one sent. */
    static long decode(long[] in, int len) {
        if (len < 0) {
            return -1;
        }
        long id = in[0] / 100;
        for (int i = 0; i < len; i++) {
            if (in[i] != id * 100 + i) {
                return -2;
            }
        }
        return id * 100 + len;
    }

    static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(300)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .sequentialSpecification(Fifo.class);
    }

    static StressOptions stress() {
        return new StressOptions()
                .iterations(10)
                .invocationsPerIteration(1_000)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .sequentialSpecification(Fifo.class);
    }

    /** The sequential specification: an unbounded FIFO queue of (id, length). */
    public static final class Fifo {
        private final ArrayDeque<Long> queue = new ArrayDeque<>();
        private long nextId;

        public boolean send(int len) {
            queue.add(nextId++ * 100 + len);
            return true;
        }

        public long receive() {
            Long m = queue.poll();
            return m == null ? -1 : m;
        }
    }
}
