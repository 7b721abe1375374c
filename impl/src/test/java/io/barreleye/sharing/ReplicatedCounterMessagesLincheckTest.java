package io.barreleye.sharing;

import org.junit.jupiter.api.Test;

/** {@link ReplicatedCounterScenario} with the group in mode MESSAGES: messages to the home core. */
public class ReplicatedCounterMessagesLincheckTest extends ReplicatedCounterScenario {
    public ReplicatedCounterMessagesLincheckTest() {
        super(SharingPolicy.MESSAGES);
    }

    @Test
    void stressTest() {
        options().check(ReplicatedCounterMessagesLincheckTest.class);
    }
}
