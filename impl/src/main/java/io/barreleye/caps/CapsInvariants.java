package io.barreleye.caps;

import io.barreleye.kernel.Invariant;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CapCommit.tla's safety invariants as code over every live core's replica of a machine at once
 * (a paused simulation, or a threaded run after its threads stopped). Copies in flight are the
 * copies a live core sent to a live core that the receiver has not yet taken off its channel.
 */
public final class CapsInvariants {
    private CapsInvariants() {}

    public static List<Invariant> all() {
        return List.of(Invariant.of("NoOverlappingRetypes", CapsInvariants::noOverlappingRetypes),
                Invariant.of("NoCopySurvivesRevoke", CapsInvariants::noCopySurvivesRevoke),
                Invariant.of("NoLockOutlivesOp", CapsInvariants::noLockOutlivesOp),
                Invariant.of("OwnerAgreed", CapsInvariants::ownerAgreed));
    }

    /** Null when every invariant holds, else the first violation as "name: detail". */
    public static String check(Machine m) {
        for (Invariant i : all()) {
            String v = i.check(m);
            if (v != null) return i.name() + ": " + v;
        }
        return null;
    }

    private static List<Caps> live(Machine m) {
        List<Caps> out = new ArrayList<>();
        for (Kernel k : m.live()) {
            Caps c = k.get(Caps.class);
            if (c != null) out.add(c);
        }
        return out;
    }

    /** Copies sent between live cores and not yet received, with their sender. */
    private static List<CapabilityDb.SentCopy> inFlight(Machine m, List<Caps> live) {
        List<CapabilityDb.SentCopy> out = new ArrayList<>();
        for (Caps c : live) {
            for (CapabilityDb.SentCopy s : c.db.sentCopies()) {
                if (!m.isAlive(s.to())) continue;
                Caps to = m.kernel(s.to()).get(Caps.class);
                if (to != null && s.seq() > to.db.receivedFrom(c.core())) out.add(s);
            }
        }
        return out;
    }

    private record Region(long id, long base, long size, long[] ancestors, String where) {
        boolean descendsFrom(long a) {
            for (long x : ancestors) if (x == a) return true;
            return false;
        }
    }

    /** No two live capabilities (held, in flight, or committed and not yet installed) overlap unless one descends from the other. */
    static String noOverlappingRetypes(Machine m) {
        List<Caps> live = live(m);
        Map<Long, Region> all = new LinkedHashMap<>();
        for (Caps c : live) {
            for (Capability cap : c.db.held()) {
                all.putIfAbsent(cap.id(), new Region(cap.id(), cap.base(), cap.size(), cap.ancestorsRef(), "held at " + c.core()));
            }
            for (RetypeProtocol.RetypeOp op : c.retype.rt().values()) {
                if (op.committed) all.putIfAbsent(op.newId, new Region(op.newId, op.base, op.size, op.ancestors,
                        "committed by owner " + c.core() + " for " + op.requester));
            }
        }
        for (CapabilityDb.SentCopy s : inFlight(m, live)) {
            all.putIfAbsent(s.capId(), new Region(s.capId(), s.base(), s.size(), s.ancestors(), "in flight to " + s.to()));
        }
        List<Region> rs = new ArrayList<>(all.values());
        for (int i = 0; i < rs.size(); i++) {
            for (int j = i + 1; j < rs.size(); j++) {
                Region a = rs.get(i), b = rs.get(j);
                boolean overlap = a.base < b.base + b.size && b.base < a.base + a.size;
                if (overlap && !a.descendsFrom(b.id) && !b.descendsFrom(a.id)) {
                    return "capabilities " + Long.toHexString(a.id) + " (" + a.where + ") and " + Long.toHexString(b.id) + " ("
                            + b.where + ") overlap: [" + Long.toHexString(a.base) + "+" + Long.toHexString(a.size) + ") and ["
                            + Long.toHexString(b.base) + "+" + Long.toHexString(b.size) + ")";
                }
            }
        }
        return null;
    }

    /** After a revoke completed, no copy of the capability or of a descendant is held or in flight. */
    static String noCopySurvivesRevoke(Machine m) {
        List<Caps> live = live(m);
        Set<Long> done = new HashSet<>();
        for (Caps c : live) done.addAll(c.db.revokeDone());
        if (done.isEmpty()) return null;
        for (Caps c : live) {
            for (Capability cap : c.db.held()) {
                String w = revokedIn(cap.id(), cap.ancestorsRef(), done);
                if (w != null) return "core " + c.core() + " holds " + cap + " after the revoke of " + w + " completed";
            }
        }
        for (CapabilityDb.SentCopy s : inFlight(m, live)) {
            String w = revokedIn(s.capId(), s.ancestors(), done);
            if (w != null) return "a copy of " + Long.toHexString(s.capId()) + " is in flight to core " + s.to()
                    + " after the revoke of " + w + " completed";
        }
        return null;
    }

    private static String revokedIn(long id, long[] ancestors, Set<Long> done) {
        if (done.contains(id)) return Long.toHexString(id);
        for (long a : ancestors) if (done.contains(a)) return Long.toHexString(a);
        return null;
    }

