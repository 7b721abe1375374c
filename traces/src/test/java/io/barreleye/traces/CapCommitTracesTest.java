package io.barreleye.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.caps.CapType;
import io.barreleye.caps.CapsFault;
import io.barreleye.kernel.Outcome;
import io.barreleye.modelcheck.trace.TraceValidator;
import io.barreleye.runtime.SimRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of the capability protocols on one region, recorded through {@link CapCommitMapping},
 * conform to specs/CapCommit.tla; the runs are {@link CapCommitDriver}'s, restricted to what the
 * spec models. Two runs that diverged from earlier versions of the spec are pinned here.
 */
class CapCommitTracesTest {
    static final long R = CapCommitDriver.REGION_BYTES;

    @TempDir
    Path tmp;

    /** A simulated rig (CapCommitDriver.Rig) of seed {@code seed}. */
    private static CapCommitDriver.Rig rig(long seed, Set<CapsFault> faults) {
        return new CapCommitDriver.Rig(new SimRuntime(seed), faults);
    }

    private TraceValidator.Result validate(CapCommitDriver.Rig rig, String name) throws IOException {
        return Validation.written(tmp.resolve(name + ".ndjson"), rig.map.lines());
    }

    @Test
    void randomRunsOnOneRegionConformToCapCommit() throws IOException {
        java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
        for (long seed = 1; seed <= 12; seed++) {
            CapCommitDriver.Rig rig = CapCommitDriver.drive(new SimRuntime(seed), seed, 30);
            assertEquals(List.of(), rig.map.unmapped(), "seed " + seed);
            TraceValidator.Result r = validate(rig, "capcommit-" + seed);
            assertTrue(r.conforms(), "seed " + seed + ": " + r.diagnosis());
            r.actions().forEach((a, n) -> seen.merge(a, n.intValue(), Integer::sum));
        }
        assertTrue(seen.keySet().containsAll(List.of("StartRetype", "Vote", "CommitRetype", "Unlock", "Copy", "RecvCopy", "Delete",
                "StartRevoke", "Mark", "CommitRevoke", "RevokeAt", "RevokeDone", "StartMove", "UpdateOwner", "MoveDone")),
                seen.toString());
        assertEquals(12, seen.get("Quiescent"), "every complete run ends with the replicas read at once: " + seen);
    }

    /**
     * A copy to oneself (local: its Copy and RecvCopy on one core) and a move to a core that holds
     * no copy (it installs the one the owner update carries, at its UpdateOwner) are CapCommit
     * steps: the trace runs to the end, where every replica is read, and conforms.
     */
    @Test
    void aCopyToOneselfAndAMoveToACoreWithoutACopyConform() throws IOException {
        CapCommitDriver.Rig rig = rig(23, Set.of());
        CapsTraces traces = recorded(rig);
        assertTrue(rig.run(0, c -> c.copy(rig.region, 0)).succeeded());
        assertTrue(rig.run(0, c -> c.move(rig.region, 2)).succeeded());
        assertTrue(rig.run(2, c -> c.copy(rig.region, 1)).succeeded());
        TraceValidator.Result r = onlyTraceConformsWhole(rig, traces, "capability-self-copy-and-move");
        assertEquals(1, r.actions().get("Quiescent"), r.actions().toString());
        assertEquals(2, r.actions().get("Copy"), r.actions().toString());
    }

    /** A run that is over, with every replica read at once: the spec's Quiescent step. */
    private TraceValidator.Result validateEnded(CapCommitDriver.Rig rig, String name) throws IOException {
        rig.settle();
        rig.map.quiesce(rig.m);
        return validate(rig, name);
    }

