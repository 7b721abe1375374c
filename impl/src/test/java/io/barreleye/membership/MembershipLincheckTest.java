package io.barreleye.membership;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs {@link MembershipLincheckScenario}: leaves, joins and reads of the view are linearizable. */
class MembershipLincheckTest {
    @Test
    void stressTest() {
        MembershipLincheckScenario.options(6, 8).check(MembershipLincheckScenario.class);
    }

    @Tag("slow")
    @Test
    void longStressTest() {
        MembershipLincheckScenario.options(30, 30).check(MembershipLincheckScenario.class);
    }
}
