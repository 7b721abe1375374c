package io.barreleye.channel;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/** {@link FullRingScenario} over generation A; and the planted full-ring off-by-one, which it must catch. */
public class EpochAckFullRingLincheckTest extends FullRingScenario {
    public EpochAckFullRingLincheckTest() {
        super(Generation.EPOCH_ACK, Set.of());
    }

    @Test
    void modelCheckingTest() {
        modelChecking(EpochAckSpec.class).check(EpochAckFullRingLincheckTest.class);
    }

    @Test
    void stressTest() {
        stress(EpochAckSpec.class).check(EpochAckFullRingLincheckTest.class);
    }

    /**
     * A data message may take the slot kept for the ACK: a send succeeds where the ring is full.
     * Model checking only: it explores the same scenarios on every run, so the catch is certain.
     */
    public static class OffByOne extends FullRingScenario {
        public OffByOne() {
            super(Generation.EPOCH_ACK, Set.of(ChannelFault.FULL_RING_OFF_BY_ONE));
        }
    }

    @Test
    void catchesFullRingOffByOne() {
        assertThrows(LincheckAssertionError.class, () -> modelChecking(EpochAckSpec.class).check(OffByOne.class));
    }
}
