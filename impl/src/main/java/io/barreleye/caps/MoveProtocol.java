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
 * Move (ownership transfer) sequenced by the owner (CapCommit.tla: StartMove, UpdateOwner,
 * MoveDone): the owner locks and broadcasts an owner update to every member; a core marks the
 * capability busy (copies answer retry), flushes its channels with markers, waits for every
 * member's marker (so no copy naming the old owner is still in flight to it), makes its copies
 * name the new owner (the new owner installs a copy if it has none) and acks; when every member
 * acked, the owner hands over and tells everyone the move is over. If the new owner is lost on
 * the way, the move is aborted and everyone names the old owner again.
 */
public final class MoveProtocol {
    /** Spec {@code mv = "update"} for one move at its owner, with {@code mvTo} and {@code mvWait}. */
    public static final class MoveOp {
        final long capId;
        final long opKey;
        final int requester;
        final long reqOpId;
        final int to;
        final Set<Integer> set;
        final Set<Integer> mvWait;

        MoveOp(long capId, long opKey, int requester, long reqOpId, int to, List<Integer> members) {
            this.capId = capId;
            this.opKey = opKey;
            this.requester = requester;
            this.reqOpId = reqOpId;
            this.to = to;
            this.set = new HashSet<>(members);
            this.mvWait = new HashSet<>(members);
        }

        public long opKey() { return opKey; }
        public int to() { return to; }
    }

    /** A move this core takes part in: busy from the owner update until the move is over. */
    public static final class MoveAt {
        final long capId;
        final long opKey;
        final int owner;
        final int to;
        final long mask;
        final long[] cap;
        boolean acked;

        MoveAt(long capId, long opKey, int owner, int to, long mask, long[] cap) {
            this.capId = capId;
            this.opKey = opKey;
            this.owner = owner;
            this.to = to;
            this.mask = mask;
            this.cap = cap;
        }

        public boolean acked() { return acked; }
    }

    private final Caps caps;
    private final Map<Long, MoveOp> mv = new LinkedHashMap<>();
    private final Map<Long, MoveAt> busyAt = new LinkedHashMap<>();

    MoveProtocol(Caps caps) {
        this.caps = caps;
    }

    /** Spec {@code mv}: the moves this core sequences as owner ("update"), by capability (absent = "idle"). */
    public Map<Long, MoveOp> mv() {
        return Collections.unmodifiableMap(mv);
    }

    /** Spec {@code mvTo} of the move of {@code capId} this core sequences, or -1. */
    public int mvTo(long capId) {
        MoveOp op = mv.get(capId);
        return op == null ? -1 : op.to;
    }

    /** Spec {@code mvWait}: the cores whose ack the move of {@code capId} still awaits. */
    public Set<Integer> mvWait(long capId) {
        MoveOp op = mv.get(capId);
        return op == null ? Set.of() : Collections.unmodifiableSet(op.mvWait);
    }

    /** The moves this core takes part in and has not yet heard the end of. */
    public Map<Long, MoveAt> busyAt() {
        return Collections.unmodifiableMap(busyAt);
    }

    boolean busy(long capId) {
        return busyAt.containsKey(capId);
    }

    boolean waiting() {
        return !mv.isEmpty() || !busyAt.isEmpty();
    }

    void awaited(Set<Integer> out) {
        for (MoveOp op : mv.values()) {
            out.addAll(op.mvWait);
            out.add(op.to);
        }
        for (MoveAt at : busyAt.values()) {
            out.add(at.owner);
            if (!at.acked) {
                Set<Integer> got = caps.markers.getOrDefault(at.opKey, Set.of());
                for (int c : Caps.cores(at.mask)) if (!got.contains(c)) out.add(c);
            }
        }
    }

    CompletableFuture<Outcome<Long>> request(long capId, int to) {
        if (!caps.isMember()) return Caps.failed(Outcome.Reason.NOT_MEMBER, "move: core " + caps.core() + " is not in the view");
        Capability c = caps.db.get(capId);
        if (c == null) return Caps.failed(Outcome.Reason.CONFLICT, "move: core " + caps.core() + " holds no " + Long.toHexString(capId));
        if (caps.db.busy(capId)) return Caps.failed(Outcome.Reason.RETRY, "move: capability is marked or moving; retry");
        if (!caps.reachable(to)) return Caps.failed(Outcome.Reason.NO_SUCH_CORE, "move: no channel to core " + to);
        int owner = c.ownerAt;
        if (owner == to) return CompletableFuture.completedFuture(Outcome.success((long) to));
        if (!caps.reachable(owner)) return Caps.failed(Outcome.Reason.CORE_FAILED, "move: owner core " + owner + " is gone");
        long opId = caps.newOpKey();
        CompletableFuture<Outcome<Long>> f = caps.expect(opId, owner, "move");
        caps.send(owner, Caps.MOVE_REQ, opId, capId, to);
        return f;
    }

    void onRequest(int from, long[] p) {
        long opId = p[0], capId = p[1];
        int to = (int) p[2];
        CapabilityDb db = caps.db;
        List<Integer> members = caps.members();
        long status = Caps.ST_OK;
        if (!caps.isMember()) status = Caps.ST_NOT_MEMBER;
        else if (!db.owned.contains(capId) || db.get(capId) == null) status = db.revoked.contains(capId) ? Caps.ST_ABORTED : Caps.ST_RETRY;
        else if (db.locks.containsKey(capId) || db.busy(capId)) status = Caps.ST_RETRY;
        else if (!members.contains(to)) status = Caps.ST_NOT_MEMBER;
        if (status != Caps.ST_OK || to == caps.core()) {
            caps.send(from, Caps.OP_ANSWER, opId, status, to);
            return;
        }
        startMove(from, opId, db.get(capId), to, members);
    }

