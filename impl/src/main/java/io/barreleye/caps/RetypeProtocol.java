package io.barreleye.caps;

import io.barreleye.kernel.Outcome;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Retype as a two-phase commit sequenced by the owner (CapCommit.tla: StartRetype, Vote,
 * CommitRetype, AbortRetype, Unlock). The requester asks the owner; the owner locks the
 * capability, asks every member of its view whether the region has descendants or a conflicting
 * operation, commits only if all agree (else aborts), and unlocks once the requester installed
 * the new capability (at once on abort). Votes count only from the cores asked; a lost voter is
 * dropped from the set, a lost requester aborts (or, after the commit, unlocks) the operation.
 */
public final class RetypeProtocol {
    /** Spec {@code rt[r]} for one retype at its owner: "check" (collecting votes) or "unlock" (decided). */
    public static final class RetypeOp {
        final long opKey;
        final int requester;
        final long reqOpId;
        final long capId;
        final long base;
        final long size;
        final CapType type;
        final long[] ancestors;
        String phase = "check";
        boolean committed;
        long newId;
        final Set<Integer> waiting;
        final Map<Integer, String> votes = new LinkedHashMap<>();

        RetypeOp(long opKey, int requester, long reqOpId, long capId, long base, long size, CapType type, long[] ancestors,
                 List<Integer> members) {
            this.opKey = opKey;
            this.requester = requester;
            this.reqOpId = reqOpId;
            this.capId = capId;
            this.base = base;
            this.size = size;
            this.type = type;
            this.ancestors = ancestors;
            this.waiting = new HashSet<>(members);
            for (int c : members) votes.put(c, "none");
        }

        public String phase() { return phase; }
        public int requester() { return requester; }
        public long capId() { return capId; }
        public boolean committed() { return committed; }
        public long newId() { return newId; }
        public long base() { return base; }
        public long size() { return size; }
        /** The committed capability's ancestors (its parent last). */
        public long[] ancestors() { return ancestors.clone(); }
    }

    /** What a requester asked for, until the answer comes. */
    private record Request(long capId, CapType type, long offset, long size) {}

    private final Caps caps;
    private final Map<Long, RetypeOp> rt = new LinkedHashMap<>();
    private final Map<Long, Request> requests = new HashMap<>();

    RetypeProtocol(Caps caps) {
        this.caps = caps;
    }

    /** Spec {@code rt}: the retypes this core sequences as owner, by operation key (absent = "idle"). */
    public Map<Long, RetypeOp> rt() {
        return Collections.unmodifiableMap(rt);
    }

    /** Spec {@code votes}: each retype's answers so far ("none", "yes", "no") per core asked. */
    public Map<Long, Map<Integer, String>> votes() {
        Map<Long, Map<Integer, String>> out = new LinkedHashMap<>();
        for (RetypeOp op : rt.values()) out.put(op.opKey, Collections.unmodifiableMap(op.votes));
        return out;
    }

    /**
     * Whether this core asked the owner to retype {@code capId} and the answer has not come yet
     * (a commit answered to a requester that no longer holds the capability installs nothing).
     */
    public boolean requesting(long capId) {
        for (Request r : requests.values()) if (r.capId() == capId) return true;
        return false;
    }

    boolean waiting() {
        return !rt.isEmpty();
    }

    void awaited(Set<Integer> out) {
        for (RetypeOp op : rt.values()) {
            out.addAll(op.waiting);
            out.add(op.requester);
        }
    }

    // ---------------------------------------------------------------- requester

