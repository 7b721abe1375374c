package io.barreleye.caps;

import static io.barreleye.caps.CapsHarness.ok;
import static io.barreleye.caps.CapsHarness.reason;
import static io.barreleye.caps.CapsHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.runtime.SimRuntime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Randomized runs with invariants checked between simulation steps, fault switches, crashes. */
class CapsSimulationTest {
    static final long R = 1 << 16;

    @Test
    void invariantsHoldAfterEveryStepOverManySeeds() {
        int seeds = 150;
        for (long seed = 1; seed <= seeds; seed++) {
            int cores = 2 + (int) (seed % 5);
            CapsHarness.Result r = CapsHarness.drive(seed, Set.of(), cores, 40, -1, 0);
            assertNull(r.violation(), "seed " + seed + " (" + cores + " cores): " + r.violation() + "\n" + String.join("\n", r.log()));
            assertEquals(0, r.unresolved(), "seed " + seed + ": operations left hanging");
        }
    }

    @Test
    void invariantsHoldWithACoreCrashingMidRun() {
        for (long seed = 1; seed <= 80; seed++) {
            int cores = 3 + (int) (seed % 4);
            int victim = 1 + (int) (seed % (cores - 1));
            CapsHarness.Result r = CapsHarness.drive(seed, Set.of(), cores, 40, 100 + seed * 7, victim);
            assertNull(r.violation(), "seed " + seed + " crash of core " + victim + ": " + r.violation() + "\n" + String.join("\n", r.log()));
            assertEquals(0, r.unresolved(), "seed " + seed + " crash of core " + victim + ": operations left hanging");
        }
    }

    @Test
    void everyFaultSwitchIsCaughtByItsInvariant() {
        Map<CapsFault, String> expected = Map.of(
                CapsFault.COMMIT_WITHOUT_LOCK, "NoOverlappingRetypes",
                CapsFault.IGNORE_NO_VOTE, "NoOverlappingRetypes",
                CapsFault.REVOKE_IGNORES_INFLIGHT, "NoCopySurvivesRevoke",
                CapsFault.KEEP_LOCK_AFTER_ABORT, "NoLockOutlivesOp",
                CapsFault.LOSE_OWNER_ON_MOVE, "OwnerAgreed",
                CapsFault.VOTE_MISSES_OVERLAP, "NoOverlappingRetypes");
        List<String> found = new ArrayList<>();
        for (CapsFault f : CapsFault.values()) {
            String caught = null;
            int limit = f == CapsFault.REVOKE_IGNORES_INFLIGHT ? 1500 : 400;
            for (long seed = 1; seed <= limit && caught == null; seed++) {
                CapsHarness.Result r = CapsHarness.drive(seed, EnumSet.of(f), 2 + (int) (seed % 3), 60, -1, 0);
                if (r.violation() != null && r.violation().startsWith(expected.get(f))) caught = "seed " + seed + ": " + r.violation();
            }
            assertTrue(caught != null, f + " was not caught by " + expected.get(f) + " in seeds 1.." + limit);
            found.add(f + " -> " + caught);
        }
        System.out.println("[caps] fault switches caught:\n  " + String.join("\n  ", found));
    }

    /**
     * A copy is in flight to core 2 while core 0 revokes: correct, the copy is deleted on arrival
     * (core 2 waits for core 1's marker); with REVOKE_IGNORES_INFLIGHT some seed lets it survive.
     */
    @Test
    void revokeCountsCopiesInFlight() {
        String caught = null;
        for (long seed = 1; seed <= 300; seed++) {
            for (boolean faulty : new boolean[] {false, true}) {
                SimRuntime rt = new SimRuntime(seed);
                Machine m = CapsHarness.boot(rt, "amd-4x4", 3, faulty ? EnumSet.of(CapsFault.REVOKE_IGNORES_INFLIGHT) : Set.of());
                long ram = Caps.of(m.kernel(0)).mint(CapType.RAM, 0, R);
                ok(run(rt, m, 0, c -> c.copy(ram, 1)));
                CompletableFuture<Outcome<Long>> copy = new CompletableFuture<>(), revoke = new CompletableFuture<>();
                m.kernel(1).post(() -> Caps.of(m.kernel(1)).copy(ram, 2).thenAccept(copy::complete));
                m.kernel(0).post(() -> Caps.of(m.kernel(0)).revoke(ram).thenAccept(revoke::complete));
                String v = null;
                for (int i = 0; i < 20_000 && v == null && !(copy.isDone() && revoke.isDone()); i++) {
                    rt.run(m, new CompletableFuture<Void>(), 1);
                    v = CapsInvariants.check(m);
                }
                if (v == null) {
                    CapsHarness.settle(rt, m);
                    v = CapsInvariants.check(m);
                }
                if (!faulty) {
                    assertNull(v, "seed " + seed);
                    assertTrue(revoke.join().succeeded(), "seed " + seed + " " + revoke.join());
                } else if (v != null && caught == null) {
                    assertTrue(v.startsWith("NoCopySurvivesRevoke"), "seed " + seed + ": " + v);
                    caught = "seed " + seed + ": " + v;
                }
            }
        }
        assertTrue(caught != null, "REVOKE_IGNORES_INFLIGHT was caught in seeds 1..300");
        System.out.println("[caps] directed REVOKE_IGNORES_INFLIGHT: " + caught);
    }