    /**
     * A move whose new owner never records that it owns the capability: every step of the move
     * conforms (the old owner gave it up, every copy names the new one), but at the end no
     * replica owns the region, and Quiescent, which reads the owner from every replica, diverges.
     */
    @Test
    void aLostOwnerDivergesWhenTheRunEnds() throws IOException {
        CapCommitDriver.Rig rig = rig(11, Set.of(CapsFault.LOSE_OWNER_ON_MOVE));
        assertTrue(rig.run(0, c -> c.copy(rig.region, 1)).succeeded());
        assertTrue(rig.run(0, c -> c.move(rig.region, 1)).succeeded());
        TraceValidator.Result r = validateEnded(rig, "capcommit-lost-owner");
        assertFalse(r.conforms(), String.join("\n", rig.map.lines()));
        assertEquals(r.totalEvents() - 1, r.eventsChecked(), r.diagnosis());
        assertTrue(r.diagnosis().contains("Quiescent") && r.diagnosis().contains("owner' = 0"), r.diagnosis());
        CapCommitDriver.Rig good = rig(11, Set.of());
        assertTrue(good.run(0, c -> c.copy(good.region, 1)).succeeded());
        assertTrue(good.run(0, c -> c.move(good.region, 1)).succeeded());
        TraceValidator.Result ok = validateEnded(good, "capcommit-moved");
        assertTrue(ok.conforms(), ok.diagnosis());
    }

    /**
     * Any run, one trace per capability (CapsTraces): the region and the retype's new capability
     * (owned by its requester) each get a trace; a copy of the retype cuts the region's trace (the
     * spec keeps a retype with its requester), while the retype's own trace takes the copy and its
     * delete; what was not cut ends with Quiescent, and every trace conforms up to where it stops.
     */
    @Test
    void everyCapabilityOfARunGetsItsOwnTrace() throws IOException {
        CapCommitDriver.Rig rig = rig(17, Set.of());
        CapsTraces traces = recorded(rig);
        assertTrue(rig.run(0, c -> c.copy(rig.region, 1)).succeeded());
        long child = ((Outcome.Success<Long>) rig.run(1, c -> c.retype(rig.region, CapType.FRAME, 0, R / 2))).value();
        assertTrue(rig.run(1, c -> c.copy(child, 2)).succeeded());
        assertTrue(rig.run(2, c -> c.delete(child)).succeeded());
        assertTrue(rig.run(0, c -> c.copy(rig.region, 2)).succeeded());
        rig.settle();
        traces.quiesce(rig.m);
        java.util.Map<Long, CapsTraces.Entry> byId = new java.util.HashMap<>();
        for (CapsTraces.Entry e : traces.traces()) byId.put(e.capId, e);
        assertEquals(java.util.Set.of(rig.region, child), byId.keySet());
        assertEquals("a copy of its retype " + Long.toHexString(child), byId.get(rig.region).cut());
        assertEquals(null, byId.get(child).cut());
        assertEquals(2, traces.dropped(), "the region's last copy (Copy, RecvCopy) after its cut");
        assertTrue(String.join("\n", byId.get(child).map.lines()).contains("\"event\":\"Delete\""), "the retype's trace has its Delete");
        assertTrue(byId.get(child).map.lines().get(0).contains("\"Owner\":2"), byId.get(child).map.lines().get(0));
        for (CapsTraces.Entry e : traces.traces()) {
            TraceValidator.Result r = validate(e.map, "capability-" + Long.toHexString(e.capId));
            assertTrue(r.conforms(), r.diagnosis());
        }
        assertEquals(List.of(), traces.unknown());

        // nothing cut: the run's end is the spec's Quiescent, read from every replica
        CapCommitDriver.Rig clean = rig(19, Set.of());
        CapsTraces whole = new CapsTraces(clean.m);
        io.barreleye.caps.Caps.setRecorder(clean.m, whole);
        assertTrue(clean.run(0, c -> c.copy(clean.region, 1)).succeeded());
        assertTrue(clean.run(0, c -> c.move(clean.region, 1)).succeeded());
        clean.settle();
        whole.quiesce(clean.m);
        CapsTraces.Entry only = whole.traces().get(0);
        assertEquals(null, only.cut());
        List<String> lines = only.map.lines();
        assertTrue(lines.get(lines.size() - 1).contains("\"event\":\"Quiescent\""), String.join("\n", lines));
        TraceValidator.Result r = validate(only.map, "capability-whole");
        assertTrue(r.conforms(), r.diagnosis());
    }

