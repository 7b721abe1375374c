package io.barreleye.sharing;

import org.junit.jupiter.api.Test;

/** {@link ReplicatedCounterScenario} with the group in mode SHARED: one shared copy under a lock. */
public class ReplicatedCounterSharedLincheckTest extends ReplicatedCounterScenario {
    public ReplicatedCounterSharedLincheckTest() {
        super(SharingPolicy.SHARED);
    }

    @Test
    void stressTest() {
        options().check(ReplicatedCounterSharedLincheckTest.class);
    }
}
