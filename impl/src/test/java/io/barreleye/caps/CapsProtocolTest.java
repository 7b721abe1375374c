package io.barreleye.caps;

import static io.barreleye.caps.CapsHarness.ok;
import static io.barreleye.caps.CapsHarness.reason;
import static io.barreleye.caps.CapsHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.runtime.SimRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Each operation's happy path, busy answers, and overlapping retypes, under the simulation. */
class CapsProtocolTest {
    static final long R = 1 << 16;

    private static Caps caps(Machine m, int core) {
        return Caps.of(m.kernel(core));
    }

    @Test
    void retypeCommitsAndInstallsADescendantAtTheRequester() {
        SimRuntime rt = new SimRuntime(1);
        Machine m = CapsHarness.boot(rt, "amd-4x4", 4, Set.of());
        long ram = caps(m, 0).mint(CapType.RAM, 0, R);
        long frame = ok(run(rt, m, 0, c -> c.retype(ram, CapType.FRAME, 0, R / 4)));
        Capability f = caps(m, 0).db().get(frame);
        assertEquals(CapType.FRAME, f.type());
        assertEquals(0, f.base());
        assertEquals(R / 4, f.size());
        assertTrue(f.descendsFrom(ram));
        assertTrue(caps(m, 0).db().lock().isEmpty(), "unlocked after the retype");
        // an overlapping retype is refused by the vote; a disjoint one commits
        Outcome<Long> again = run(rt, m, 0, c -> c.retype(ram, CapType.CNODE, R / 8, R / 4));
        assertEquals(Outcome.Reason.ABORTED, reason(again), again.toString());
        assertTrue(caps(m, 0).db().lock().isEmpty(), "unlocked after the abort");
        ok(run(rt, m, 0, c -> c.retype(ram, CapType.VNODE, R / 2, R / 4)));
        assertEquals(Outcome.Reason.CONFLICT, reason(run(rt, m, 0, c -> c.retype(ram, CapType.FRAME, R - 4, 8))), "range outside");
        assertNull(CapsInvariants.check(m));
    }

    @Test
    void copyThenRemoteRetypeAsksTheOwner() {
        SimRuntime rt = new SimRuntime(2);
        Machine m = CapsHarness.boot(rt, "amd-4x4", 4, Set.of());
        long ram = caps(m, 0).mint(CapType.RAM, 0, R);
        assertEquals(ram, ok(run(rt, m, 0, c -> c.copy(ram, 3))));
        Capability copy = caps(m, 3).db().get(ram);
        assertNotNull(copy);
        assertEquals(0, copy.ownerAt());
        long frame = ok(run(rt, m, 3, c -> c.retype(ram, CapType.FRAME, R / 4, R / 4)));
        assertNotNull(caps(m, 3).db().get(frame), "the requester holds the new capability");
        assertTrue(caps(m, 3).db().owner().contains(frame), "and owns it");
        // the owner now votes no on an overlapping retype because core 3 holds a descendant
        assertEquals(Outcome.Reason.ABORTED, reason(run(rt, m, 0, c -> c.retype(ram, CapType.FRAME, 0, R))));
        assertNull(CapsInvariants.check(m));
    }

    @Test
    void moveTransfersOwnershipAndEveryCopyNamesTheNewOwner() {
        SimRuntime rt = new SimRuntime(3);
        Machine m = CapsHarness.boot(rt, "amd-4x4", 4, Set.of());
        long ram = caps(m, 0).mint(CapType.RAM, 0, R);
        ok(run(rt, m, 0, c -> c.copy(ram, 1)));
        ok(run(rt, m, 0, c -> c.copy(ram, 2)));
        assertEquals(3L, ok(run(rt, m, 1, c -> c.move(ram, 3))));
        assertTrue(caps(m, 3).db().owner().contains(ram));
        assertFalse(caps(m, 0).db().owner().contains(ram));
        for (int i = 0; i < 4; i++) assertEquals(3, caps(m, i).db().ownerAt(ram), "core " + i);
        // the old owner's copy may now be deleted; retrieve brings ownership back
        assertEquals(0L, ok(run(rt, m, 0, c -> c.retrieve(ram))));
        assertTrue(caps(m, 0).db().owner().contains(ram));
        ok(run(rt, m, 2, c -> c.retype(ram, CapType.FRAME, 0, R / 2)));
        assertNull(CapsInvariants.check(m));
    }