    private TraceValidator.Result validate(CapCommitMapping map, String name) throws IOException {
        return Validation.written(tmp.resolve(name + ".ndjson"), map.lines());
    }

    /** Every capability's trace of {@code rig}'s run, recorded from now on. */
    private static CapsTraces recorded(CapCommitDriver.Rig rig) {
        CapsTraces traces = new CapsTraces(rig.m);
        io.barreleye.caps.Caps.setRecorder(rig.m, traces);
        return traces;
    }

    /**
     * Settles the run and ends it quiescent; asserts its one capability's trace was not cut, no
     * step was dropped and the whole trace conforms; returns the verdict.
     */
    private TraceValidator.Result onlyTraceConformsWhole(CapCommitDriver.Rig rig, CapsTraces traces, String name) throws IOException {
        rig.settle();
        traces.quiesce(rig.m);
        CapsTraces.Entry only = traces.traces().get(0);
        assertEquals(null, only.cut());
        assertEquals(0, traces.dropped());
        TraceValidator.Result r = validate(only.map, name);
        assertTrue(r.conforms(), r.diagnosis());
        assertEquals(r.totalEvents(), r.eventsChecked());
        return r;
    }

    /** An aborted retype that keeps the owner's lock diverges at its Unlock, which reads the lock from the owner's replica. */
    @Test
    void anAbortThatKeepsItsLockDiverges() throws IOException {
        CapCommitDriver.Rig rig = rig(13, Set.of(CapsFault.KEEP_LOCK_AFTER_ABORT));
        assertTrue(rig.run(0, c -> c.copy(rig.region, 1)).succeeded());
        assertTrue(rig.run(1, c -> c.retype(rig.region, CapType.FRAME, 0, R)).succeeded());
        assertFalse(rig.run(0, c -> c.retype(rig.region, CapType.FRAME, 0, R)).succeeded(), "core 2 holds the first retype");
        TraceValidator.Result r = validateEnded(rig, "capcommit-kept-lock");
        assertFalse(r.conforms());
        assertTrue(r.diagnosis().contains("Unlock") && r.diagnosis().contains("lock' = 1"), r.diagnosis());
    }

    /** The same driver on threads: the mapping reads only the recording core's state, so it is safe there too. */
    @Test
    void threadedRunsOnOneRegionConformToCapCommit() throws IOException {
        for (long seed = 1; seed <= 3; seed++) {
            CapCommitDriver.Rig rig = CapCommitDriver.drive(new io.barreleye.runtime.ThreadRuntime(), seed, 30);
            assertEquals(List.of(), rig.map.unmapped(), "seed " + seed);
            TraceValidator.Result r = validate(rig, "capcommit-threads-" + seed);
            assertTrue(r.conforms(), "seed " + seed + ": " + r.diagnosis());
            Validation.assertChannelsConform(rig.channels, tmp, "capcommit-threads-" + seed + "-");
        }
    }

    @Test
    void aHandWrittenSequenceConforms() throws IOException {
        CapCommitDriver.Rig rig = rig(5, Set.of());
        assertTrue(rig.run(0, c -> c.copy(rig.region, 1)).succeeded());
        assertTrue(rig.run(0, c -> c.copy(rig.region, 2)).succeeded());
        assertTrue(rig.run(1, c -> c.retype(rig.region, CapType.FRAME, 0, R)).succeeded());
        assertEquals(2L, ((Outcome.Success<Long>) rig.run(1, c -> c.move(rig.region, 2))).value());
        // a copy in flight while the revoke marks: it is deleted on arrival
        CompletableFuture<Outcome<Long>> copy = rig.start(1, c -> c.copy(rig.region, 0));
        CompletableFuture<Outcome<Long>> revoke = rig.start(0, c -> c.revoke(rig.region));
        assertTrue(rig.rt.run(rig.m, CompletableFuture.allOf(copy, revoke), 1_000_000));
        rig.settle();
        assertTrue(revoke.join().succeeded(), revoke.join().toString());
        assertEquals(List.of(), rig.map.unmapped());
        TraceValidator.Result r = validate(rig, "capcommit-hand");
        assertTrue(r.conforms(), r.diagnosis());
        assertTrue(r.actions().keySet().containsAll(List.of("CommitRetype", "MoveDone", "RevokeDone")), r.actions().toString());
    }

