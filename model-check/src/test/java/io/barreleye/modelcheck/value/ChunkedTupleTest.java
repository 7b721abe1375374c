package io.barreleye.modelcheck.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * EXCEPT on long tuples, which keeps them in chunks, against the same changes made to a plain
 * array and built into a flat tuple: the same elements, equality both ways, fingerprints, order,
 * printing, and appends after a change (which flatten the tuple again); and the old version
 * unchanged by every change to the new one.
 */
class ChunkedTupleTest {
    private static final long SEED = 16_2L;

    private static Value[] ints(int n) {
        Value[] vs = new Value[n];
        for (int i = 0; i < n; i++) vs[i] = StringValue.of(i % 3 == 0 ? "idle" : "running");
        return vs;
    }

    private static void assertSameTuple(Value[] expected, TupleValue t) {
        TupleValue flat = new TupleValue(expected.clone());
        assertEquals(expected.length, t.size());
        assertEquals(flat, t);
        assertEquals(t, flat);
        assertEquals(0, flat.compareTo(t));
        assertEquals(flat.fingerprint(7), t.fingerprint(7));
        assertEquals(flat.hashCode(), t.hashCode());
        assertArrayEquals(expected, t.elems());
        for (int i = 0; i < expected.length; i++) {
            assertSame(expected[i], t.get(i));
            assertSame(expected[i], t.apply(IntValue.of(i + 1)));
        }
        assertNull(t.apply(IntValue.of(0)));
        assertNull(t.apply(IntValue.of(expected.length + 1)));
    }

    @Test
    void exceptOnLongTuplesAgreesWithChangingAFlatArray() {
        System.out.println("ChunkedTupleTest seed " + SEED);
        SplittableRandom r = new SplittableRandom(SEED);
        for (int n : new int[] {1023, 1024, 1025, 1100, 5000}) { // around the chunking length, and a last chunk shorter than the rest
            Value[] expected = ints(n);
            TupleValue t = new TupleValue(expected.clone());
            t.fingerprint(1); // the hash is kept up to date by each change when it was known
            for (int step = 0; step < 300; step++) {
                int at = step < 2 ? (step == 0 ? 0 : n - 1) : r.nextInt(n);
                Value v = IntValue.of(r.nextInt(-5, 5000));
                TupleValue before = t;
                Value[] beforeElems = expected.clone();
                t = (TupleValue) t.except(IntValue.of(at + 1), v);
                expected[at] = v;
                assertSameTuple(beforeElems, before); // a change makes a new tuple: the old one is untouched
                if (step % 50 == 0) assertSameTuple(expected, t);
            }
            assertSameTuple(expected, t);
            TupleValue longer = t.append(StringValue.of("new"));
            Value[] appended = java.util.Arrays.copyOf(expected, n + 1);
            appended[n] = StringValue.of("new");
            assertSameTuple(appended, longer);
            assertSameTuple(expected, t);
            assertSame(t, t.except(IntValue.of(n + 1), IntValue.of(1))); // outside the domain: unchanged, as in TLC
        }
    }

    @Test
    void aChunkedTuplePrintsAndComparesAsTheFlatOne() {
        Value[] expected = ints(2000);
        TupleValue t = (TupleValue) new TupleValue(expected.clone()).except(IntValue.of(1500), IntValue.of(42));
        expected[1499] = IntValue.of(42);
        TupleValue flat = new TupleValue(expected);
        assertEquals(flat.toString(), t.toString());
        TupleValue other = (TupleValue) t.except(IntValue.of(3), StringValue.of("zzz"));
        assertEquals(Integer.signum(flat.compareTo(other)), Integer.signum(t.compareTo(other)));
        assertEquals(-Integer.signum(t.compareTo(other)), Integer.signum(other.compareTo(t)));
        assertThrows(ValueException.class, () -> t.except(StringValue.of("x"), IntValue.of(1)));
    }
}