    @Test
    void deleteRemovesOneCopyButNotTheOwnersLast() {
        SimRuntime rt = new SimRuntime(4);
        Machine m = CapsHarness.boot(rt, "amd-4x4", 2, Set.of());
        long ram = caps(m, 0).mint(CapType.RAM, 0, R);
        ok(run(rt, m, 0, c -> c.copy(ram, 1)));
        ok(run(rt, m, 1, c -> c.delete(ram)));
        assertNull(caps(m, 1).db().get(ram));
        assertEquals(Outcome.Reason.CONFLICT, reason(run(rt, m, 0, c -> c.delete(ram))));
        assertEquals(Outcome.Reason.CONFLICT, reason(run(rt, m, 1, c -> c.delete(ram))), "nothing left to delete");
    }

    @Test
    void revokeDeletesEveryCopyAndDescendantEverywhere() {
        SimRuntime rt = new SimRuntime(5);
        Machine m = CapsHarness.boot(rt, "amd-4x4", 4, Set.of());
        long ram = caps(m, 0).mint(CapType.RAM, 0, R);
        for (int i = 1; i < 4; i++) {
            int to = i;
            ok(run(rt, m, 0, c -> c.copy(ram, to)));
        }
        long frame = ok(run(rt, m, 2, c -> c.retype(ram, CapType.FRAME, 0, R / 4)));
        ok(run(rt, m, 2, c -> c.copy(frame, 3)));
        ok(run(rt, m, 2, c -> c.revoke(ram)));
        for (int i = 0; i < 4; i++) {
            assertNull(caps(m, i).db().get(ram), "core " + i);
            assertNull(caps(m, i).db().get(frame), "core " + i);
        }
        assertTrue(caps(m, 0).db().revokeDone().contains(ram));
        assertTrue(caps(m, 0).db().lock().isEmpty());
        assertNull(CapsInvariants.check(m));
        assertEquals(Outcome.Reason.CONFLICT, reason(run(rt, m, 0, c -> c.copy(ram, 1))), "gone");
    }

    @Test
    void aBusyCapabilityAnswersRetry() {
        SimRuntime rt = new SimRuntime(6);
        Machine m = CapsHarness.boot(rt, "amd-4x4", 3, Set.of());
        long ram = caps(m, 0).mint(CapType.RAM, 0, R);
        ok(run(rt, m, 0, c -> c.copy(ram, 1)));
        // core 0 starts a move and, in the same step, everything else it can: the lock answers retry
        List<CompletableFuture<Outcome<Long>>> fs = new ArrayList<>();
        CompletableFuture<Void> started = new CompletableFuture<>();
        m.kernel(0).post(() -> {
            Caps c = caps(m, 0);
            fs.add(c.move(ram, 1));
            started.complete(null);
        });
        rt.run(m, started, 1000);
        // let the owner update reach core 0 itself, then ask for a copy there
        Outcome<Long> copy = null;
        for (int i = 0; i < 200 && copy == null; i++) {
            rt.run(m, new CompletableFuture<>(), 1);
            if (caps(m, 0).moveProtocol().busyAt().containsKey(ram)) copy = caps(m, 0).copy(ram, 2).join();
        }
        assertNotNull(copy, "the move's owner update reached core 0");
        assertEquals(Outcome.Reason.RETRY, reason(copy), copy.toString());
        assertTrue(rt.run(m, fs.get(0), 100_000));
        CapsHarness.settle(rt, m);
        assertEquals(1L, ok(fs.get(0).join()));
        assertNull(CapsInvariants.check(m));
    }

    @Test
    void recorderSeesSpecActions() {
        SimRuntime rt = new SimRuntime(8);
        Machine m = CapsHarness.boot(rt, "amd-4x4", 2, Set.of());
        List<String> events = new ArrayList<>();
        Caps.setRecorder(m, (e, core, args) -> events.add(e));
        long ram = caps(m, 0).mint(CapType.RAM, 0, R);
        ok(run(rt, m, 0, c -> c.retype(ram, CapType.FRAME, 0, R / 2)));
        ok(run(rt, m, 0, c -> c.copy(ram, 1)));
        ok(run(rt, m, 0, c -> c.move(ram, 1)));
        ok(run(rt, m, 1, c -> c.revoke(ram)));
        for (String a : List.of("StartRetype", "Vote", "CommitRetype", "Unlock", "Copy", "RecvCopy", "StartMove", "UpdateOwner",
                "MoveDone", "StartRevoke", "Mark", "CommitRevoke", "RevokeAt", "RevokeDone")) {
            assertTrue(events.contains(a), a + " recorded: " + events);
        }
    }