    /** The owner that retypes without its lock diverges at once: the spec's StartRetype takes the lock. */
    @Test
    void commitWithoutLockDoesNotConform() throws IOException {
        CapCommitDriver.Rig rig = rig(7, Set.of(CapsFault.COMMIT_WITHOUT_LOCK));
        assertTrue(rig.run(0, c -> c.copy(rig.region, 1)).succeeded());
        rig.run(1, c -> c.retype(rig.region, CapType.FRAME, 0, R));
        TraceValidator.Result r = validate(rig, "capcommit-nolock");
        assertFalse(r.conforms());
        assertTrue(r.diagnosis().contains("StartRetype can be taken, but the trace records lock' = 0"), r.diagnosis());
        assertTrue(r.diagnosis().contains("[2]"), r.diagnosis());
    }

    /**
     * A second retype while the first lives is refused by the vote of the core holding the first;
     * the other cores, holding no descendant, vote yes. The spec's Vote is per core too (it was
     * global once, and this run diverged at the yes vote).
     */
    @Test
    void aSecondRetypeIsRefusedByTheHoldersVote() throws IOException {
        CapCommitDriver.Rig rig = rig(9, Set.of());
        assertTrue(rig.run(0, c -> c.copy(rig.region, 1)).succeeded());
        assertTrue(rig.run(1, c -> c.retype(rig.region, CapType.FRAME, 0, R)).succeeded());
        Outcome<Long> again = rig.run(0, c -> c.retype(rig.region, CapType.FRAME, 0, R));
        assertFalse(again.succeeded(), "the holder of the descendant votes no");
        TraceValidator.Result r = validate(rig, "capcommit-second-retype");
        assertTrue(r.conforms(), r.diagnosis());
        assertTrue(r.actions().containsKey("AbortRetype"), r.actions().toString());
        String trace = String.join("\n", rig.map.lines());
        assertTrue(trace.contains("\"value\":\"yes\"") && trace.contains("\"value\":\"no\""), trace);
    }

