package io.barreleye.caps;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Invariant;
import io.barreleye.kernel.Machine;
import io.barreleye.membership.MembershipWorkload;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.topology.Machines;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Capability churn while cores leave, power off, rejoin and are hot-plugged: every capability
 * operation resolves (succeeds or gets a typed failure) and the invariants hold. (A core that left kept running its own operations
 * while the others had forgotten it; and a hot-plugged core that severed its peers before joining
 * was never answered, so it treated their messages as stale forever.)
 */
class CapsWithMembershipTest {
    @Test
    void capabilityChurnCompletesThroughMembershipChurn() {
        for (long seed = 1; seed <= 20; seed++) {
            SimRuntime rt = new SimRuntime(seed);
            Machine m = Machine.boot(Machines.named("amd-4x4"), 6, Generation.EPOCH_ACK, 16, rt.clock());
            CompletableFuture<Void> caps = new CapsWorkload(5).start(m);
            CompletableFuture<Void> membership = new MembershipWorkload(5).start(m);
            assertTrue(rt.run(m, CompletableFuture.allOf(caps, membership), 300_000), "seed " + seed + " completes");
            // resolved, never hung: the churn may end early on a typed answer (a capability it meant to
            // revoke moved away while its core was out of the view), never on anything else
            caps.handle((v, e) -> {
                assertTrue(e == null || String.valueOf(e.getMessage()).contains("Failure[reason="), String.valueOf(e));
                return null;
            }).join();
            for (Invariant inv : CapsInvariants.all()) assertNull(inv.check(m), "seed " + seed + ": " + inv.name());
        }
    }
}