    /**
     * Spec MoveDone requires every member's ack (mvWait empty): no core may still name the old
     * owner when the move completes. On 16 cores the acks arrive spread out, so a move that
     * completed before its last ack would show an UpdateOwner after MoveDone.
     */
    @Test
    void moveCompletesOnlyAfterEveryMemberUpdatedItsOwner() {
        SimRuntime rt = new SimRuntime(5);
        Machine m = CapsHarness.boot(rt, "amd-4x4", 16, Set.of());
        long ram = caps(m, 0).mint(CapType.RAM, 0, R);
        ok(run(rt, m, 0, c -> c.copy(ram, 1)));
        ok(run(rt, m, 0, c -> c.copy(ram, 13)));
        List<String> events = new ArrayList<>();
        Caps.setRecorder(m, (e, core, args) -> {
            if (args.length > 1 && args[1] == ram) events.add(e + "@" + core); // (target core, capability)
        });
        assertEquals(1L, ok(run(rt, m, 0, c -> c.move(ram, 1))));
        int done = events.indexOf("MoveDone@0");
        assertTrue(done >= 0, "MoveDone recorded at the old owner: " + events);
        for (int core = 0; core < 16; core++) {
            int updated = events.lastIndexOf("UpdateOwner@" + core);
            assertTrue(updated >= 0 && updated < done, "core " + core + " updated its owner before MoveDone: " + events);
        }
    }

    /** A failed core loses the copies in flight to it, and only those: copies to live cores stay in flight. */
    @Test
    void aFailedPeerLosesOnlyTheCopiesSentToIt() {
        SimRuntime rt = new SimRuntime(6);
        Machine m = CapsHarness.boot(rt, "amd-4x4", 4, Set.of());
        long ram = caps(m, 0).mint(CapType.RAM, 0, R);
        ok(run(rt, m, 0, c -> c.copy(ram, 1))); // opens the channels; these copies arrive
        ok(run(rt, m, 0, c -> c.copy(ram, 2)));
        CapabilityDb db = caps(m, 0).db();
        assertTrue(db.sentCopies().isEmpty(), "delivered copies are not in flight: " + db.sentCopies());
        assertFalse(db.copy(ram, 1).isDone(), "sent, not yet delivered: the simulation is not running");
        assertFalse(db.copy(ram, 2).isDone());
        db.peerFailed(3);
        assertEquals(List.of(1, 2), db.sentCopies().stream().map(CapabilityDb.SentCopy::to).toList(), "no copy went to core 3");
        db.peerFailed(2);
        assertEquals(List.of(1), db.sentCopies().stream().map(CapabilityDb.SentCopy::to).toList(), "the copy to core 2 is lost");
    }

    /** Two cores retype overlapping ranges of one capability at once: never both commit. */
    @Test
    void concurrentOverlappingRetypesNeverBothCommit() {
        int commits = 0;
        for (long seed = 1; seed <= 300; seed++) {
            SimRuntime rt = new SimRuntime(seed);
            Machine m = CapsHarness.boot(rt, "amd-4x4", 3, Set.of());
            long ram = caps(m, 0).mint(CapType.RAM, 0, R);
            ok(run(rt, m, 0, c -> c.copy(ram, 1)));
            ok(run(rt, m, 0, c -> c.copy(ram, 2)));
            CompletableFuture<Outcome<Long>> a = new CompletableFuture<>(), b = new CompletableFuture<>();
            m.kernel(1).post(() -> caps(m, 1).retype(ram, CapType.FRAME, 0, R / 2).thenAccept(a::complete));
            m.kernel(2).post(() -> caps(m, 2).retype(ram, CapType.CNODE, R / 4, R / 2).thenAccept(b::complete));
            assertTrue(rt.run(m, CompletableFuture.allOf(a, b), 100_000), "seed " + seed);
            CapsHarness.settle(rt, m);
            boolean both = a.join().succeeded() && b.join().succeeded();
            assertFalse(both, "seed " + seed + ": both overlapping retypes committed: " + a.join() + " " + b.join());
            if (a.join().succeeded() || b.join().succeeded()) commits++;
            for (Outcome<Long> o : List.of(a.join(), b.join())) {
                if (!o.succeeded()) assertTrue(reason(o) == Outcome.Reason.RETRY || reason(o) == Outcome.Reason.ABORTED, "seed " + seed + " " + o);
            }
            assertNull(CapsInvariants.check(m), "seed " + seed);
            assertTrue(caps(m, 0).db().lock().isEmpty(), "seed " + seed);
        }
        assertTrue(commits > 250, "most runs commit one of them: " + commits);
    }
}
