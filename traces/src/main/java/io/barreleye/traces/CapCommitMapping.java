package io.barreleye.traces;

import io.barreleye.caps.Caps;
import io.barreleye.caps.CapabilityDb;
import io.barreleye.caps.MoveProtocol;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Recorder;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The refinement mapping from the caps package's owner-sequenced protocols (retype, copy, revoke,
 * move) to specs/CapCommit.tla, for one RAM region's capability {@code region} minted on core 0.
 * Implementation core {@code c} is spec core {@code c + 1}; the spec's {@code Owner} is 1.
 *
 * <p>Events: StartRetype, Vote, CommitRetype, AbortRetype, Unlock, Copy, RecvCopy, Delete,
 * StartRevoke, Mark, CommitRevoke, RevokeAt, RevokeDone, StartMove, RecvUpdate, UpdateOwner,
 * MoveDone, each with the spec's arguments (the retype requester {@code r} and, at StartRetype,
 * the range {@code g} it asks for; the core {@code c} or {@code d} that took the step).
 * Events about another capability (a descendant, another region) are not events of this spec
 * and are dropped; implementation-only steps (MoveAbort) are kept in {@link #unmapped()}.
 * A Vote the owner can no longer count (its retype is no longer collecting votes, recognised by
 * the operation key the implementation records with it) changes no spec variable: a stutter.
 *
 * <p>Ranges: the capability is cut into {@link #parts} equal parts (2 unless set: the halves of
 * CapCommit.cfg), and a range of it is the pair {@code <<first, last>>} of the parts it covers,
 * 1-based; the header's {@code Ranges} is every such pair. The range of a retype is read at its
 * StartRetype from the owner's record of the operation (its base and size) and the owner's
 * replica of the capability (its base and size, kept for the children read later); a range that
 * is not whole parts is not a range of the model: StartRetype then records no range and the step
 * is listed in {@link #unmapped()}.
 *
 * <p>Variables: {@code votes} (the vote the voter sends: no replica keeps it), {@code inflight}
 * (copies sent to a core and not yet received: only the receiver knows, so reading it would read
 * another core) and {@code retypes} at CommitRetype (the new capability's range, which the spec
 * takes from its StartRetype) are recorded from the events; with
 * {@link #observe}, what the recording core's replica holds is read from it:
 * {@code rt[r]} (the owner's retype of that operation key: its phase, or idle once gone),
 * {@code rv} (the owner's revoke of the region: its phase, or done once completed), {@code rvAt[c]}
 * (core c's record of the revoke: marked while held, done once dropped), {@code retypes[c]} at
 * RevokeAt (the ranges of the children core c still holds), {@code mv} (the owner's move of the region),
 * {@code mvSeen} (at RecvUpdate, whether the core holds the owner update), {@code lock} (the
 * owner's lock on the region), {@code owner} (at every step the owner takes before a revoke
 * completed: the recording core when its replica owns the region, else None, which diverges),
 * {@code mvTo} and {@code mvWait} (the owner's record of the move at StartMove), {@code copies[d]}
 * (the copies core d's replica holds; at a Delete, also {@code owner} and {@code lock} when the
 * deleting core's replica owns the region) and {@code ownerAt[c]} (the owner core c's copy names). At
 * MoveDone the spec decides the new owner (no replica holds it yet: the new owner takes it when
 * MOVE_DONE reaches it). A complete run ends with {@link #quiesce}, the spec's {@code Quiescent},
 * with every replica's lock, owner, copies, owner named and live retypes read at once. Nothing is
 * left free except {@code ownerAt} of a core holding no copy at its UpdateOwner and, without
 * observe, what observe reads.
 */
public final class CapCommitMapping implements Recorder {
    private final int cores;
    private final int maxCopies;
    private final long region;
    private final List<String> lines = new ArrayList<>();
    private final List<String> unmapped = new ArrayList<>();
    private Machine machine;
    private long clock;
    private String model = "CapCommit.cfg";
    /** The model's ranges: the capability in this many equal parts. */
    private int parts = 2;
    /** The capability's base and size, as the owner's replica holds them (read at the first StartRetype; size 0 until then). */
    private long capBase, capSize;

    // the spec's variables as the events determine them
    private final String[] rt;
    private final long[] rtKey;
    private final int[] copies;
    private final int[] inflight;
    private final String[] rvAt;
    /** retypes[c]: live retypes of the region held by spec core c (their requester). */
    private final int[] retypes;
    private String rv = "idle";
    /** The spec's Owner: the core that created the capability, as a spec core. */
    private final int initialOwner;
    private int owner;
    private String mv = "idle";
    private int mvTo;
    private final TreeSet<Integer> mvWait = new TreeSet<>();
    private final TreeSet<Integer> mvSeen = new TreeSet<>();
    private final Map<Long, Integer> requesterOf = new HashMap<>();

    /** A mapping for a machine of {@code cores} cores, the region capability {@code region} minted on core 0. */
    public CapCommitMapping(int cores, int maxCopies, long region) {
        this(cores, maxCopies, region, 0);
    }

    /** As above, for a capability {@code region} created on (and owned by) implementation core {@code ownerCore}. */
    public CapCommitMapping(int cores, int maxCopies, long region, int ownerCore) {
        this.cores = cores;
        this.initialOwner = ownerCore + 1;
        this.owner = initialOwner;
        this.maxCopies = maxCopies;
        this.region = region;
        rt = new String[cores + 1];
        rtKey = new long[cores + 1];
        copies = new int[cores + 1];
        inflight = new int[cores + 1];
        rvAt = new String[cores + 1];
        retypes = new int[cores + 1];
        java.util.Arrays.fill(rt, "idle");
        java.util.Arrays.fill(rvAt, "idle");
        copies[initialOwner] = 1;
    }

    /** Names the model the header gives (default CapCommit.cfg, its constants replaced by this run's). */
    public synchronized CapCommitMapping model(String cfg) {
        this.model = cfg;
        return this;
    }

    /** Cuts the capability into {@code n} equal parts for the model's ranges (default 2: CapCommit.cfg's halves). */
    public synchronized CapCommitMapping parts(int n) {
        if (n < 1) throw new IllegalArgumentException("parts: " + n);
        this.parts = n;
        return this;
    }

    /** Reads the implementation's state too: the owner's lock, the copies a core holds, the owner its copy names. */
    public CapCommitMapping observe(Machine m) {
        this.machine = m;
        return this;
    }

    /** The model's constants for this run: its cores, the owner that created the capability and the copy bound. */
    public Map<String, Value> constants() {
        Map<String, Value> c = new LinkedHashMap<>();
        c.put("Cores", TraceLine.oneTo(cores));
        c.put("Owner", IntValue.of(initialOwner));
        c.put("MaxCopies", IntValue.of(maxCopies));
        c.put("Ranges", ranges(parts));
        return c;
    }

    /** Every range of a capability in {@code n} parts: the pairs {@code <<first, last>>}, 1 <= first <= last <= n. */
    public static SetEnumValue ranges(int n) {
        List<Value> out = new ArrayList<>();
        for (int lo = 1; lo <= n; lo++) {
            for (int hi = lo; hi <= n; hi++) out.add(range(lo, hi));
        }
        return SetEnumValue.of(out);
    }

    private static Value range(int lo, int hi) {
        return TupleValue.of(IntValue.of(lo), IntValue.of(hi));
    }

    /**
     * The model's range of {@code [base, base + size)} in a capability {@code [capBase, capBase +
     * capSize)} cut into {@code parts} equal parts: {@code <<first, last>>} of the parts it covers,
     * or null when it is not whole parts of it.
     */
    public static Value rangeOf(long capBase, long capSize, int parts, long base, long size) {
        if (capSize <= 0 || capSize % parts != 0) return null;
        long part = capSize / parts, off = base - capBase;
        if (off < 0 || size <= 0 || off + size > capSize || off % part != 0 || size % part != 0) return null;
        return range((int) (off / part) + 1, (int) ((off + size) / part));
    }

    /** The header and the events so far. */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>(lines.size() + 1);
        out.add(io.barreleye.modelcheck.trace.TraceCheck.header("CapCommit.tla", model, constants()));
        out.addAll(lines);
        return out;
    }

    /**
     * Implementation steps on the region that the spec has no action for (MoveAbort), or that the
     * mapping could not map (a retype of a range that is not whole parts).
     */
    public synchronized List<String> unmapped() {
        return new ArrayList<>(unmapped);
    }

    /** Spec {@code TotalCopies}: copies held and in flight, as the recorded events determine them. */
    public synchronized int totalCopies() {
        int t = 0;
        for (int c = 1; c <= cores; c++) t += copies[c] + inflight[c];
        return t;
    }

    /** Live retypes of the region, over every core. */
    public synchronized int retypes() {
        int t = 0;
        for (int n : retypes) t += n;
        return t;
    }

    public synchronized String rv() {
        return rv;
    }

    public synchronized String mv() {
        return mv;
    }

    /** The spec's owner, as an implementation core. */
    public synchronized int ownerCore() {
        return owner - 1;
    }

    /** Whether the spec's copies[d] > 0 for implementation core {@code core}. */
    public synchronized boolean holds(int core) {
        return copies[core + 1] > 0;
    }

    @Override
    public synchronized void record(String event, int core, long... a) {
        int c = core + 1;
        switch (event) {
            case "StartRetype" -> {
                int r = (int) a[0] + 1;
                Value g = null; // the range, read from the owner's record of the retype and its replica of the capability
                if (machine != null) {
                    Caps caps = Caps.of(machine.kernel(core));
                    io.barreleye.caps.RetypeProtocol.RetypeOp op = caps.retypeProtocol().rt().get(a[1]);
                    if (op != null && op.capId() != region) return; // a retype of another capability
                    io.barreleye.caps.Capability cap = caps.db().get(region);
                    if (cap != null) {
                        capBase = cap.base();
                        capSize = cap.size();
                    }
                    if (op != null) {
                        g = rangeOf(capBase, capSize, parts, op.base(), op.size());
                        if (g == null) {
                            unmapped.add("StartRetype of a range that is not whole parts of " + parts + ": " + op.base() + "+" + op.size());
                        }
                    }
                }
                requesterOf.put(a[1], r);
                rtKey[r] = a[1];
                rt[r] = rtAt(core, a[1], "check");
                List<Object> u = new ArrayList<>(List.of("rt", path(r), rt[r]));
                for (int v = 1; v <= cores; v++) u.addAll(List.of("votes", path(r, v), "none"));
                lock(core, u);
                ownerHere(core, u);
                emit(event, core, new Object[] {r, g}, u);
            }
            case "Vote" -> {
                Integer r = a.length > 3 ? requesterOf.get(a[3]) : null;
                if (r == null) {
                    unmapped.add("Vote without its retype's key " + java.util.Arrays.toString(a));
                    return;
                }
                if (!rt[r].equals("check") || rtKey[r] != a[3]) return; // too late to count: a stutter
                emit(event, core, new Object[] {r, c}, List.of("votes", path(r, c), a[2] == 1 ? "yes" : "no"));
            }
            case "CommitRetype" -> {
                int r = (int) a[0] + 1;
                rt[r] = rtAt(core, a[1], "unlock");
                retypes[r]++;
                // the new capability is on its way to the requester, in no replica yet: the spec's
                // CommitRetype adds its range (retypes[r]' = retypes[r] \cup {rtRange[r]}); RevokeAt and
                // Quiescent read it back
                emit(event, core, new Object[] {r}, List.of("rt", path(r), rt[r]));
            }
            case "AbortRetype" -> {
                int r = (int) a[0] + 1;
                rt[r] = rtAt(core, a[1], "unlock");
                emit(event, core, new Object[] {r}, List.of("rt", path(r), rt[r]));
            }
            case "Unlock" -> {
                int r = (int) a[0] + 1;
                rt[r] = rtAt(core, a[1], "idle");
                List<Object> u = new ArrayList<>(List.of("rt", path(r), rt[r]));
                lock(core, u);
                ownerHere(core, u);
                emit(event, core, new Object[] {r}, u);
            }
            case "Copy" -> {
                int d = (int) a[1] + 1; // d = c: a local copy, whose arrival is recorded right after
                inflight[d]++;
                emit(event, core, new Object[] {c, d}, List.of("inflight", path(d), inflight[d]));
            }
            case "RecvCopy" -> {
                // a local copy (a copy to oneself) arrives with the capability's id only
                inflight[c]--;
                if (rvAt[c].equals("idle")) copies[c]++;
                List<Object> u = new ArrayList<>(List.of("inflight", path(c), inflight[c]));
                u.addAll(List.of("copies", path(c), observedCopies(core, copies[c])));
                emit(event, core, new Object[] {c}, u);
            }
            case "Delete" -> {
                if (a[0] != region) return;
                copies[c]--;
                List<Object> u = new ArrayList<>(List.of("copies", path(c), observedCopies(core, copies[c])));
                if (machine != null && Caps.of(machine.kernel(core)).db().owner().contains(region)) {
                    // the owner deleted one of its copies: its replica's ownership and lock are the spec's
                    ownerHere(core, u);
                    lock(core, u);
                }
                emit(event, core, new Object[] {c}, u);
            }
            case "StartRevoke" -> {
                if (a[0] != region) return;
                rv = rvAt(core, "mark");
                List<Object> u = new ArrayList<>(List.of("rv", path(), rv));
                lock(core, u);
                ownerHere(core, u);
                emit(event, core, new Object[0], u);
            }
            case "Mark" -> {
                if (a[1] != region) return;
                rvAt[c] = revokeAt(core, "marked");
                emit(event, core, new Object[] {c}, List.of("rvAt", path(c), rvAt[c]));
            }
            case "CommitRevoke" -> {
                if (a[0] != region) return;
                rv = rvAt(core, "commit");
                emit(event, core, new Object[0], List.of("rv", path(), rv));
            }
            case "RevokeAt" -> {
                if (a[1] != region) return;
                rvAt[c] = revokeAt(core, "done");
                copies[c] = 0;
                List<Object> u = new ArrayList<>(List.of("rvAt", path(c), rvAt[c]));
                if (machine == null) {
                    retypes[c] = 0;
                    u.addAll(List.of("retypes", path(c), SetEnumValue.of(new Value[0])));
                } else {
                    CapabilityDb db = Caps.of(machine.kernel(core)).db();
                    List<io.barreleye.caps.Capability> kids = children(db);
                    retypes[c] = kids.size();
                    Value held = childRanges(kids);
                    if (held != null) u.addAll(List.of("retypes", path(c), held));
                }
                u.addAll(List.of("copies", path(c), observedCopies(core, 0)));
                emit(event, core, new Object[] {c}, u);
            }
            case "RevokeDone" -> {
                if (a[0] != region) return;
                rv = rvAt(core, "done");
                List<Object> u = new ArrayList<>(List.of("rv", path(), rv));
                lock(core, u);
                emit(event, core, new Object[0], u);
            }
            case "StartMove" -> {
                if (a[1] != region) return;
                int d = (int) a[0] + 1;
                mv = moveAt(core, "update");
                mvWait.clear();
                for (int i = 1; i <= cores; i++) mvWait.add(i);
                mvTo = d;
                if (machine != null) { // the move as the owner's replica holds it: the core it hands over to, the acks it awaits
                    MoveProtocol moves = Caps.of(machine.kernel(core)).moveProtocol();
                    mvTo = moves.mvTo(region) + 1;
                    mvWait.clear();
                    for (int w : moves.mvWait(region)) mvWait.add(w + 1);
                }
                mvSeen.clear();
                List<Object> u = new ArrayList<>(List.of("mv", path(), mv, "mvTo", path(), mvTo, "mvWait", path(), set(mvWait),
                        "mvSeen", path(), set(mvSeen)));
                lock(core, u);
                ownerHere(core, u);
                emit(event, core, new Object[] {d}, u);
            }
            case "RecvUpdate" -> {
                if (a[1] != region) return;
                // seen: the core holds the move's owner update (busy until the move ends)
                if (machine == null || Caps.of(machine.kernel(core)).moveProtocol().busyAt().containsKey(region)) mvSeen.add(c);
                emit(event, core, new Object[] {c}, List.of("mvSeen", path(), set(mvSeen)));
            }
            case "UpdateOwner" -> {
                if (a[1] != region) return;
                mvWait.remove(c);
                List<Object> u = new ArrayList<>(List.of("mvWait", path(), set(mvWait)));
                if (c == mvTo && copies[c] == 0) { // the new owner installs the copy the owner update carries
                    copies[c] = 1;
                    u.addAll(List.of("copies", path(c), observedCopies(core, 1)));
                }
                int named = machine == null ? -1 : Caps.of(machine.kernel(core)).db().ownerAt(region);
                u.addAll(List.of("ownerAt", path(c), named < 0 ? mvTo : named + 1));
                emit(event, core, new Object[] {c}, u);
            }
            case "MoveDone" -> {
                if (a[1] != region) return;
                // the old owner has given the capability up; the new one takes it when MOVE_DONE reaches it,
                // so no replica holds the spec's owner' at this step: the spec's MoveDone (owner' = mvTo) decides
                // it, and the next step the new owner takes, or the run's end (quiescent), reads it back
                owner = mvTo;
                mv = moveAt(core, "idle");
                mvTo = machine == null ? 0 : Caps.of(machine.kernel(core)).moveProtocol().mvTo(region) + 1;
                mvSeen.clear(); // the spec's MoveDone empties it; the members drop their updates when MOVE_DONE reaches them
                List<Object> u = new ArrayList<>(List.of("mv", path(), mv, "mvTo", path(), mvTo,
                        "mvSeen", path(), set(mvSeen)));
                lock(core, u);
                emit(event, core, new Object[0], u);
            }
            default -> unmapped.add(event + " on core " + core + " " + java.util.Arrays.toString(a));
        }
    }

    /**
     * The spec's {@code rt[r]} of the retype with operation key {@code opKey}, read from the
     * owner's retype protocol (the recording core: every retype step but Vote is the owner's):
     * its phase, "check" or "unlock", or "idle" once it is gone; {@code unobserved} without a machine.
     */
    private String rtAt(int core, long opKey, String unobserved) {
        if (machine == null) return unobserved;
        io.barreleye.caps.RetypeProtocol.RetypeOp op = Caps.of(machine.kernel(core)).retypeProtocol().rt().get(opKey);
        return op == null ? "idle" : op.phase();
    }

    /**
     * The spec's {@code rv}, read from the owner's revoke protocol (the recording core: StartRevoke,
     * CommitRevoke and RevokeDone are the owner's): the revoke's phase, "mark" or "commit"; "done"
     * once the replica lists the region's revoke as completed; else "idle". {@code unobserved}
     * without a machine.
     */
    private String rvAt(int core, String unobserved) {
        if (machine == null) return unobserved;
        Caps caps = Caps.of(machine.kernel(core));
        io.barreleye.caps.RevokeProtocol.RevokeOp op = caps.revokeProtocol().rv().get(region);
        if (op != null) return op.phase();
        return caps.db().revokeDone().contains(region) ? "done" : "idle";
    }

    /** The live retypes (children) of the region core c's replica holds. */
    private List<io.barreleye.caps.Capability> children(CapabilityDb db) {
        List<io.barreleye.caps.Capability> out = new ArrayList<>();
        for (io.barreleye.caps.Capability c : db.held()) {
            long[] anc = c.ancestors();
            if (anc.length > 0 && anc[anc.length - 1] == region) out.add(c);
        }
        return out;
    }

    /**
     * The spec's {@code retypes[c]}: the ranges of {@code children}, the children of the region
     * core c's replica holds ({@link #children}); null (not recorded) when one of them is not whole parts of the region, or the
     * region's extent is not known (no retype of it started: then it has no children).
     */
    private Value childRanges(List<io.barreleye.caps.Capability> children) {
        List<Value> out = new ArrayList<>();
        for (io.barreleye.caps.Capability c : children) {
            Value g = rangeOf(capBase, capSize, parts, c.base(), c.size());
            if (g == null) return null;
            out.add(g);
        }
        return SetEnumValue.of(out);
    }

    /**
     * The spec's {@code rvAt[c]}, read from core c's revoke protocol: "marked" while it holds a
     * record of the region's revoke (marked, or committed and waiting for copies in flight), else
     * "done" (it drops the record once it deleted); {@code unobserved} without a machine.
     */
    private String revokeAt(int core, String unobserved) {
        if (machine == null) return unobserved;
        return Caps.of(machine.kernel(core)).revokeProtocol().rvAt().containsKey(region) ? "marked" : "done";
    }

    /** The spec's {@code mv}, read from the owner's move protocol: "update" while it sequences a move of the region, else "idle". */
    private String moveAt(int core, String unobserved) {
        if (machine == null) return unobserved;
        return Caps.of(machine.kernel(core)).moveProtocol().mv().containsKey(region) ? "update" : "idle";
    }

    /**
     * The spec's owner, read from the replica of the owner-side step's core: that core, when its
     * replica owns the region, else None (0), which is no core and so diverges. Until a revoke
     * completed (then the region, and its ownership, is gone everywhere).
     */
    private void ownerHere(int core, List<Object> u) {
        if (machine == null) return;
        boolean owns = Caps.of(machine.kernel(core)).db().owner().contains(region);
        u.addAll(List.of("owner", path(), owns ? core + 1 : 0));
    }

    /**
     * Ends a complete run (not cut short by a crash) with the spec's {@code Quiescent}, a
     * stuttering step that holds only where no lock is held, no retype, revoke or move is in
     * progress and no copy is in flight, with the values read from every core's replica once the
     * machine has stopped (call it only then): the lock, from any replica that holds one; the
     * owner, the one core whose replica owns the region (None when none or several do: no core,
     * so the step diverges); the copies each core holds, the owner they name and the live
     * retypes (children of the region) it holds. After a completed revoke nobody owns the region
     * and the owner is not read.
     */
    public synchronized void quiesce(Machine m) {
        List<Object> u = new ArrayList<>();
        int lockHolder = 0;
        List<Integer> owners = new ArrayList<>();
        for (int core = 0; core < cores; core++) {
            if (!m.isAlive(core)) continue;
            CapabilityDb db = Caps.of(m.kernel(core)).db();
            CapabilityDb.Lock l = db.lock().get(region);
            if (l != null && lockHolder == 0) lockHolder = l.holder() + 1;
            if (db.owner().contains(region)) owners.add(core + 1);
            u.addAll(List.of("copies", path(core + 1), db.copies().getOrDefault(region, 0)));
            int named = db.ownerAt(region);
            if (named >= 0) u.addAll(List.of("ownerAt", path(core + 1), named + 1));
            Value held = childRanges(children(db));
            if (held != null) u.addAll(List.of("retypes", path(core + 1), held));
        }
        u.addAll(List.of("lock", path(), lockHolder));
        if (!rv.equals("done")) {
            u.addAll(List.of("owner", path(), owners.size() == 1 ? owners.get(0) : 0));
        }
        emit("Quiescent", 0, new Object[0], u);
    }

    /**
     * The spec's lock, read from the replica of the core that took the step (the owner: every
     * step that takes or releases the lock is the owner's): a retype's lock names its requester,
     * a revoke's or move's the owner; None is 0. Only the recording core's own state is read, so
     * the mapping is safe on threads too.
     */
    private void lock(int core, List<Object> u) {
        if (machine == null) return;
        CapabilityDb.Lock l = Caps.of(machine.kernel(core)).db().lock().get(region);
        u.addAll(List.of("lock", path(), l == null ? 0 : l.holder() + 1));
    }

    private int observedCopies(int core, int fallback) {
        if (machine == null) return fallback;
        return Caps.of(machine.kernel(core)).db().copies().getOrDefault(region, 0);
    }

    private static Value set(java.util.Collection<Integer> cores) {
        List<Value> vs = new ArrayList<>();
        for (int i : cores) vs.add(IntValue.of(i));
        return SetEnumValue.of(vs);
    }

    private static Object[] path(Object... p) {
        return p;
    }

    /** One event line: the action, its arguments, then (variable, path, value) triples as updates. */
    private void emit(String action, int core, Object[] args, List<Object> updates) {
        lines.add(TraceLine.event(action, core, ++clock, args, updates));
    }
}