    /** A voter is stopped before it answers and then crashes: the retype commits with the remaining members. */
    @Test
    void voterCrashInTheMiddleOfARetypeResolvesIt() {
        for (long seed = 1; seed <= 20; seed++) {
            SimRuntime rt = new SimRuntime(seed);
            Machine m = CapsHarness.boot(rt, "amd-4x4", 4, Set.of());
            long ram = Caps.of(m.kernel(0)).mint(CapType.RAM, 0, R);
            ok(run(rt, m, 0, c -> c.copy(ram, 1)));
            long crash = rt.steps() + 200;
            rt.stopAt(rt.steps(), 2, Long.MAX_VALUE / 4).crashAt(crash, 2);
            Outcome<Long> o = run(rt, m, 1, c -> c.retype(ram, CapType.FRAME, 0, R / 2));
            assertTrue(o.succeeded(), "seed " + seed + ": " + o);
            assertTrue(rt.steps() >= crash, "it waited for core 2 until the crash");
            CapsHarness.settle(rt, m);
            assertTrue(Caps.of(m.kernel(0)).db().lock().isEmpty(), "seed " + seed + ": no lock outlives the retype");
            assertNull(CapsInvariants.check(m), "seed " + seed);
        }
    }

    /** The requester dies after asking: the owner aborts or unlocks; the owner dies: the requester gets CORE_FAILED. */
    @Test
    void requesterOrOwnerCrashResolvesTheRetype() {
        for (long seed = 1; seed <= 20; seed++) {
            SimRuntime rt = new SimRuntime(seed);
            Machine m = CapsHarness.boot(rt, "amd-4x4", 4, Set.of());
            Caps c0 = Caps.of(m.kernel(0));
            long ram = c0.mint(CapType.RAM, 0, R);
            ok(run(rt, m, 0, c -> c.copy(ram, 1)));
            rt.stopAt(rt.steps(), 3, Long.MAX_VALUE / 4).crashAt(rt.steps() + 300, 3);
            // core 1 asks, then is stopped and crashed; core 3 (stopped) never votes until it is gone too
            CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
            m.kernel(1).post(() -> Caps.of(m.kernel(1)).retype(ram, CapType.FRAME, 0, R / 2).thenAccept(f::complete));
            rt.stopAt(rt.steps() + 30, 1, Long.MAX_VALUE / 4).crashAt(rt.steps() + 400, 1);
            CompletableFuture<Void> never = new CompletableFuture<>();
            rt.run(m, never, 5_000);
            assertTrue(c0.db().lock().isEmpty(), "seed " + seed + ": the owner released the lock of the lost requester");
            assertTrue(c0.retypeProtocol().rt().isEmpty(), "seed " + seed);
            assertNull(CapsInvariants.check(m), "seed " + seed);
        }
        SimRuntime rt = new SimRuntime(99);
        Machine m = CapsHarness.boot(rt, "amd-4x4", 3, Set.of());
        long ram = Caps.of(m.kernel(0)).mint(CapType.RAM, 0, R);
        ok(run(rt, m, 0, c -> c.copy(ram, 1)));
        rt.stopAt(rt.steps(), 0, Long.MAX_VALUE / 4).crashAt(rt.steps() + 100, 0);
        CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
        m.kernel(1).post(() -> Caps.of(m.kernel(1)).retype(ram, CapType.FRAME, 0, R / 2).thenAccept(f::complete));
        assertTrue(rt.run(m, f, 100_000), "the retype resolves after its owner is lost");
        Outcome<Long> o = f.join();
        assertEquals(Outcome.Reason.CORE_FAILED, reason(o), o.toString());
    }

    /** A voter that is slow (stopped) is dropped from the view: the retype waiting on it commits with the new view's members. */
    @Test
    void viewChangeResolvesARetypeWaitingOnAnExcludedCore() {
        for (long seed = 1; seed <= 10; seed++) {
            SimRuntime rt = new SimRuntime(seed);
            Machine m = CapsHarness.boot(rt, "amd-4x4", 4, Set.of());
            long ram = Caps.of(m.kernel(0)).mint(CapType.RAM, 0, R);
            ok(run(rt, m, 0, c -> c.copy(ram, 1)));
            rt.stopAt(rt.steps(), 2, Long.MAX_VALUE / 4);
            CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
            m.kernel(1).post(() -> Caps.of(m.kernel(1)).retype(ram, CapType.FRAME, 0, R / 2).thenAccept(f::complete));
            assertTrue(!rt.run(m, f, 2_000) && !f.isDone(), "seed " + seed + ": waits for core 2's vote");
            io.barreleye.kernel.View v = new io.barreleye.kernel.View(2, List.of(0, 1, 3));
            for (int i : v.members()) m.kernel(i).post(() -> m.kernel(i).installView(v));
            assertTrue(rt.run(m, f, 100_000), "seed " + seed + ": resolves after the view change");
            assertTrue(f.join().succeeded(), "seed " + seed + ": " + f.join());
            rt.run(m, new CompletableFuture<Void>(), 10_000);
            assertTrue(Caps.of(m.kernel(0)).db().lock().isEmpty(), "seed " + seed);
            assertNull(CapsInvariants.check(m), "seed " + seed);
        }
    }

    @Test
    void sameSeedSameRun() {
        CapsHarness.Result a = CapsHarness.drive(42, Set.of(), 4, 40, -1, 0);
        CapsHarness.Result b = CapsHarness.drive(42, Set.of(), 4, 40, -1, 0);
        assertEquals(a.log(), b.log(), "seed 42 replays identically");
        assertEquals(a.steps(), b.steps());
    }
}
