package io.barreleye.caps;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs {@link CapsLincheckScenario}: the capability operations are linearizable, and two planted bugs are caught. */
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

    @Test
    void catchesPlantedFaults() {
        caught(CapsLincheckScenario.VoteMissesOverlap.class);
        caught(CapsLincheckScenario.CommitWithoutLock.class);
    }

    /** Asserts Lincheck finds a non-linearizable history of {@code scenario} and prints it with its time. */
    private static void caught(Class<?> scenario) {
        long t0 = System.nanoTime();
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class, () -> CapsLincheckScenario.options(6, 60).minimizeFailedScenario(false).check(scenario));
        System.out.printf("%s caught in %d ms:%n%s%n", scenario.getSimpleName(), (System.nanoTime() - t0) / 1_000_000,
                e.getMessage().lines().limit(30).collect(java.util.stream.Collectors.joining("\n")));
    }
}