    CompletableFuture<Outcome<Long>> request(long capId, CapType type, long offset, long size) {
        if (!caps.isMember()) return Caps.failed(Outcome.Reason.NOT_MEMBER, "retype: core " + caps.core() + " is not in the view");
        Capability c = caps.db.get(capId);
        if (c == null) return Caps.failed(Outcome.Reason.CONFLICT, "retype: core " + caps.core() + " holds no " + Long.toHexString(capId));
        if (offset < 0 || size <= 0 || offset + size > c.size()) return Caps.failed(Outcome.Reason.CONFLICT, "retype: range outside the capability");
        if (c.ancestorsRef().length + 1 >= Caps.MAX_DEPTH) return Caps.failed(Outcome.Reason.CONFLICT, "retype: too deep");
        if (caps.db.busy(capId)) return Caps.failed(Outcome.Reason.RETRY, "retype: capability is marked or moving; retry");
        int owner = c.ownerAt;
        if (!caps.reachable(owner)) return Caps.failed(Outcome.Reason.CORE_FAILED, "retype: owner core " + owner + " is gone");
        long opId = caps.newOpKey();
        requests.put(opId, new Request(capId, type, offset, size));
        CompletableFuture<Outcome<Long>> f = caps.expect(opId, owner, "retype");
        f.whenComplete((o, e) -> requests.remove(opId));
        caps.send(owner, Caps.RETYPE_REQ, opId, capId, type.ordinal(), offset, size);
        return f;
    }

    /** The owner's answer: on a commit, install the new capability here, then let the owner unlock. */
    void onAnswer(int from, long[] p) {
        long opId = p[0], status = p[1], newId = p[2], opKey = p[3];
        Request r = requests.remove(opId);
        if (status != Caps.ST_OK) {
            caps.answer(opId, status, 0);
            return;
        }
        Capability parent = r == null ? null : caps.db.get(r.capId());
        if (r == null || parent == null || caps.db.gone(r.capId(), parent.ancestorsRef())) {
            caps.send(from, Caps.UNLOCK_REQ, opKey);
            caps.answer(opId, Caps.ST_ABORTED, 0);
            return;
        }
        long[] anc = java.util.Arrays.copyOf(parent.ancestorsRef(), parent.ancestorsRef().length + 1);
        anc[anc.length - 1] = r.capId();
        caps.db.insert(new Capability(newId, r.type(), parent.base() + r.offset(), r.size(), anc, caps.core(), 1));
        caps.db.owned.add(newId);
        caps.send(from, Caps.UNLOCK_REQ, opKey);
        caps.answer(opId, Caps.ST_OK, newId);
    }

    // ---------------------------------------------------------------- owner

    void onRequest(int from, long[] p) {
        long opId = p[0], capId = p[1];
        CapType type = CapType.values()[(int) p[2]];
        long offset = p[3], size = p[4];
        CapabilityDb db = caps.db;
        if (!caps.isMember()) {
            caps.send(from, Caps.RETYPE_ANSWER, opId, Caps.ST_NOT_MEMBER, 0, 0);
            return;
        }
        Capability c = db.get(capId);
        if (!db.owned.contains(capId) || c == null) {
            caps.send(from, Caps.RETYPE_ANSWER, opId, db.revoked.contains(capId) ? Caps.ST_ABORTED : Caps.ST_RETRY, 0, 0);
            return;
        }
        boolean noLock = caps.fault(CapsFault.COMMIT_WITHOUT_LOCK);
        if ((!noLock && db.locks.containsKey(capId)) || db.busy(capId)) {
            caps.send(from, Caps.RETYPE_ANSWER, opId, Caps.ST_RETRY, 0, 0);
            return;
        }
        startRetype(from, opId, c, type, offset, size, noLock);
    }

    /** Spec {@code StartRetype(r)}: lock and ask every member. */
    void startRetype(int r, long opId, Capability c, CapType type, long offset, long size, boolean noLock) {
        long opKey = caps.newOpKey();
        long[] anc = java.util.Arrays.copyOf(c.ancestorsRef(), c.ancestorsRef().length + 1);
        anc[anc.length - 1] = c.id();
        List<Integer> members = caps.members();
        RetypeOp op = new RetypeOp(opKey, r, opId, c.id(), c.base() + offset, size, type, anc, members);
        if (!noLock) caps.db.locks.put(c.id(), new CapabilityDb.Lock(CapabilityDb.LockKind.RETYPE, opKey, r));
        rt.put(opKey, op);
        caps.record("StartRetype", r, opKey);
        for (int m : members) caps.send(m, Caps.VOTE_REQ, opKey, c.id(), op.base, op.size);
    }

