package io.barreleye.caps;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.barreleye.runtime.LincheckScenario;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.Options;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link CapsLincheckScenario}: the capability operations are linearizable, in stress mode on
 * threads and under the model checker on a caller-driven machine, and planted bugs are caught.
 */
class CapsLincheckTest {
    @Test
    void stressTest() {
        CapsLincheckScenario.options(20, 20).check(CapsLincheckScenario.class);
    }

    @Tag("slow")
    @Test
    void longStressTest() {
        CapsLincheckScenario.options(100, 100).check(CapsLincheckScenario.class);
    }

    /** Random scenarios, and the scenario of {@link #twoRetypes} that the planted bugs fail, pass on the correct protocol. */
    @Test
    void modelCheckingTest() {
        LincheckScenario.timed("caps model checking", () -> CapsLincheckScenario.modelChecking(4, 40).addCustomScenario(twoRetypes(CapsLincheckScenario.CallerDriven.class))
                .check(CapsLincheckScenario.CallerDriven.class));
    }

    @Tag("slow")
    @Test
    void longModelCheckingTest() {
        LincheckScenario.timed("caps model checking (long)", () -> CapsLincheckScenario.modelChecking(40, 100).check(CapsLincheckScenario.CallerDriven.class));
    }

    @Test
    void catchesPlantedFaults() {
        caught(CapsLincheckScenario.VoteMissesOverlap.class, CapsLincheckScenario.options(6, 60));
        caught(CapsLincheckScenario.CommitWithoutLock.class, CapsLincheckScenario.options(6, 60));
    }

    /**
     * The model checker catches both planted bugs in two concurrent retypes of one quarter: the
     * second commits although the first made a child (VOTE_MISSES_OVERLAP), or both pass the
     * owner's missing lock before either commits (COMMIT_WITHOUT_LOCK, an interleaving of the
     * owner's and the members' message handling).
     */
    @Test
    void modelCheckerCatchesPlantedFaults() {
        for (Class<?> c : new Class<?>[] {CapsLincheckScenario.CallerDrivenVoteMissesOverlap.class, CapsLincheckScenario.CallerDrivenCommitWithoutLock.class}) {
            caught(c, CapsLincheckScenario.modelChecking(0, 100).addCustomScenario(twoRetypes(c)));
        }
    }

    /** Cores 1 and 2 retype quarter 0 of the region at once. */
    static kotlin.jvm.functions.Function1<org.jetbrains.lincheck.datastructures.DSLScenarioBuilder, kotlin.Unit> twoRetypes(Class<?> test) {
        return LincheckScenario.of(test).thread(new Object[] {"retype", 1, 0}).thread(new Object[] {"retype", 2, 0}).after("held", 1, 0).build();
    }

    /** Asserts Lincheck finds a non-linearizable history of {@code scenario} and prints it with its time. */
    private static void caught(Class<?> scenario, Options<?, ?> options) {
        long t0 = System.nanoTime();
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, () -> options.minimizeFailedScenario(false).check(scenario));
        System.out.printf("%s caught in %d ms:%n%s%n", scenario.getSimpleName(), (System.nanoTime() - t0) / 1_000_000,
                e.getMessage().lines().limit(30).collect(java.util.stream.Collectors.joining("\n")));
    }
}
