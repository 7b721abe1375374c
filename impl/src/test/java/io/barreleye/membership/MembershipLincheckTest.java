package io.barreleye.membership;

import io.barreleye.runtime.LincheckScenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs {@link MembershipLincheckScenario}: leaves, joins and reads of the view are linearizable. */
class MembershipLincheckTest {
    @Test
    void stressTest() {
        MembershipLincheckScenario.options(6, 8).check(MembershipLincheckScenario.class);
    }

    @Test
    void modelCheckingTest() {
        LincheckScenario.timed("membership model checking", () -> MembershipLincheckScenario.modelChecking(4, 40).check(MembershipLincheckScenario.CallerDriven.class));
    }

    @Tag("slow")
    @Test
    void longStressTest() {
        MembershipLincheckScenario.options(30, 30).check(MembershipLincheckScenario.class);
    }

    @Tag("slow")
    @Test
    void longModelCheckingTest() {
        LincheckScenario.timed("membership model checking (long)", () -> MembershipLincheckScenario.modelChecking(30, 100).check(MembershipLincheckScenario.CallerDriven.class));
    }
}
