package io.barreleye.modelcheck.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The pieces that make trace validation fast, each checked against the slow way: sequences that
 * grow in place, the primitive set of visited fingerprints, and event lines parsed in parallel
 * batches (errors still reported at the first bad line).
 */
class FastPathsTest {
    private static TupleValue fresh(int n, int offset) {
        Value[] e = new Value[n];
        for (int i = 0; i < n; i++) e[i] = IntValue.of(i + offset);
        return new TupleValue(e);
    }

    @Test
    void appendingTwiceToOneTupleGivesTwoIndependentTuples() {
        TupleValue t = TupleValue.EMPTY;
        for (int i = 0; i < 40; i++) t = t.append(IntValue.of(i)); // past the length from which appends share an array
        TupleValue a = t.append(IntValue.of(100));
        TupleValue b = t.append(IntValue.of(200)); // the slot after t is taken by a: b must copy
        TupleValue a2 = a.append(IntValue.of(101));
        assertEquals(40, t.size());
        assertEquals(IntValue.of(100), a.apply(IntValue.of(41)));
        assertEquals(IntValue.of(200), b.apply(IntValue.of(41)));
        assertEquals(IntValue.of(101), a2.apply(IntValue.of(42)));
        assertEquals(null, t.apply(IntValue.of(41)), "a tuple never reads past its own length");
        assertEquals(41, a.elems().length);
        assertEquals(fresh(40, 0).append(IntValue.of(100)), a);
        assertFalse(a.equals(b));
        // the incremental hash agrees with one computed from scratch
        Value[] e = a2.elems().clone();
        assertEquals(new TupleValue(e).fingerprint(7), a2.fingerprint(7));
        assertEquals(new TupleValue(b.elems().clone()).fingerprint(7), b.fingerprint(7));
        assertEquals(new TupleValue(e).hashCode(), a2.hashCode());
    }

    @Test
    void concurrentAppendsToOneTupleNeverShareASlot() throws InterruptedException {
        TupleValue base = fresh(64, 0).append(IntValue.of(-1)); // has spare slots
        int threads = 4;
        TupleValue[] got = new TupleValue[threads];
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            int id = k;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                TupleValue v = base;
                for (int i = 0; i < 500; i++) v = v.append(IntValue.of(id * 1000 + i));
                got[id] = v;
            });
            ts.add(t);
            t.start();
        }
        go.countDown();
        for (Thread t : ts) t.join();
        for (int k = 0; k < threads; k++) {
            assertEquals(565, got[k].size());
            for (int i = 0; i < 500; i++) assertEquals(IntValue.of(k * 1000 + i), got[k].apply(IntValue.of(66 + i)), "thread " + k);
            assertEquals(IntValue.of(-1), got[k].apply(IntValue.of(65)));
        }
    }

    @Test
    void exceptOnASharedArrayTupleCopiesOnlyItsOwnElements() {
        TupleValue t = fresh(30, 0).append(IntValue.of(30));
        TupleValue u = (TupleValue) t.except(IntValue.of(3), IntValue.of(99));
        assertEquals(31, u.size());
        assertEquals(IntValue.of(99), u.apply(IntValue.of(3)));
        assertEquals(IntValue.of(2), t.apply(IntValue.of(3)));
        assertEquals(new TupleValue(u.elems().clone()).fingerprint(1), u.fingerprint(1));
    }

    @Test
    void stateFingerprintsIsASetOfLongs() {
        StateFingerprints s = new StateFingerprints();
        Set<Long> ref = new HashSet<>();
        SplittableRandom r = new SplittableRandom(16);
        for (int i = 0; i < 50_000; i++) {
            long fp = r.nextLong(1, 20_000) * 0x9E3779B97F4A7C15L;
            if (fp == 0) continue;
            assertEquals(ref.add(fp), s.add(fp));
        }
        assertEquals(ref.size(), s.size());
        assertEquals(ref, s);
        assertEquals(ref, new HashSet<>(s));
        assertFalse(s.contains(12345L));
        assertThrows(IllegalArgumentException.class, () -> s.add(0L));
    }

    private static String event(int i) {
        return "{\"event\":\"IncX\",\"vars\":{\"x\":" + i + "}}";
    }

    @Test
    void aLongTraceIsParsedInBatchesAndTheFirstBadLineIsReported() {
        List<String> lines = new ArrayList<>();
        lines.add(TraceReaderTest.HEADER);
        int n = 3 * TraceReader.BATCH + 17;
        for (int i = 1; i <= n; i++) lines.add(event(i));
        Trace t = Trace.of(Path.of("t.ndjson"), lines);
        assertEquals(n, t.events().size());
        for (int i = 0; i < n; i += 997) {
            assertEquals(i + 2, t.events().get(i).line());
            assertEquals(IntValue.of(i + 1), t.events().get(i).constraints().get(0).value());
        }
        // two bad lines in one batch and one in a later batch: the first in line order is reported
        List<String> bad = new ArrayList<>(lines);
        bad.set(TraceReader.BATCH + 500, "{\"event\":\"IncX\",\"vars\":{\"x\":01}}");
        bad.set(TraceReader.BATCH + 100, "{\"event\":\"IncX\",\"bogus\":1}");
        bad.set(2 * TraceReader.BATCH + 3, "not json");
        Trace.TraceException e = assertThrows(Trace.TraceException.class, () -> Trace.of(Path.of("t.ndjson"), bad));
        assertTrue(e.getMessage().startsWith("t.ndjson:" + (TraceReader.BATCH + 101) + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown event field \"bogus\""), e.getMessage());
    }
}