    /**
     * A core copies as long as the owner update has not reached it, and the copy still arrives
     * before the receiver's UpdateOwner, which waits for every core's marker. The spec's Copy
     * guards on the copying core having the update (RecvUpdate), not on the owner's move phase
     * (it did once, and this run diverged at that Copy).
     */
    @Test
    void aCopyBeforeTheOwnerUpdateArrivesConforms() throws IOException {
        CapCommitDriver.Rig rig = rig(3, Set.of());
        assertTrue(rig.run(0, c -> c.copy(rig.region, 1)).succeeded());
        assertTrue(rig.run(0, c -> c.copy(rig.region, 2)).succeeded());
        CompletableFuture<Outcome<Long>> move = rig.start(0, c -> c.move(rig.region, 1));
        CompletableFuture<Outcome<Long>> copy = rig.start(2, c -> c.copy(rig.region, 1));
        assertTrue(rig.rt.run(rig.m, CompletableFuture.allOf(move, copy), 1_000_000));
        rig.settle();
        assertTrue(move.join().succeeded() && copy.join().succeeded(), move.join() + " " + copy.join());
        TraceValidator.Result r = validate(rig, "capcommit-copy-during-move");
        assertTrue(r.conforms(), r.diagnosis());
        // the copy was taken while the move was in progress
        List<String> events = rig.map.lines();
        int start = -1, copyAt = -1, done = -1;
        for (int i = 0; i < events.size(); i++) {
            String e = events.get(i);
            if (e.contains("\"event\":\"StartMove\"")) start = i;
            if (e.contains("\"event\":\"Copy\"") && start >= 0 && done < 0) copyAt = i;
            if (e.contains("\"event\":\"MoveDone\"")) done = i;
        }
        assertTrue(start >= 0 && start < copyAt && copyAt < done, String.join("\n", events));
    }
    /**
     * Deletes are CapCommit steps: a core drops a copy it was given, the owner one of its two
     * copies (never its last: that one is refused, and no step is recorded); every Delete reads
     * the deleting core's copies and, for the owner, its ownership and lock. Through CapsTraces
     * the trace is not cut and runs to the run's end.
     */
    @Test
    void deletesConform() throws IOException {
        CapCommitDriver.Rig rig = rig(29, Set.of());
        CapsTraces traces = recorded(rig);
        assertTrue(rig.run(0, c -> c.copy(rig.region, 1)).succeeded());
        assertTrue(rig.run(1, c -> c.delete(rig.region)).succeeded());
        assertFalse(rig.holds(1));
        assertTrue(rig.run(0, c -> c.copy(rig.region, 0)).succeeded());
        assertTrue(rig.run(0, c -> c.delete(rig.region)).succeeded(), "the owner holds two copies");
        Outcome<Long> last = rig.run(0, c -> c.delete(rig.region));
        assertEquals(Outcome.Reason.CONFLICT, ((Outcome.Failure<Long>) last).reason(), "the owner's last copy: " + last);
        assertTrue(rig.run(0, c -> c.copy(rig.region, 2)).succeeded());
        assertTrue(rig.run(2, c -> c.delete(rig.region)).succeeded());
        TraceValidator.Result r = onlyTraceConformsWhole(rig, traces, "capability-deletes");
        assertEquals(3, r.actions().get("Delete"), r.actions().toString());
        assertEquals(1, r.actions().get("Quiescent"), r.actions().toString());
        String trace = String.join("\n", traces.traces().get(0).map.lines());
        assertTrue(trace.contains("{\"event\":\"Delete\",\"core\":0,") && trace.contains("{\"var\":\"owner\",\"path\":[],\"value\":1}"),
                trace);
    }

    /**
     * Two retypes of the region that do not overlap (its two halves, requested by two cores) both
     * commit: every core votes yes beside a live retype it does not overlap. A third, of the whole
     * region, overlaps both and is refused by their holders' votes. Through CapsTraces (the region
     * in quarters) nothing is cut (a retype beside a live one used to be) and the trace runs to its
     * end, where every replica's children are read as ranges.
     */
    @Test
    void retypesSideBySideConform() throws IOException {
        CapCommitDriver.Rig rig = rig(31, Set.of());
        CapsTraces traces = bothRecord(rig);
        assertTrue(rig.run(0, c -> c.copy(rig.region, 1)).succeeded());
        assertTrue(rig.run(0, c -> c.copy(rig.region, 2)).succeeded());
        assertTrue(rig.run(1, c -> c.retype(rig.region, CapType.FRAME, 0, R / 2)).succeeded());
        assertTrue(rig.run(0, c -> c.retype(rig.region, CapType.FRAME, R / 2, R / 2)).succeeded(), "beside the first half");
        Outcome<Long> whole = rig.run(2, c -> c.retype(rig.region, CapType.FRAME, 0, R));
        assertFalse(whole.succeeded(), "the whole region overlaps both halves");
        // the same run through the one-region mapping (halves) and through CapsTraces (quarters)
        TraceValidator.Result halves = validateEnded(rig, "capcommit-side-by-side");
        assertTrue(halves.conforms(), halves.diagnosis());
        assertEquals(2, halves.actions().get("CommitRetype"), halves.actions().toString());
        assertEquals(1, halves.actions().get("AbortRetype"), halves.actions().toString());
        String trace = String.join("\n", rig.map.lines());
        assertTrue(trace.contains("\"args\":[2,[1,1]]") && trace.contains("\"args\":[1,[2,2]]") && trace.contains("\"args\":[3,[1,2]]"),
                trace);
        traces.quiesce(rig.m);
        CapsTraces.Entry region = traces.traces().get(0);
        assertEquals(rig.region, region.capId);
        assertEquals(null, region.cut());
        TraceValidator.Result quarters = validate(region.map, "capability-side-by-side");
        assertTrue(quarters.conforms(), quarters.diagnosis());
        assertEquals(quarters.totalEvents(), quarters.eventsChecked());
        assertEquals(1, quarters.actions().get("Quiescent"), quarters.actions().toString());
        String q = String.join("\n", region.map.lines());
        assertTrue(q.contains("\"args\":[2,[1,2]]") && q.contains("\"args\":[1,[3,4]]") && q.contains("[[1,1],[1,2],[1,3],[1,4],"), q);
    }