    /** Spec {@code StartMove(d)}: lock and broadcast the owner update. */
    void startMove(int requester, long opId, Capability c, int to, List<Integer> members) {
        MoveOp op = new MoveOp(c.id(), caps.newOpKey(), requester, opId, to, members);
        caps.db.locks.put(c.id(), new CapabilityDb.Lock(CapabilityDb.LockKind.MOVE, op.opKey, caps.core()));
        mv.put(c.id(), op);
        caps.record("StartMove", to, c.id());
        long mask = Caps.mask(members);
        long[] p = new long[4 + Caps.encodedLength(c)];
        p[0] = c.id();
        p[1] = op.opKey;
        p[2] = to;
        p[3] = mask;
        Caps.encode(c, to, p, 4);
        for (int m : members) caps.send(m, Caps.OWNER_UPDATE, p);
    }

    void onUpdate(int from, long[] p) {
        long capId = p[0], opKey = p[1], mask = p[3];
        int to = (int) p[2];
        MoveAt at = new MoveAt(capId, opKey, from, to, mask, java.util.Arrays.copyOfRange(p, 4, p.length));
        busyAt.put(capId, at);
        caps.record("RecvUpdate", caps.core(), capId); // spec RecvUpdate: busy from now on, and the markers go out
        caps.sendMarkers(opKey, mask);
        tryUpdate(at);
    }

    private void tryUpdate(MoveAt at) {
        if (at.acked || !caps.flushed(at.opKey, at.mask)) return;
        updateOwner(at);
    }

    /** Spec {@code UpdateOwner(c)}: no copy is in flight to this core; its copies name the new owner; ack. */
    void updateOwner(MoveAt at) {
        at.acked = true;
        Capability c = caps.db.get(at.capId);
        if (c != null) {
            c.ownerAt = at.to;
        } else if (at.to == caps.core()) {
            Capability n = Caps.decode(at.cap, 0, 1);
            if (!caps.db.gone(n.id(), n.ancestorsRef())) caps.db.insert(n);
        }
        caps.markers.remove(at.opKey);
        caps.record("UpdateOwner", caps.core(), at.capId);
        if (caps.reachable(at.owner)) caps.send(at.owner, Caps.OWNER_ACK, at.capId, at.opKey);
    }

    void markersChanged() {
        for (MoveAt at : List.copyOf(busyAt.values())) tryUpdate(at);
    }

    void onAck(int from, long[] p) {
        MoveOp op = mv.get(p[0]);
        if (op == null || op.opKey != p[1]) return;
        op.mvWait.remove(from);
        if (op.mvWait.isEmpty()) moveDone(op);
    }

    /** Spec {@code MoveDone}: every member acked; ownership passes to the new owner and the lock is released. */
    void moveDone(MoveOp op) {
        finish(op, op.to);
        caps.record("MoveDone", op.to, op.capId);
        if (caps.reachable(op.requester)) caps.send(op.requester, Caps.OP_ANSWER, op.reqOpId, Caps.ST_OK, op.to);
    }

    private void finish(MoveOp op, int finalOwner) {
        mv.remove(op.capId);
        CapabilityDb.Lock l = caps.db.locks.get(op.capId);
        if (l != null && l.opKey() == op.opKey) caps.db.locks.remove(op.capId);
        if (finalOwner != caps.core()) caps.db.owned.remove(op.capId);
        for (int m : op.set) if (caps.reachable(m)) caps.send(m, Caps.MOVE_DONE, op.capId, op.opKey, finalOwner);
    }

    void onMoveDone(int from, long[] p) {
        long capId = p[0], opKey = p[1];
        int finalOwner = (int) p[2];
        MoveAt at = busyAt.get(capId);
        if (at != null && at.opKey == opKey) busyAt.remove(capId);
        caps.markers.remove(opKey);
        Capability c = caps.db.get(capId);
        if (c != null) c.ownerAt = finalOwner;
        if (finalOwner == caps.core() && c != null && !caps.fault(CapsFault.LOSE_OWNER_ON_MOVE)) caps.db.owned.add(capId);
    }

    /** This core left the view: moves it sequences are aborted (it stays the owner); it stops taking part in others'. */
    void leaving() {
        for (MoveOp op : List.copyOf(mv.values())) {
            finish(op, caps.core());
            caps.record("MoveAbort", op.to, op.capId);
            if (caps.reachable(op.requester)) caps.send(op.requester, Caps.OP_ANSWER, op.reqOpId, Caps.ST_ABORTED, op.to);
        }
    }

    void peerFailed(int peer) {
        for (MoveOp op : List.copyOf(mv.values())) {
            op.set.remove(peer);
            if (op.to == peer) {
                finish(op, caps.core()); // the new owner is gone: abort, everyone names this core again
                caps.record("MoveAbort", peer, op.capId);
                if (caps.reachable(op.requester)) {
                    caps.send(op.requester, Caps.OP_ANSWER, op.reqOpId, Caps.ST_CORE_FAILED, peer);
                }
            } else if (op.mvWait.remove(peer) && op.mvWait.isEmpty()) {
                moveDone(op);
            }
        }
        for (MoveAt at : List.copyOf(busyAt.values())) {
            if (at.owner == peer) busyAt.remove(at.capId); // the move died with its owner
            else tryUpdate(at);
        }
    }
}
