package io.barreleye.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker on small hand-made histories of a register whose answers are known. */
class LinearizabilityCheckerTest {
    /** A register: write(v) answers 0, read answers the value. */
    static final LinearizabilityChecker<Integer> REGISTER = new LinearizabilityChecker<>(0, (s, op) -> switch (op.name()) {
        case "write" -> op.result().equals(0) ? op.args()[0] : null;
        case "read" -> op.result().equals(s) ? s : null;
        default -> null;
    });

    static Op write(int thread, long call, long ret, int v) {
        return new Op(thread, call, ret, "write", new int[] {v}, 0);
    }

    static Op read(int thread, long call, long ret, int v) {
        return new Op(thread, call, ret, "read", new int[0], v);
    }

    @Test
    void aReadOverlappingAWriteMaySeeEitherValue() {
        assertTrue(REGISTER.check(List.of(write(0, 1, 4, 1), read(1, 2, 3, 0))).linearizable());
        assertTrue(REGISTER.check(List.of(write(0, 1, 4, 1), read(1, 2, 3, 1))).linearizable());
    }

    @Test
    void aReadAfterAWriteReturnedMustSeeIt() {
        LinearizabilityChecker.Result r = REGISTER.check(List.of(write(0, 1, 2, 1), read(1, 3, 4, 0)));
        assertFalse(r.linearizable(), r.toString());
    }

    @Test
    void readsMayNotSeeValuesGoBackwards() {
        // both writes overlap both reads, but once a read saw 2 a later read cannot see 1 unless 1 was written after 2
        List<Op> ok = List.of(write(0, 1, 10, 1), write(1, 2, 11, 2), read(2, 3, 4, 2), read(2, 5, 6, 1));
        assertTrue(REGISTER.check(ok).linearizable());
        List<Op> bad = List.of(write(0, 1, 3, 1), write(1, 4, 11, 2), read(2, 5, 6, 2), read(2, 7, 8, 1));
        assertFalse(REGISTER.check(bad).linearizable());
    }

    @Test
    void partsAreCheckedSeparately() {
        List<Op> h = List.of(new Op(0, 1, 2, "write", new int[] {5, 0}, 0), new Op(1, 3, 4, "read", new int[] {0, 1}, 0));
        LinearizabilityChecker.Result whole = REGISTER.check(h);
        assertFalse(whole.linearizable(), "as one register the read misses the write");
        LinearizabilityChecker.Result parts = REGISTER.checkPerKey(h, op -> op.args()[op.args().length - 1]);
        assertTrue(parts.linearizable(), "as two registers (keys 0 and 1) it is linearizable: " + parts);
        assertEquals(2, parts.operations());
    }
}
