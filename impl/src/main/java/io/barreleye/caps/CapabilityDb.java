package io.barreleye.caps;

import io.barreleye.kernel.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * This core's replica of the capability database (CapCommit.tla's per-core state): the
 * capabilities it holds ({@link #copies}), the ones it owns ({@link #owner}) and, for those, the
 * owner's {@link #lock}; the owner each copy names ({@link #ownerAt}); and the bookkeeping of
 * copies sent and received that lets a revoke or move account for copies in flight. Spec actions
 * {@code Copy(c, d)} and {@code RecvCopy(d)} are {@link #copy} and {@link #recvCopy}.
 */
public final class CapabilityDb {
    /** What holds an owner's lock: a retype (its operation key and requester), a revoke or a move. */
    public enum LockKind { RETYPE, REVOKE, MOVE }

    public record Lock(LockKind kind, long opKey, int holder) {}

    /** A copy this core sent that the receiver may not have installed yet. */
    public record SentCopy(long capId, long[] ancestors, long base, long size, int to, long seq, int ownerNamed) {}

    private final Caps caps;
    final Map<Long, Capability> held = new LinkedHashMap<>();
    final Set<Long> owned = new HashSet<>();
    final Map<Long, Lock> locks = new HashMap<>();
    /** Capabilities whose revoke this core committed (tombstones: a late copy of one is dropped). */
    final Set<Long> revoked = new HashSet<>();
    /** Capabilities this core owned whose revoke completed (spec: rv = "done"). */
    final Set<Long> revokeDone = new HashSet<>();
    final Map<Long, SentCopy> inFlight = new LinkedHashMap<>();
    final Map<Integer, Long> recvSeq = new HashMap<>();
    private long nextSeq = 1;

    CapabilityDb(Caps caps) {
        this.caps = caps;
    }

    // ---------------------------------------------------------------- spec variables

    /** Spec {@code copies[c]}: copies held here, per capability. */
    public Map<Long, Integer> copies() {
        Map<Long, Integer> out = new LinkedHashMap<>();
        for (Capability c : held.values()) out.put(c.id(), c.count);
        return out;
    }

    /** Spec {@code owner}: the capabilities this core owns (and so sequences). */
    public Set<Long> owner() {
        return Collections.unmodifiableSet(owned);
    }

    /** Spec {@code ownerAt[c]}: the owner this core's copies of {@code capId} name, or -1 when it holds none. */
    public int ownerAt(long capId) {
        Capability c = held.get(capId);
        return c == null ? -1 : c.ownerAt;
    }

    /** Spec {@code lock}: the owner's locks, per capability. */
    public Map<Long, Lock> lock() {
        return Collections.unmodifiableMap(locks);
    }

    /** Spec {@code retypes}: the live retypes (descendants) held here. */
    public List<Capability> retypes() {
        List<Capability> out = new ArrayList<>();
        for (Capability c : held.values()) if (c.ancestorsRef().length > 0) out.add(c);
        return out;
    }

    public Collection<Capability> held() {
        return Collections.unmodifiableCollection(held.values());
    }

    public Capability get(long capId) {
        return held.get(capId);
    }

    public Set<Long> revokeDone() {
        return Collections.unmodifiableSet(revokeDone);
    }

    /** Copies sent from here not yet acknowledged (the invariants decide which are still in flight). */
    public Collection<SentCopy> sentCopies() {
        return Collections.unmodifiableCollection(inFlight.values());
    }

    /** The sequence number of the last copy received from {@code core}. */
    public long receivedFrom(int core) {
        return recvSeq.getOrDefault(core, 0L);
    }

    // ---------------------------------------------------------------- local state

    void insert(Capability c) {
        Capability old = held.get(c.id());
        if (old != null) old.count += c.count;
        else held.put(c.id(), c);
    }

    /** True when {@code capId} (or, for a held capability, one of its ancestors) is marked for a revoke or busy with a move here. */
    boolean busy(long capId) {
        if (caps.revoke.marked(capId) || caps.move.busy(capId)) return true;
        Capability c = held.get(capId);
        if (c != null) for (long a : c.ancestorsRef()) if (caps.revoke.marked(a)) return true;
        return false;
    }

    boolean gone(long capId, long[] ancestors) {
        if (revoked.contains(capId) || caps.revoke.marked(capId)) return true;
        for (long a : ancestors) if (revoked.contains(a) || caps.revoke.marked(a)) return true;
        return false;
    }

    /** Deletes every copy of {@code capId} and of its descendants held here (a revoke's commit). */
    void deleteAll(long capId) {
        revoked.add(capId);
        Iterator<Capability> it = held.values().iterator();
        while (it.hasNext()) {
            Capability c = it.next();
            if (c.id() == capId || c.descendsFrom(capId)) {
                it.remove();
                owned.remove(c.id());
            }
        }
    }

    // ---------------------------------------------------------------- Copy(c, d) and RecvCopy(d)

    /** Spec {@code Copy(c, d)}: sends a copy to {@code to}; a busy copy answers retry. */
    CompletableFuture<Outcome<Long>> copy(long capId, int to) {
        Capability c = held.get(capId);
        if (c == null) return Caps.failed(Outcome.Reason.CONFLICT, "copy: core " + caps.core() + " holds no " + Long.toHexString(capId));
        if (busy(capId)) return Caps.failed(Outcome.Reason.RETRY, "copy: capability is marked or moving; retry");
        if (to == caps.core()) {
            c.count++;
            caps.record("Copy", caps.core(), to, capId);
            caps.record("RecvCopy", to, capId);
            return CompletableFuture.completedFuture(Outcome.success(capId));
        }
        if (!caps.reachable(to)) return Caps.failed(Outcome.Reason.NO_SUCH_CORE, "copy: no channel to core " + to);
        long seq = nextSeq++;
        long[] p = new long[2 + Caps.encodedLength(c)];
        p[0] = seq;
        p[1] = 0;
        Caps.encode(c, c.ownerAt, p, 2);
        inFlight.put(seq, new SentCopy(capId, c.ancestorsRef(), c.base(), c.size(), to, seq, c.ownerAt));
        caps.record("Copy", caps.core(), to, capId);
        CompletableFuture<Outcome<Long>> f = caps.expect(opOfCopy(seq), to, "copy");
        caps.send(to, Caps.COPY, p);
        return f;
    }

    private long opOfCopy(long seq) {
        return -seq; // copy requests are keyed by their negated sequence number (other keys are positive)
    }

    /** Spec {@code RecvCopy(d)}: a copy arrives; one of a capability being (or already) revoked here is deleted on arrival. */
    void recvCopy(int from, long[] p) {
        long seq = p[0];
        recvSeq.merge(from, seq, Math::max);
        Capability c = Caps.decode(p, 2, 1);
        boolean drop = !caps.fault(CapsFault.REVOKE_IGNORES_INFLIGHT) && gone(c.id(), c.ancestorsRef());
        if (!drop) insert(c);
        caps.record("RecvCopy", caps.core(), from, drop ? 0 : 1, c.id());
        caps.send(from, Caps.COPY_ACK, seq, drop ? Caps.ST_ABORTED : Caps.ST_OK, c.id());
    }

    void onCopyAck(int from, long[] p) {
        inFlight.remove(p[0]);
        caps.answer(opOfCopy(p[0]), p[1], p[2]);
    }

    /** Deletes one copy held here (local: the owner sequences nothing for a non-last copy). */
    Outcome<Long> delete(long capId) {
        Capability c = held.get(capId);
        if (c == null) return Outcome.failure(Outcome.Reason.CONFLICT, "delete: core " + caps.core() + " holds no " + Long.toHexString(capId));
        if (busy(capId) || locks.containsKey(capId)) return Outcome.failure(Outcome.Reason.RETRY, "delete: capability is busy; retry");
        if (owned.contains(capId) && c.count == 1) {
            return Outcome.failure(Outcome.Reason.CONFLICT, "delete: the owner's last copy; move it or revoke it");
        }
        if (--c.count == 0) held.remove(capId);
        caps.record("Delete", capId);
        return Outcome.success(capId);
    }

    void peerFailed(int peer) {
        // copies sent to a lost core are lost with it
        inFlight.values().removeIf(s -> s.to() == peer);
    }
}
