package io.barreleye.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.caps.CapType;
import io.barreleye.caps.Caps;
import io.barreleye.kernel.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link CallerDrivenMachine} outside Lincheck: clients complete protocol operations by helping, and a hang is reported, not waited out. */
class CallerDrivenMachineTest {
    @Test
    void oneClientCompletesAnOperationThatCrossesCores() {
        CallerDrivenMachine m = CallerDrivenMachine.boot(4, mc -> Caps.install(mc, Set.of()));
        long root = m.read(0, k -> Caps.of(k).mint(CapType.RAM, 0, 1 << 20));
        Outcome<Long> copied = m.call(0, k -> Caps.of(k).copy(root, 3));
        assertTrue(copied.succeeded(), copied.toString());
        assertEquals(1, (int) m.read(3, k -> Caps.of(k).db().held().size()), "core 3 holds the copy");
        assertTrue(m.failures().isEmpty());
    }

    /** Four client threads copy at once, each helping the others' operations along; every copy arrives. */
    @Test
    void concurrentClientsHelpEachOther() throws InterruptedException {
        CallerDrivenMachine m = CallerDrivenMachine.boot(4, mc -> Caps.install(mc, Set.of()));
        long root = m.read(0, k -> Caps.of(k).mint(CapType.RAM, 0, 1 << 20));
        List<Thread> clients = new ArrayList<>();
        List<Outcome<Long>> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int to = 1 + t % 3;
            clients.add(new Thread(() -> {
                for (int i = 0; i < 25; i++) outcomes.add(m.callUntil(0, k -> Caps.of(k).copy(root, to), o -> !o.succeeded()));
            }));
        }
        for (Thread t : clients) t.start();
        for (Thread t : clients) t.join();
        assertEquals(100, outcomes.size());
        int held = 0;
        for (int c = 1; c < 4; c++) {
            held += m.read(c, k -> Caps.of(k).db().held().stream().mapToInt(cap -> cap.count()).sum());
        }
        assertEquals(100, held, "every copy arrived");
        assertTrue(m.failures().isEmpty());
    }

    @Test
    void anOperationThatCanNeverCompleteIsReported() {
        CallerDrivenMachine m = CallerDrivenMachine.boot(2, mc -> { });
        AssertionError e = assertThrows(AssertionError.class, () -> m.call(1, k -> new CompletableFuture<Outcome<Long>>()));
        assertTrue(e.getMessage().contains("can never complete: no kernel has work left"), e.getMessage());
    }

    @Test
    void aWaitThatNeverEndsIsReported() {
        CallerDrivenMachine m = CallerDrivenMachine.boot(2, mc -> { });
        AssertionError e = assertThrows(AssertionError.class, () -> m.await(() -> false, "a condition nobody makes true"));
        assertTrue(e.getMessage().contains("rounds of helping for a condition nobody makes true"), e.getMessage());
    }
}
