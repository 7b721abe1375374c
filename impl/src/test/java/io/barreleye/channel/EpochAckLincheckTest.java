package io.barreleye.channel;

import org.junit.jupiter.api.Test;

/** {@link OneWayChannelScenario} over generation A (epoch bit, piggybacked ack, explicit ACK). */
public class EpochAckLincheckTest extends OneWayChannelScenario {
    public EpochAckLincheckTest() {
        super(Generation.EPOCH_ACK);
    }

    @Test
    void modelCheckingTest() {
        modelChecking().check(EpochAckLincheckTest.class);
    }

    @Test
    void stressTest() {
        stress().check(EpochAckLincheckTest.class);
    }
}
