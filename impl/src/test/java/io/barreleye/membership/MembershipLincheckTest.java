package io.barreleye.membership;

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
        long t0 = System.nanoTime();
        MembershipLincheckScenario.modelChecking(Integer.getInteger("mc.iterations", 5), Integer.getInteger("mc.invocations", 50)).check(MembershipLincheckScenario.CallerDriven.class);
        System.out.printf("membership model checking: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Tag("slow")
    @Test
    void longStressTest() {
        MembershipLincheckScenario.options(30, 30).check(MembershipLincheckScenario.class);
    }
}
