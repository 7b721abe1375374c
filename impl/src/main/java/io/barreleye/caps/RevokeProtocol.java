package io.barreleye.caps;

import io.barreleye.kernel.Outcome;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Revoke as mark-then-commit sequenced by the owner (CapCommit.tla: StartRevoke, Mark,
 * CommitRevoke, RevokeAt, RevokeDone): the owner locks and asks every member to mark; a marked
 * core refuses to copy the capability (or its descendants), sends a marker down each of its
 * channels and replies ready; once every member is ready the owner commits to the same set;
 * a core deletes its copies and descendants only once every member's marker has arrived (so every
 * copy sent to it before the marks has arrived, and a copy arriving while marked is deleted), and
 * replies done; when every member is done the owner unlocks.
 */
public final class RevokeProtocol {
    /** Spec {@code rv} for one revoke at its owner: "mark" or "commit" (absent = "idle"; completed ones in {@link CapabilityDb#revokeDone}). */
    public static final class RevokeOp {
        final long capId;
        final long opKey;
        final int requester;
        final long reqOpId;
        String phase = "mark";
        final Set<Integer> set;
        final Set<Integer> waitReady;
        final Set<Integer> waitDone = new HashSet<>();

        RevokeOp(long capId, long opKey, int requester, long reqOpId, List<Integer> members) {
            this.capId = capId;
            this.opKey = opKey;
            this.requester = requester;
            this.reqOpId = reqOpId;
            this.set = new HashSet<>(members);
            this.waitReady = new HashSet<>(members);
        }

        public String phase() { return phase; }
        public long opKey() { return opKey; }
    }

    /** Spec {@code rvAt[c]} for one revoke at a participant: "marked", then "commit" while it waits for copies in flight. */
    public static final class RevokeAt {
        final long capId;
        final long opKey;
        final int owner;
        long mask;
        String phase = "marked";

        RevokeAt(long capId, long opKey, int owner, long mask) {
            this.capId = capId;
            this.opKey = opKey;
            this.owner = owner;
            this.mask = mask;
        }

        public String phase() { return phase; }
        public int owner() { return owner; }
    }

    private final Caps caps;
    private final Map<Long, RevokeOp> rv = new LinkedHashMap<>();
    private final Map<Long, RevokeAt> rvAt = new LinkedHashMap<>();

    RevokeProtocol(Caps caps) {
        this.caps = caps;
    }

    /** Spec {@code rv}: the revokes this core sequences as owner, by capability. */
    public Map<Long, RevokeOp> rv() {
        return Collections.unmodifiableMap(rv);
    }

    /** Spec {@code rvAt}: the revokes this core takes part in, by capability. */
    public Map<Long, RevokeAt> rvAt() {
        return Collections.unmodifiableMap(rvAt);
    }

    boolean marked(long capId) {
        return rvAt.containsKey(capId);
    }

    boolean waiting() {
        return !rv.isEmpty() || !rvAt.isEmpty();
    }

    void awaited(Set<Integer> out) {
        for (RevokeOp op : rv.values()) {
            out.addAll(op.waitReady);
            out.addAll(op.waitDone);
        }
        for (RevokeAt at : rvAt.values()) {
            out.add(at.owner);
            Set<Integer> got = caps.markers.getOrDefault(at.opKey, Set.of());
            for (int c : Caps.cores(at.mask)) if (!got.contains(c)) out.add(c);
        }
    }

    CompletableFuture<Outcome<Long>> request(long capId) {
        if (!caps.isMember()) return Caps.failed(Outcome.Reason.NOT_MEMBER, "revoke: core " + caps.core() + " is not in the view");
        Capability c = caps.db.get(capId);
        if (c == null) return Caps.failed(Outcome.Reason.CONFLICT, "revoke: core " + caps.core() + " holds no " + Long.toHexString(capId));
        if (caps.db.busy(capId)) return Caps.failed(Outcome.Reason.RETRY, "revoke: capability is marked or moving; retry");
        int owner = c.ownerAt;
        if (!caps.reachable(owner)) return Caps.failed(Outcome.Reason.CORE_FAILED, "revoke: owner core " + owner + " is gone");
        long opId = caps.newOpKey();
        CompletableFuture<Outcome<Long>> f = caps.expect(opId, owner, "revoke");
        caps.send(owner, Caps.REVOKE_REQ, opId, capId);
        return f;
    }

    void onRequest(int from, long[] p) {
        long opId = p[0], capId = p[1];
        CapabilityDb db = caps.db;
        long status = Caps.ST_OK;
        if (!caps.isMember()) status = Caps.ST_NOT_MEMBER;
        else if (!db.owned.contains(capId) || db.get(capId) == null) status = db.revoked.contains(capId) ? Caps.ST_ABORTED : Caps.ST_RETRY;
        else if (db.locks.containsKey(capId) || db.busy(capId)) status = Caps.ST_RETRY;
        if (status != Caps.ST_OK) {
            caps.send(from, Caps.OP_ANSWER, opId, status, 0);
            return;
        }
        startRevoke(from, opId, capId);
    }

    /** Spec {@code StartRevoke}: lock, and ask every member to mark. */
    void startRevoke(int requester, long opId, long capId) {
        List<Integer> members = caps.members();
        RevokeOp op = new RevokeOp(capId, caps.newOpKey(), requester, opId, members);
        caps.db.locks.put(capId, new CapabilityDb.Lock(CapabilityDb.LockKind.REVOKE, op.opKey, caps.core()));
        rv.put(capId, op);
        caps.record("StartRevoke", capId);
        long mask = Caps.mask(members);
        for (int m : members) caps.send(m, Caps.MARK, capId, op.opKey, mask);
    }

