package io.barreleye.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two threads, each owning one endpoint, exchange millions of messages in both directions at
 * once. Each message carries its sequence number and a check word, so loss, duplication,
 * reordering and torn slots (a header seen before its payload) all show up.
 */
class DuplexStressTest {
    /**
     * Default run: 1M messages in all per generation. JaCoCo (on in the default build) makes both
     * threads write the same probe arrays on every call, which costs about 5x on a 2-core box.
     */
    @ParameterizedTest
    @EnumSource(Generation.class)
    @Timeout(120)
    void messagesBothWays(Generation g) throws InterruptedException {
        exchange(g, 500_000);
    }

    /** Several million messages (10M in all per generation): {@code mvn -Pslow}. */
    @Tag("slow")
    @ParameterizedTest
    @EnumSource(Generation.class)
    @Timeout(600)
    void millionsOfMessagesBothWays(Generation g) throws InterruptedException {
        exchange(g, 5_000_000);
    }

    private static void exchange(Generation g, int messages) throws InterruptedException {
        Urpc.Pair p = Urpc.duplex(g, 64);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread ta = new Thread(() -> run(p.a(), messages, failure), "core-a");
        Thread tb = new Thread(() -> run(p.b(), messages, failure), "core-b");
        ta.start();
        tb.start();
        ta.join();
        tb.join();
        assertNull(failure.get(), () -> String.valueOf(failure.get()));
        assertEquals(messages, p.a().sent());
        assertEquals(messages, p.a().received());
        assertEquals(messages, p.b().sent());
        assertEquals(messages, p.b().received());
    }

    /** The core loop: send what the ring takes, read what has arrived, until both directions are done. */
    private static void run(Endpoint e, int messages, AtomicReference<Throwable> failure) {
        long[] out = new long[Endpoint.PAYLOAD_WORDS];
        long[] in = new long[Endpoint.PAYLOAD_WORDS];
        long next = 0;
        long expected = 0;
        try {
            while ((next < messages || expected < messages) && failure.get() == null) {
                while (next < messages) {
                    int len = 1 + (int) (next % Endpoint.PAYLOAD_WORDS);
                    for (int i = 0; i < len; i++) {
                        out[i] = next * 8 + i;
                    }
                    if (!e.trySend(out, len)) {
                        break;
                    }
                    next++;
                }
                int len;
                while ((len = e.tryRecv(in)) >= 0) {
                    int want = 1 + (int) (expected % Endpoint.PAYLOAD_WORDS);
                    if (len != want) {
                        throw new AssertionError("message " + expected + ": length " + len + ", want " + want);
                    }
                    for (int i = 0; i < len; i++) {
                        if (in[i] != expected * 8 + i) {
                            throw new AssertionError("message " + expected + " word " + i + ": got " + in[i]
                                    + " (message " + (in[i] >> 3) + ")");
                        }
                    }
                    expected++;
                }
                Thread.onSpinWait();
            }
            // Done: the peer needs nothing more from us. It has sent all its messages (we got them)
            // and reading ours needs no help from this side.
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }
}
