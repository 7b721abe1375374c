package io.barreleye.traces;

import io.barreleye.caps.Capability;
import io.barreleye.caps.Caps;
import io.barreleye.caps.RetypeProtocol;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Recorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Any run of the capability protocols, recorded per capability: every capability (a region
 * minted on some core, or the new capability of a committed retype) gets its own
 * {@link CapCommitMapping}, its creator (the minting core, or the retype's requester) as the
 * spec's {@code Owner}, so that each trace can be validated against specs/CapCommit.tla.
 *
 * <p>CapCommit models one capability whose retypes are never touched again, retypes of ranges
 * of it (side by side when they do not overlap; here its quarters, {@link #PARTS}: the suite's
 * scenario retypes whole quarters), copies (to another core or to the core itself), deletes,
 * moves (to any core: one that holds no copy installs the one the owner update carries),
 * revokes, and no crashes. A trace is cut (validated as its prefix, with the reason kept) at the
 * first step the model does not cover: a retype of a range that is not whole quarters; a step on
 * one of its retypes other than retyping it (a copy, move, delete or revoke of the retype changes
 * who holds it, which the spec keeps with its requester); a Delete of a core's last copy while
 * that core's retype of the capability is on its way (a commit then installs nothing at the
 * requester, while the spec gives it the retype); the start of a revoke of an ancestor (which
 * deletes it with no step of its own); a move or revoke aborted (membership, crashes); and, for
 * every trace, the first step after a core crashed. A run that ends complete ({@link #quiesce})
 * ends every trace that was not cut with the spec's {@code Quiescent}, read from every replica.
 *
 * <p>Events are routed by the capability they name (retype events by their operation key, which
 * StartRetype ties to its capability, read from the recording core's replica). Cut decisions read
 * only this recorder's own bookkeeping and the recording core's replica, except for crashes
 * ({@link Machine#isAlive}), so the recorder is meant for the simulation.
 */
public final class CapsTraces implements Recorder {
    /** The copy bound of the traces' model: high enough that no run reaches it. */
    public static final int MAX_COPIES = 64;
    /** The model's ranges: each capability in quarters (CapsScenario retypes whole quarters). */
    public static final int PARTS = 4;

    /** One capability's trace, and why it stopped, if it did. */
    public static final class Entry {
        public final long capId;
        public final CapCommitMapping map;
        private final Entry parent;
        private final List<Entry> childEntries = new ArrayList<>();
        private String cut;
        /** Steps on this capability after its trace was cut: recorded, not validated. */
        private long droppedAfterCut;

        Entry(long capId, CapCommitMapping map, Entry parent) {
            this.capId = capId;
            this.map = map;
            this.parent = parent;
        }

        /** Why the trace stops before the run's end (it is validated up to there), or null. */
        public String cut() {
            return cut;
        }

        /** Steps on this capability after its trace was cut (not counting those after a crash). */
        public long droppedAfterCut() {
            return droppedAfterCut;
        }
    }

    private final Machine machine;
    private final int cores;
    private final Map<Long, Entry> entries = new LinkedHashMap<>();
    private final Map<Long, Long> capOfRetype = new HashMap<>();
    private final List<String> unknown = new ArrayList<>();
    private boolean crashed;
    /** Steps on a capability after its trace was cut: recorded, not validated. */
    private long dropped;

    public CapsTraces(Machine machine) {
        this.machine = machine;
        this.cores = machine.size();
    }

    /** Every capability's trace, in the order the capabilities were first seen. */
    public synchronized List<Entry> traces() {
        return new ArrayList<>(entries.values());
    }

    /** Steps on capabilities after their traces were cut (or after a crash): not validated. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Events that name no capability this recorder knows how to find. */
    public synchronized List<String> unknown() {
        return new ArrayList<>(unknown);
    }

    @Override
    public synchronized void record(String event, int core, long... a) {
        if (!crashed && machine.live().size() < machine.size()) { // a core crashed: the spec models no crash
            crashed = true;
            for (Entry e : entries.values()) cut(e, "a core crashed");
        }
        if (crashed) {
            dropped++;
            return;
        }
        Long capId = capabilityOf(event, core, a);
        if (capId == null) {
            unknown.add(event + " on core " + core + " " + java.util.Arrays.toString(a));
            return;
        }
        Entry e = entries.computeIfAbsent(capId, id -> root(id));
        // what a step does to the traces of the capability's ancestors and descendants holds even
        // when its own trace was cut already
        switch (event) {
            case "Delete" -> {
                Caps caps = Caps.of(machine.kernel(core));
                if (caps.db().get(capId) == null && caps.retypeProtocol().requesting(capId)) {
                    cut(e, "a Delete of the last copy of core " + core + ", whose retype of it is on its way");
                }
                if (e.parent != null) cut(e.parent, "a Delete of its retype " + Long.toHexString(capId));
            }
            case "Copy" -> {
                if (e.parent != null) cut(e.parent, "a copy of its retype " + Long.toHexString(capId));
            }
            case "StartMove" -> {
                if (!e.map.holds((int) a[0]) && e.parent != null) {
                    cut(e.parent, "a move of its retype " + Long.toHexString(capId) + " to a new holder");
                }
            }
            case "StartRevoke" -> {
                for (Entry c : e.childEntries) cutTree(c, "the revoke of its ancestor " + Long.toHexString(capId));
                if (e.parent != null) cut(e.parent, "a revoke of its retype " + Long.toHexString(capId));
            }
            case "StartRetype" -> {
                Caps caps = Caps.of(machine.kernel(core));
                RetypeProtocol.RetypeOp op = caps.retypeProtocol().rt().get(a[1]);
                Capability cap = caps.db().get(capId);
                if (cap == null || CapCommitMapping.rangeOf(cap.base(), cap.size(), PARTS, op.base(), op.size()) == null) {
                    cut(e, "a retype of a range that is not whole quarters");
                }
            }
            case "MoveAbort", "RevokeAbort" -> cut(e, "a " + event);
            default -> { }
        }
        if (event.equals("CommitRetype")) born(e, core, a[1]);
        if (e.cut == null) {
            e.map.record(event, core, a);
        } else {
            dropped++;
            e.droppedAfterCut++;
        }
    }

    /**
     * Ends every trace that was not cut with the spec's Quiescent step, read from every replica.
     * Call it once the run is complete and the machine has stopped; a run in which a core crashed
     * ends no trace (they were cut at the crash).
     */
    public synchronized void quiesce(Machine m) {
        if (crashed || m.live().size() < m.size()) return;
        for (Entry e : entries.values()) if (e.cut == null) e.map.quiesce(m);
    }

    /** The capability an event names. */
    private Long capabilityOf(String event, int core, long[] a) {
        return switch (event) {
            case "StartRetype" -> {
                RetypeProtocol.RetypeOp op = Caps.of(machine.kernel(core)).retypeProtocol().rt().get(a[1]);
                if (op == null) yield null;
                capOfRetype.put(a[1], op.capId());
                yield op.capId();
            }
            case "Vote" -> capOfRetype.get(a[3]);
            case "CommitRetype", "AbortRetype", "Unlock" -> capOfRetype.get(a[1]);
            case "Copy" -> a[2];
            case "RecvCopy" -> a.length < 3 ? a[1] : a[3];
            case "StartRevoke", "CommitRevoke", "RevokeDone", "RevokeAbort", "Delete" -> a[0];
            case "Mark", "RevokeAt", "StartMove", "RecvUpdate", "UpdateOwner", "MoveDone", "MoveAbort" -> a[1];
            default -> null;
        };
    }

    /** A capability first seen in a step: a region minted on the core its id names (ids are the minting core + 1, then a count). */
    private Entry root(long capId) {
        int minter = (int) (capId >>> 40) - 1;
        return new Entry(capId, new CapCommitMapping(cores, MAX_COPIES, capId, minter).parts(PARTS).observe(machine), null);
    }

    /** Retype {@code opKey} of {@code parent} committed on the owner {@code core}: its new capability, its requester's. */
    private void born(Entry parent, int core, long opKey) {
        RetypeProtocol.RetypeOp op = Caps.of(machine.kernel(core)).retypeProtocol().rt().get(opKey);
        CapCommitMapping map = new CapCommitMapping(cores, MAX_COPIES, op.newId(), op.requester()).parts(PARTS).observe(machine);
        Entry child = new Entry(op.newId(), map, parent);
        entries.put(op.newId(), child);
        parent.childEntries.add(child);
    }

    private static void cut(Entry e, String why) {
        if (e.cut == null) e.cut = why;
    }

    private static void cutTree(Entry e, String why) {
        cut(e, why);
        for (Entry c : e.childEntries) cutTree(c, why);
    }
}
