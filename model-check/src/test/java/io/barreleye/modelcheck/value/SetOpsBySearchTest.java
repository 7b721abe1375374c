package io.barreleye.modelcheck.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Union and difference of a large set with a few elements, done by binary search when every
 * element has one {@link Shape}, against the same operations done element by element (a merge,
 * and a filter that tests each element), on message pools like Membership's and on sets whose
 * elements differ in shape, where only the general way may be taken.
 */
class SetOpsBySearchTest {
    private static final long SEED = 16_5L;
    private static final String[] MSG_FIELDS = {"kind", "op", "from", "to", "v"};

    private static Value msg(SplittableRandom r) {
        return RecordValue.of(MSG_FIELDS, new Value[] {
            StringValue.of(r.nextBoolean() ? "Req" : "Ack"), IntValue.of(r.nextInt(1, 60)), IntValue.of(r.nextInt(1, 5)),
            IntValue.of(r.nextInt(1, 5)), IntValue.of(r.nextInt(1, 4))});
    }

    private static SetEnumValue set(List<Value> vs) {
        return SetEnumValue.of(vs.toArray(new Value[0]));
    }

    /** The union by merging every element, as before binary search. */
    private static SetEnumValue merged(SetEnumValue a, SetEnumValue b) {
        List<Value> all = new ArrayList<>(Arrays.asList(a.elems));
        all.addAll(Arrays.asList(b.elems));
        return set(all);
    }

    @Test
    void messagePoolsGainAndLoseMessagesAsElementByElement() {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int round = 0; round < 300; round++) {
            List<Value> pool = new ArrayList<>();
            int n = r.nextInt(10, 200);
            for (int i = 0; i < n; i++) pool.add(msg(r));
            SetEnumValue big = set(pool);
            List<Value> few = new ArrayList<>();
            int k = r.nextInt(1, 4);
            for (int i = 0; i < k; i++) few.add(r.nextBoolean() ? big.elems[r.nextInt(big.elems.length)] : msg(r));
            SetEnumValue small = set(few);
            String seed = "seed " + SEED + ", round " + round;
            if (round % 2 == 0) big.fingerprint(1); // a known hash is carried over by each change, an unknown one computed later
            SetEnumValue u = big.union(small);
            assertEquals(merged(big, small).fingerprint(3), u.fingerprint(3), seed);
            assertArrayEquals(merged(big, small).elems, u.elems, seed);
            assertArrayEquals(merged(big, small).elems, small.union(big).elems, seed);
            SetEnumValue d = big.minus(small);
            assertArrayEquals(big.filter(v -> !small.contains(v)).elems, d.elems, seed);
            assertEquals(set(new ArrayList<>(Arrays.asList(d.elems))).fingerprint(3), d.fingerprint(3), seed);
            // the result of a search keeps the shape, so the next step searches too, with the same answers
            SetEnumValue again = d.union(small).minus(small);
            assertArrayEquals(d.filter(v -> !small.contains(v)).elems, again.elems, seed);
            assertEquals(set(new ArrayList<>(Arrays.asList(again.elems))).fingerprint(5), again.fingerprint(5), seed);
        }
    }

    @Test
    void nothingToAddOrRemoveGivesTheSetItself() {
        List<Value> ints = new ArrayList<>();
        for (int i = 0; i < 40; i++) ints.add(IntValue.of(i * 2));
        SetEnumValue big = set(ints);
        assertSame(big, big.union(set(List.of(IntValue.of(4)))));
        assertSame(big, big.minus(set(List.of(IntValue.of(5)))));
        assertEquals(41, big.union(set(List.of(IntValue.of(5)))).size());
        assertEquals(39, big.minus(set(List.of(IntValue.of(4)))).size());
    }

    @Test
    void elementsOfAnotherShapeTakeTheGeneralWayAndItsErrors() {
        List<Value> ints = new ArrayList<>();
        for (int i = 0; i < 40; i++) ints.add(IntValue.of(i));
        SetEnumValue big = set(ints);
        SetEnumValue strings = set(List.of(StringValue.of("a")));
        ValueException minus = assertThrows(ValueException.class, () -> big.minus(strings));
        assertTrue(minus.getMessage().startsWith("Attempted to check equality of"), minus.getMessage());
        assertThrows(ValueException.class, () -> big.union(strings));
        // an untyped model value is unequal to everything: removing one removes nothing
        assertSame(big, big.minus(set(List.of(ModelValue.of("m1")))));
        // records with a field of another kind: compared one by one, as TLC does
        List<Value> recs = new ArrayList<>();
        for (int i = 0; i < 40; i++) recs.add(RecordValue.of(new String[] {"a"}, new Value[] {IntValue.of(i)}));
        SetEnumValue pool = set(recs);
        SetEnumValue odd = set(List.of(RecordValue.of(new String[] {"a"}, new Value[] {StringValue.of("x")})));
        assertThrows(ValueException.class, () -> pool.minus(odd));
        SetEnumValue other = set(List.of(RecordValue.of(new String[] {"b"}, new Value[] {IntValue.of(1)})));
        assertEquals(41, pool.union(other).size());
        assertSame(pool, pool.minus(other));
    }
}