    /** Spec {@code Vote(r, c)}: no if this core holds a descendant of the region overlapping it, or has a conflicting operation on it. */
    void vote(int from, long[] p) {
        long opKey = p[0], capId = p[1], base = p[2], size = p[3];
        boolean yes = !caps.db.busy(capId);
        if (yes) {
            for (Capability c : caps.db.held.values()) {
                if (c.descendsFrom(capId) && c.overlaps(base, size) && !caps.fault(CapsFault.VOTE_MISSES_OVERLAP)) {
                    yes = false;
                    break;
                }
            }
        }
        caps.record("Vote", from, caps.core(), yes ? 1 : 0, opKey); // opKey: which retype (the spec's Vote(r, c) names the requester r)
        caps.send(from, Caps.VOTE, opKey, yes ? 1 : 0);
    }

    void onVote(int from, long[] p) {
        RetypeOp op = rt.get(p[0]);
        if (op == null || !op.phase.equals("check") || !op.waiting.remove(from)) return; // late, or not asked
        op.votes.put(from, p[1] == 1 ? "yes" : "no");
        decide(op);
    }

    private void decide(RetypeOp op) {
        if (!op.phase.equals("check")) return;
        boolean no = op.votes.containsValue("no");
        if (no && !caps.fault(CapsFault.IGNORE_NO_VOTE)) {
            abortRetype(op);
        } else if (op.waiting.isEmpty()) {
            commitRetype(op);
        }
    }

    /** Spec {@code CommitRetype(r)}: every member agreed. */
    void commitRetype(RetypeOp op) {
        op.phase = "unlock";
        op.committed = true;
        op.newId = caps.newId();
        caps.record("CommitRetype", op.requester, op.opKey);
        caps.send(op.requester, Caps.RETYPE_ANSWER, op.reqOpId, Caps.ST_OK, op.newId, op.opKey);
    }

    /** Spec {@code AbortRetype(r)}: some member said no (or the requester is gone); unlock at once. */
    void abortRetype(RetypeOp op) {
        op.phase = "unlock";
        caps.record("AbortRetype", op.requester, op.opKey);
        if (caps.reachable(op.requester)) caps.send(op.requester, Caps.RETYPE_ANSWER, op.reqOpId, Caps.ST_ABORTED, 0, op.opKey);
        unlock(op);
    }

    /** Spec {@code Unlock(r)}: the retype is over. */
    void unlock(RetypeOp op) {
        rt.remove(op.opKey);
        CapabilityDb.Lock l = caps.db.locks.get(op.capId);
        boolean keep = !op.committed && caps.fault(CapsFault.KEEP_LOCK_AFTER_ABORT);
        if (l != null && l.opKey() == op.opKey && !keep) caps.db.locks.remove(op.capId);
        caps.record("Unlock", op.requester, op.opKey);
    }

    void onUnlockRequest(int from, long[] p) {
        RetypeOp op = rt.get(p[0]);
        if (op != null && op.phase.equals("unlock") && op.requester == from) unlock(op);
    }

    /** This core left the view: abort the retypes it is still collecting votes for (decided ones wait for their unlock). */
    void leaving() {
        for (RetypeOp op : List.copyOf(rt.values())) if (op.phase.equals("check")) abortRetype(op);
    }

    void peerFailed(int peer) {
        for (RetypeOp op : List.copyOf(rt.values())) {
            if (op.requester == peer) {
                if (op.phase.equals("check")) abortRetype(op);
                else unlock(op);
            } else if (op.waiting.remove(peer)) {
                op.votes.remove(peer);
                decide(op);
            }
        }
    }
}
