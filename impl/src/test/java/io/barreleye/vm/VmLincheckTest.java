package io.barreleye.vm;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Runs {@link VmLincheckScenario}: map, unmap and lookups are linearizable, and a planted stale remote TLB is caught. */
class VmLincheckTest {
    @Test
    void stressTest() {
        VmLincheckScenario.options(20, 20).check(VmLincheckScenario.class);
    }

    @Test
    void modelCheckingTest() {
        long t0 = System.nanoTime();
        VmLincheckScenario.modelChecking(Integer.getInteger("mc.iterations", 5), Integer.getInteger("mc.invocations", 50)).check(VmLincheckScenario.CallerDriven.class);
        System.out.printf("vm model checking: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    void modelCheckerCatches() {
        for (Class<?> c : java.util.List.of(VmLincheckScenario.CallerDrivenRemoteTlbKept.class, VmLincheckScenario.CallerDrivenAckBeforeInvalidate.class)) {
            long t0 = System.nanoTime();
            try {
                VmLincheckScenario.modelChecking(Integer.getInteger("mc.iterations", 5), Integer.getInteger("mc.invocations", 50)).minimizeFailedScenario(false).check(c);
                System.out.printf("%s NOT caught in %d ms%n", c.getSimpleName(), (System.nanoTime() - t0) / 1_000_000);
            } catch (LincheckAssertionError e) {
                System.out.printf("%s caught in %d ms:%n%s%n", c.getSimpleName(), (System.nanoTime() - t0) / 1_000_000, e.getMessage().lines().limit(25).reduce("", (a, b) -> a + b + "\n"));
            }
        }
    }

    @Test
    void stressCatchesAckBeforeInvalidate() {
        long t0 = System.nanoTime();
        try {
            VmLincheckScenario.options(Integer.getInteger("st.iterations", 60), 10).minimizeFailedScenario(false).check(VmLincheckScenario.AckBeforeInvalidate.class);
            System.out.printf("stress: AckBeforeInvalidate NOT caught in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        } catch (LincheckAssertionError e) {
            System.out.printf("stress: AckBeforeInvalidate caught in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Tag("slow")
    @Test
    void longStressTest() {
        VmLincheckScenario.options(50, 50).check(VmLincheckScenario.class);
    }

    @Test
    void catchesRemoteTlbKept() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class,
                () -> VmLincheckScenario.options(60, 10).minimizeFailedScenario(false).check(VmLincheckScenario.RemoteTlbKept.class));
        System.out.println("REMOTE_TLB_KEPT caught:\n" + e.getMessage().lines().limit(30).reduce("", (a, b) -> a + b + "\n"));
    }
}
