package io.barreleye.membership;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.runtime.LincheckScenario;
import org.jetbrains.lincheck.LincheckAssertionError;
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

    /**
     * Views installed without agreement: every operation still answers as one set of members
     * would (each core answers for itself), but in two concurrent leaves the model checker finds a
     * schedule in which two cores hear of them in different orders and install one view number
     * with different members, which the validation reports.
     */
    @Test
    void modelCheckerCatchesViewsInstalledWithoutAgreement() {
        long t0 = System.nanoTime();
        Class<?> test = MembershipLincheckScenario.CallerDrivenNoAgreement.class;
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, () -> MembershipLincheckScenario.modelChecking(0, 1000)
                .addCustomScenario(LincheckScenario.of(test).thread(new Object[] {"leave1"}).thread(new Object[] {"leave2"})
                        .thread(new Object[] {"ownView3"}).after("ownView1").build())
                .minimizeFailedScenario(false).check(test));
        assertTrue(e.getMessage().contains("AgreedViews"), e.getMessage());
        System.out.printf("INSTALL_WITHOUT_AGREEMENT caught in %d ms:%n%s%n", (System.nanoTime() - t0) / 1_000_000,
                e.getMessage().lines().limit(30).collect(java.util.stream.Collectors.joining("\n")));
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
