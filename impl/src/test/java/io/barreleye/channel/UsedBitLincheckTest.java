package io.barreleye.channel;

import org.junit.jupiter.api.Test;

/** {@link OneWayChannelScenario} over generation B (used bit per slot). */
public class UsedBitLincheckTest extends OneWayChannelScenario {
    public UsedBitLincheckTest() {
        super(Generation.USED_BIT);
    }

    @Test
    void modelCheckingTest() {
        modelChecking().check(UsedBitLincheckTest.class);
    }

    @Test
    void stressTest() {
        stress().check(UsedBitLincheckTest.class);
    }
}