    /** At the end of a run, CapCommit.tla's quiescent state on every live core: no lock held, no retype, revoke or move in progress. */
    public static String quiescent(Machine m) {
        for (Caps c : live(m)) {
            if (!c.db.lock().isEmpty()) return "core " + c.core() + " still holds locks " + c.db.lock();
            if (!c.retype.rt().isEmpty()) return "core " + c.core() + " still has retypes in progress " + c.retype.rt().keySet();
            if (!c.revoke.rv().isEmpty()) return "core " + c.core() + " still has revokes in progress " + c.revoke.rv().keySet();
            if (!c.move.mv().isEmpty() || !c.move.busyAt().isEmpty()) return "core " + c.core() + " still takes part in moves";
        }
        return null;
    }

    /** Every owner's lock belongs to an operation in progress on it. */
    static String noLockOutlivesOp(Machine m) {
        for (Caps c : live(m)) {
            for (Map.Entry<Long, CapabilityDb.Lock> e : c.db.lock().entrySet()) {
                long capId = e.getKey();
                CapabilityDb.Lock l = e.getValue();
                boolean ok = switch (l.kind()) {
                    case RETYPE -> {
                        RetypeProtocol.RetypeOp op = c.retype.rt().get(l.opKey());
                        yield op != null && op.capId == capId;
                    }
                    case REVOKE -> {
                        RevokeProtocol.RevokeOp op = c.revoke.rv().get(capId);
                        yield op != null && op.opKey == l.opKey();
                    }
                    case MOVE -> {
                        MoveProtocol.MoveOp op = c.move.mv().get(capId);
                        yield op != null && op.opKey == l.opKey();
                    }
                };
                if (!ok) return "core " + c.core() + " holds the lock of " + Long.toHexString(capId) + " for " + l + ", which is over";
            }
        }
        return null;
    }

    /**
     * With no move of it in progress, exactly one live core owns a capability and every copy, held
     * or in flight, names it. A capability held by a live core, or on its way to one, whose copies
     * name a live owner that does not own it is owned by nobody: a lost owner. (Copies naming a crashed owner have none to
     * agree with, and after a crash a move may have lost its old owner with nobody to hand over:
     * the protocols elect no new owner, so the check waits for crash-free runs. While a revoke is in progress, copies of
     * the descendants it deletes outlive their owner's until their core's RevokeAt.)
     */
    static String ownerAgreed(Machine m) {
        List<Caps> live = live(m);
        Map<Long, List<Integer>> claimants = new HashMap<>();
        Set<Long> moving = new HashSet<>();
        for (Caps c : live) {
            for (long id : c.db.owner()) claimants.computeIfAbsent(id, x -> new ArrayList<>()).add(c.core());
            moving.addAll(c.move.mv().keySet());
            moving.addAll(c.move.busyAt().keySet());
        }
        boolean revoking = false;
        for (Caps c : live) revoking |= !c.revoke.rv().isEmpty();
        boolean crashed = live.size() < m.size(); // a move whose owner crashed leaves nobody to hand over: no recovery elects one
        for (Caps c : revoking || crashed ? List.<Caps>of() : live) {
            for (long id : c.db.copies().keySet()) {
                int named = c.db.ownerAt(id);
                if (named < 0 || claimants.containsKey(id) || moving.contains(id) || !m.isAlive(named)) continue;
                return "core " + c.core() + "'s copies of " + Long.toHexString(id) + " name core " + named + ", which does not own it: nobody does";
            }
        }
        for (Map.Entry<Long, List<Integer>> e : claimants.entrySet()) {
            long id = e.getKey();
            if (moving.contains(id)) continue;
            if (e.getValue().size() > 1) return Long.toHexString(id) + " is owned by cores " + e.getValue();
            int owner = e.getValue().get(0);
            for (Caps c : live) {
                int named = c.db.ownerAt(id);
                if (named >= 0 && named != owner) {
                    return "core " + c.core() + "'s copies of " + Long.toHexString(id) + " name core " + named + ", the owner is " + owner;
                }
            }
        }
        for (CapabilityDb.SentCopy s : inFlight(m, live)) {
            List<Integer> cl = claimants.get(s.capId());
            if (moving.contains(s.capId())) continue;
            if (cl == null && !revoking && !crashed && s.ownerNamed() >= 0 && m.isAlive(s.ownerNamed())) {
                // as for held copies: a copy on its way names a live owner that does not own it
                return "a copy of " + Long.toHexString(s.capId()) + " in flight to core " + s.to() + " names core " + s.ownerNamed()
                        + ", which does not own it: nobody does";
            }
            if (cl == null || cl.size() != 1) continue;
            if (s.ownerNamed() != cl.get(0)) {
                return "a copy of " + Long.toHexString(s.capId()) + " in flight to core " + s.to() + " names core " + s.ownerNamed()
                        + ", the owner is " + cl.get(0);
            }
        }
        return null;
    }
}