    /** Records the rig's run both through its one-region mapping and through CapsTraces (returned). */
    private static CapsTraces bothRecord(CapCommitDriver.Rig rig) {
        CapsTraces traces = new CapsTraces(rig.m);
        io.barreleye.caps.Caps.setRecorder(rig.m, (event, core, a) -> {
            rig.map.record(event, core, a);
            traces.record(event, core, a);
        });
        return traces;
    }

    /**
     * A vote that misses the overlap (CapsFault.VOTE_MISSES_OVERLAP): the core holding the first
     * half votes yes to a retype of the whole region, which then commits beside it. The trace
     * diverges at that Vote: the spec's core holding an overlapping retype must say no.
     */
    @Test
    void anOverlappingRetypeThatCommitsDiverges() throws IOException {
        CapCommitDriver.Rig rig = rig(37, Set.of(CapsFault.VOTE_MISSES_OVERLAP));
        assertTrue(rig.run(0, c -> c.copy(rig.region, 1)).succeeded());
        assertTrue(rig.run(1, c -> c.retype(rig.region, CapType.FRAME, 0, R / 2)).succeeded());
        assertTrue(rig.run(0, c -> c.retype(rig.region, CapType.FRAME, 0, R)).succeeded(), "the planted bug commits it");
        TraceValidator.Result r = validate(rig, "capcommit-overlap-commits");
        assertFalse(r.conforms(), String.join("\n", rig.map.lines()));
        assertTrue(r.diagnosis().contains("Vote(1, 2)") && r.diagnosis().contains("\"yes\""), r.diagnosis());
    }

    /**
     * A core that deletes its last copy while its retype of the capability is on its way: the
     * owner commits, but the requester, holding no copy any more, installs nothing, where the spec
     * gives it the retype. CapsTraces cuts the trace at that Delete, and the prefix conforms.
     */
    @Test
    void aDeleteOfTheLastCopyBesideItsOwnRetypeIsCut() throws IOException {
        CapCommitDriver.Rig rig = rig(41, Set.of());
        CapsTraces traces = bothRecord(rig);
        assertTrue(rig.run(0, c -> c.copy(rig.region, 1)).succeeded());
        CompletableFuture<Outcome<Long>> retype = rig.start(1, c -> c.retype(rig.region, CapType.FRAME, 0, R));
        CompletableFuture<Outcome<Long>> delete = rig.start(1, c -> c.delete(rig.region));
        assertTrue(rig.rt.run(rig.m, CompletableFuture.allOf(retype, delete), 1_000_000));
        rig.settle();
        assertTrue(delete.join().succeeded(), delete.join().toString());
        assertFalse(retype.join().succeeded(), "nothing to install the retype under: " + retype.join());
        traces.quiesce(rig.m);
        CapsTraces.Entry only = traces.traces().get(0);
        assertEquals("a Delete of the last copy of core 1, whose retype of it is on its way", only.cut());
        TraceValidator.Result r = validate(only.map, "capability-delete-beside-retype");
        assertTrue(r.conforms(), r.diagnosis());
        // validated to the end instead, the run diverges where the replicas are read: core 1 holds no retype
        TraceValidator.Result whole = validateEnded(rig, "capcommit-delete-beside-retype");
        assertFalse(whole.conforms(), String.join("\n", rig.map.lines()));
        assertTrue(whole.diagnosis().contains("Quiescent"), whole.diagnosis());
    }
}