    /** Spec {@code Mark(c)}: stop copying it, flush this core's channels with markers, reply ready. */
    void mark(int from, long[] p) {
        long capId = p[0], opKey = p[1], mask = p[2];
        if (from == caps.core()) {
            RevokeOp own = rv.get(capId);
            if (own == null || own.opKey != opKey) return; // aborted (this core left the view) before its own mark came
        }
        rvAt.put(capId, new RevokeAt(capId, opKey, from, mask));
        caps.record("Mark", caps.core(), capId);
        caps.sendMarkers(opKey, mask);
        caps.send(from, Caps.READY, capId, opKey);
    }

    void onReady(int from, long[] p) {
        RevokeOp op = rv.get(p[0]);
        if (op == null || op.opKey != p[1] || !op.phase.equals("mark")) return;
        op.waitReady.remove(from);
        progress(op);
    }

    private void progress(RevokeOp op) {
        if (op.phase.equals("mark") && op.waitReady.isEmpty()) commitRevoke(op);
        else if (op.phase.equals("commit") && op.waitDone.isEmpty()) revokeDone(op);
    }

    /** Spec {@code CommitRevoke}: every member is ready; commit to the same set. */
    void commitRevoke(RevokeOp op) {
        op.phase = "commit";
        op.waitDone.addAll(op.set);
        caps.record("CommitRevoke", op.capId);
        long mask = Caps.mask(op.set);
        for (int m : op.set) caps.send(m, Caps.COMMIT, op.capId, op.opKey, mask);
    }

    void onCommit(int from, long[] p) {
        long capId = p[0], opKey = p[1], mask = p[2];
        RevokeAt at = rvAt.get(capId);
        if (at == null || at.opKey != opKey) {
            at = new RevokeAt(capId, opKey, from, mask);
            rvAt.put(capId, at);
        }
        at.mask = mask;
        at.phase = "commit";
        tryRevokeAt(at);
    }

    private void tryRevokeAt(RevokeAt at) {
        if (!at.phase.equals("commit")) return;
        if (!caps.fault(CapsFault.REVOKE_IGNORES_INFLIGHT) && !caps.flushed(at.opKey, at.mask)) return;
        revokeAt(at);
    }

    /** Spec {@code RevokeAt(c)}: no copy is in flight to this core any more; delete copies and descendants, reply done. */
    void revokeAt(RevokeAt at) {
        caps.db.deleteAll(at.capId);
        rvAt.remove(at.capId);
        caps.markers.remove(at.opKey);
        caps.record("RevokeAt", caps.core(), at.capId);
        if (caps.reachable(at.owner)) caps.send(at.owner, Caps.DONE, at.capId, at.opKey);
    }

    void markersChanged() {
        for (RevokeAt at : List.copyOf(rvAt.values())) tryRevokeAt(at);
    }

    void onDone(int from, long[] p) {
        RevokeOp op = rv.get(p[0]);
        if (op == null || op.opKey != p[1] || !op.phase.equals("commit")) return;
        op.waitDone.remove(from);
        progress(op);
    }

    /** Spec {@code RevokeDone}: every member deleted; unlock and answer. */
    void revokeDone(RevokeOp op) {
        rv.remove(op.capId);
        CapabilityDb.Lock l = caps.db.locks.get(op.capId);
        if (l != null && l.opKey() == op.opKey) caps.db.locks.remove(op.capId);
        caps.db.revokeDone.add(op.capId);
        caps.record("RevokeDone", op.capId);
        if (caps.reachable(op.requester)) caps.send(op.requester, Caps.OP_ANSWER, op.reqOpId, Caps.ST_OK, op.capId);
    }

    /**
     * This core left the view: a revoke it sequences that is not committed yet is aborted (its
     * participants unmark when they forget this core); a committed one is finished by the cores
     * left (as after a crash) and here once every other core is forgotten.
     */
    void leaving() {
        for (RevokeOp op : List.copyOf(rv.values())) {
            if (!op.phase.equals("mark")) continue;
            rv.remove(op.capId);
            CapabilityDb.Lock l = caps.db.locks.get(op.capId);
            if (l != null && l.opKey() == op.opKey) caps.db.locks.remove(op.capId);
            RevokeAt at = rvAt.get(op.capId);
            if (at != null && at.opKey == op.opKey) {
                rvAt.remove(op.capId);
                caps.markers.remove(op.opKey);
            }
            caps.record("RevokeAbort", op.capId);
            if (caps.reachable(op.requester)) caps.send(op.requester, Caps.OP_ANSWER, op.reqOpId, Caps.ST_ABORTED, op.capId);
        }
    }

    void peerFailed(int peer) {
        for (RevokeOp op : List.copyOf(rv.values())) {
            op.set.remove(peer);
            op.waitReady.remove(peer);
            op.waitDone.remove(peer);
            progress(op);
        }
        for (RevokeAt at : List.copyOf(rvAt.values())) {
            if (at.owner == peer && at.phase.equals("marked")) {
                rvAt.remove(at.capId); // the revoke died with its owner before its commit: unmark
                caps.markers.remove(at.opKey);
            } else {
                tryRevokeAt(at); // committed: finish (a lost core's markers are no longer awaited)
            }
        }
    }
}
