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
