package io.barreleye.channel;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link FullRingScenario} over generation B: a used-bit ring is a FIFO bounded to N messages exactly. */
public class UsedBitFullRingLincheckTest extends FullRingScenario {
    public UsedBitFullRingLincheckTest() {
        super(Generation.USED_BIT, Set.of());
    }

    @Test
    void modelCheckingTest() {
        modelChecking(UsedBitSpec.class).check(UsedBitFullRingLincheckTest.class);
    }

    @Test
    void stressTest() {
        stress(UsedBitSpec.class).check(UsedBitFullRingLincheckTest.class);
    }
}
