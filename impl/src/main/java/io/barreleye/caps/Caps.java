package io.barreleye.caps;

import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.MessageType;
import io.barreleye.kernel.Messages;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.Recorder;
import io.barreleye.kernel.View;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The capability system on one core: the facade callers use (split-phase operations returning a
 * future of an {@link Outcome}), this core's replica ({@link CapabilityDb}) and the owner-sequenced
 * protocols ({@link RetypeProtocol}, {@link RevokeProtocol}, {@link MoveProtocol}). Every method
 * runs on the core's own thread (start work on a core with {@link Kernel#post}); futures complete
 * on that thread too.
 */
public final class Caps {
    // message types, offsets from MessageType.CAPS_BASE
    static final int RETYPE_REQ = 0, RETYPE_ANSWER = 1, VOTE_REQ = 2, VOTE = 3, UNLOCK_REQ = 4, COPY = 5, COPY_ACK = 6,
            REVOKE_REQ = 7, OP_ANSWER = 8, MARK = 9, READY = 10, MARKER = 11, COMMIT = 12, DONE = 13, MOVE_REQ = 14,
            OWNER_UPDATE = 15, OWNER_ACK = 16, MOVE_DONE = 17, SEVER = 18, TYPES = 19;

    // answer status words
    static final long ST_OK = 0, ST_RETRY = 1, ST_ABORTED = 2, ST_CONFLICT = 3, ST_CORE_FAILED = 4, ST_NOT_MEMBER = 5;

    /** Ancestry is bounded so a capability's description fits one message. */
    public static final int MAX_DEPTH = 16;

    private final Kernel kernel;
    private final Set<CapsFault> faults;
    final CapabilityDb db;
    final RetypeProtocol retype;
    final RevokeProtocol revoke;
    final MoveProtocol move;
    private Recorder recorder = Recorder.OFF;
    private long nextId = 1;
    private final long[] buf = new long[Kernel.MAX_MESSAGE_WORDS];

    /** A split-phase request this core sent, waiting for its answer from {@code peer}. */
    record Pending(int peer, String op, CompletableFuture<Outcome<Long>> future, long started) {}

    final Map<Long, Pending> pending = new HashMap<>();

    private Caps(Kernel kernel, Set<CapsFault> faults) {
        this.kernel = kernel;
        this.faults = faults.isEmpty() ? EnumSet.noneOf(CapsFault.class) : EnumSet.copyOf(faults);
        this.db = new CapabilityDb(this);
        this.retype = new RetypeProtocol(this);
        this.revoke = new RevokeProtocol(this);
        this.move = new MoveProtocol(this);
        for (int t = 0; t < TYPES; t++) {
            int type = t;
            kernel.on(MessageType.CAPS_BASE + t, (k, msg, len) ->
                    dispatch(type, Messages.from(msg[0]), Arrays.copyOfRange(msg, 1, len)));
        }
        kernel.onPeerFailed(this::peerGone);
        kernel.onViewChange(this::viewChanged);
        View v = kernel.view();
        coMembers = new HashSet<>();
        for (int i = 0; i < kernel.machine().size(); i++) {
            if (i != core() && (v == null ? kernel.connected(i) : v.contains(core()) && v.contains(i))) coMembers.add(i);
        }
    }

    /** Installs the capability system on every core of {@code m}, now and as cores are added. */
    public static void install(Machine m, Set<CapsFault> faults) {
        m.installOnEveryCore(k -> k.attach(Caps.class, new Caps(k, faults)));
    }

    public static Caps of(Kernel k) {
        Caps c = k.get(Caps.class);
        if (c == null) throw new IllegalStateException("capabilities are not installed on core " + k.id());
        return c;
    }

    /**
     * Spec actions are recorded here: the kernel does not expose its recorder, so {@link Machine#setRecorder}
     * does not reach this package; set it on every core with this.
     */
    public static void setRecorder(Machine m, Recorder r) {
        for (int i = 0; i < m.size(); i++) {
            Caps c = m.kernel(i).get(Caps.class);
            if (c != null) c.recorder = r == null ? Recorder.OFF : r;
        }
    }

    public Kernel kernel() {
        return kernel;
    }

    public int core() {
        return kernel.id();
    }

    public CapabilityDb db() {
        return db;
    }

    public RetypeProtocol retypeProtocol() {
        return retype;
    }

    public RevokeProtocol revokeProtocol() {
        return revoke;
    }

    public MoveProtocol moveProtocol() {
        return move;
    }

    boolean fault(CapsFault f) {
        return faults.contains(f);
    }

    void record(String event, long... args) {
        if (recorder != Recorder.OFF) recorder.record(event, kernel.id(), args);
    }

    /** A new globally unique capability id: this core's number and a local count. */
    long newId() {
        return ((long) (kernel.id() + 1) << 40) | nextId++;
    }

    /** A new globally unique operation key. */
    long newOpKey() {
        return newId();
    }

    // ---------------------------------------------------------------- the facade

    /**
     * Creates a root capability for a region of physical memory, owned by this core (boot-time
     * grant; regions given to different calls must not overlap). Local, immediate.
     */
    public long mint(CapType type, long base, long size) {
        if (size <= 0) throw new IllegalArgumentException("empty region");
        long id = newId();
        db.insert(new Capability(id, type, base, size, new long[0], core(), 1));
        db.owned.add(id);
        return id;
    }

    /** Retypes {@code [offset, offset+size)} of capability {@code capId} into a new capability of {@code newType}; succeeds with its id. */
    public CompletableFuture<Outcome<Long>> retype(long capId, CapType newType, long offset, long size) {
        return retype.request(capId, newType, offset, size);
    }

    /** Sends a copy of {@code capId} to {@code toCore}; succeeds with the copy's id once it is installed there. */
    public CompletableFuture<Outcome<Long>> copy(long capId, int toCore) {
        return db.copy(capId, toCore);
    }

    /** Transfers ownership of {@code capId} to {@code toCore} (which gets a copy if it has none); succeeds with the new owner. */
    public CompletableFuture<Outcome<Long>> move(long capId, int toCore) {
        return move.request(capId, toCore);
    }

    /** Makes this core the owner of {@code capId} (a move to itself). */
    public CompletableFuture<Outcome<Long>> retrieve(long capId) {
        return move.request(capId, core());
    }

    /** Deletes one copy held here. The owner's last copy cannot be deleted alone: move it away or revoke it. */
    public CompletableFuture<Outcome<Long>> delete(long capId) {
        return CompletableFuture.completedFuture(db.delete(capId));
    }

    /** Deletes every copy and every descendant of {@code capId} on every core, copies in flight included. */
    public CompletableFuture<Outcome<Long>> revoke(long capId) {
        return revoke.request(capId);
    }

    // ---------------------------------------------------------------- membership

    /** The cores an operation started now must hear from: this core's view, less cores it lost. */
    List<Integer> members() {
        View v = kernel.view();
        List<Integer> out = new ArrayList<>();
        if (v == null) {
            for (int i = 0; i < kernel.machine().size(); i++) if (i == core() || kernel.connected(i)) out.add(i);
        } else {
            for (int i : v.members()) if (i == core() || kernel.connected(i)) out.add(i);
        }
        return out;
    }

    boolean isMember() {
        View v = kernel.view();
        return v == null || v.contains(core());
    }

    boolean reachable(int peer) {
        return peer == core() || kernel.connected(peer);
    }

    static long mask(Iterable<Integer> cores) {
        long m = 0;
        for (int c : cores) {
            if (c >= 64) throw new IllegalStateException("operation sets are 64-bit masks: core " + c + " does not fit");
            m |= 1L << c;
        }
        return m;
    }

    static Set<Integer> cores(long mask) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < 64; i++) if ((mask & (1L << i)) != 0) s.add(i);
        return s;
    }

    // ---------------------------------------------------------------- messaging

    /** Sends a message to {@code to} (to itself through a later local step); a lost peer fails what waits on it. */
    void send(int to, int type, long... words) {
        if (to == core()) {
            long[] copy = words.clone();
            kernel.later(() -> dispatch(type, to, copy));
        } else if (kernel.connected(to)) {
            System.arraycopy(words, 0, buf, 0, words.length);
            kernel.sendWords(to, MessageType.CAPS_BASE + type, buf, words.length);
        } else if (!kernel.machine().isAlive(to)) {
            kernel.later(() -> peerGone(to));
        } else {
            kernel.later(() -> forget(to)); // not bound yet (hot-plug in progress): fail what waits on it
        }
    }

    private void dispatch(int type, int from, long[] p) {
        if (type == SEVER) {
            onSever(from);
            watch();
            return;
        }
        if (from != core() && cut.contains(from)) {
            // stale: sent by a core this one removed from its view, before it learnt of the removal
            switch (type) {
                case RETYPE_REQ -> send(from, RETYPE_ANSWER, p[0], ST_NOT_MEMBER, 0, 0);
                case REVOKE_REQ, MOVE_REQ -> send(from, OP_ANSWER, p[0], ST_NOT_MEMBER, 0);
                default -> { }
            }
            return;
        }
        switch (type) {
            case RETYPE_REQ -> retype.onRequest(from, p);
            case RETYPE_ANSWER -> retype.onAnswer(from, p);
            case VOTE_REQ -> retype.vote(from, p);
            case VOTE -> retype.onVote(from, p);
            case UNLOCK_REQ -> retype.onUnlockRequest(from, p);
            case COPY -> db.recvCopy(from, p);
            case COPY_ACK -> db.onCopyAck(from, p);
            case REVOKE_REQ -> revoke.onRequest(from, p);
            case OP_ANSWER -> answer(p[0], p[1], p[2]);
            case MARK -> revoke.mark(from, p);
            case READY -> revoke.onReady(from, p);
            case MARKER -> onMarker(from, p);
            case COMMIT -> revoke.onCommit(from, p);
            case DONE -> revoke.onDone(from, p);
            case MOVE_REQ -> move.onRequest(from, p);
            case OWNER_UPDATE -> move.onUpdate(from, p);
            case OWNER_ACK -> move.onAck(from, p);
            case MOVE_DONE -> move.onMoveDone(from, p);
            default -> throw new IllegalStateException("unknown capability message " + type);
        }
        watch();
    }

    // ---------------------------------------------------------------- pending requests and answers

    CompletableFuture<Outcome<Long>> expect(long opId, int peer, String op) {
        CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
        pending.put(opId, new Pending(peer, op, f, kernel.now()));
        watch();
        return f;
    }

    /** Completes the request {@code opId} with a status word and a value. */
    void answer(long opId, long status, long value) {
        Pending p = pending.remove(opId);
        if (p != null) p.future().complete(outcome(status, value, p.op()));
    }

    static Outcome<Long> outcome(long status, long value, String op) {
        if (status == ST_OK) return Outcome.success(value);
        return Outcome.failure(reason(status), op + ": " + detail(status));
    }

    static Outcome.Reason reason(long status) {
        return switch ((int) status) {
            case 1 -> Outcome.Reason.RETRY;
            case 2 -> Outcome.Reason.ABORTED;
            case 3 -> Outcome.Reason.CONFLICT;
            case 4 -> Outcome.Reason.CORE_FAILED;
            case 5 -> Outcome.Reason.NOT_MEMBER;
            default -> Outcome.Reason.ABORTED;
        };
    }

    static String detail(long status) {
        return switch ((int) status) {
            case 1 -> "busy (locked, marked or moving); retry";
            case 2 -> "aborted";
            case 3 -> "conflict (no such capability here, bad range, or not allowed)";
            case 4 -> "a core it needed failed";
            case 5 -> "not a member of the current view";
            default -> "status " + status;
        };
    }

    static <T> CompletableFuture<Outcome<T>> failed(Outcome.Reason r, String detail) {
        return CompletableFuture.completedFuture(Outcome.failure(r, detail));
    }

    // ---------------------------------------------------------------- markers (flushing copies in flight)

    /** Markers received per operation key: the cores whose copies sent before it have all arrived here. */
    final Map<Long, Set<Integer>> markers = new HashMap<>();

    /** After this core stops sending copies for operation {@code opKey}, it tells every other core in {@code mask}. */
    void sendMarkers(long opKey, long mask) {
        for (int c : cores(mask)) if (c != core()) send(c, MARKER, opKey);
    }

    private void onMarker(int from, long[] p) {
        markers.computeIfAbsent(p[0], x -> new HashSet<>()).add(from);
        revoke.markersChanged();
        move.markersChanged();
    }

    /** True when every core of {@code mask} (other than this one) that is still reachable sent its marker for {@code opKey}. */
    boolean flushed(long opKey, long mask) {
        Set<Integer> got = markers.getOrDefault(opKey, Collections.emptySet());
        for (int c : cores(mask)) {
            if (c == core() || !kernel.connected(c) || cut.contains(c) || severedEarly.contains(c)) continue;
            if (!got.contains(c)) return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- failures and views

    private final Set<Integer> lost = new HashSet<>();

    /** Fails or resolves everything waiting on {@code peer}, which crashed or left. */
    void peerGone(int peer) {
        if (peer == core() || !lost.add(peer)) return;
        forget(peer);
    }

    private void forget(int peer) {
        Iterator<Map.Entry<Long, Pending>> it = pending.entrySet().iterator();
        List<Pending> failed = new ArrayList<>();
        while (it.hasNext()) {
            Pending p = it.next().getValue();
            if (p.peer() == peer) {
                failed.add(p);
                it.remove();
            }
        }
        for (Pending p : failed) p.future().complete(Outcome.failure(Outcome.Reason.CORE_FAILED, p.op() + ": core " + peer + " failed"));
        db.peerFailed(peer);
        retype.peerFailed(peer);
        revoke.peerFailed(peer);
        move.peerFailed(peer);
        watch();
    }

    /** Co-members of the last view installed here (cores other than this one; before the first view, the cores connected at install). */
    private Set<Integer> coMembers;
    /** Cores this one removed from its view and whose {@link #SEVER} has not come yet: their messages are stale. */
    private final Set<Integer> cut = new HashSet<>();
    /** Cores whose {@link #SEVER} came before this core removed them from its view. */
    private final Set<Integer> severedEarly = new HashSet<>();

    /**
     * A view change. Each core that stops being a co-member of another (one of them left, or was
     * removed) forgets it and tells it so with a SEVER message; channels being FIFO, every message
     * from a peer that arrives after this core forgot it and before its SEVER was sent before that
     * peer forgot this core, and is dropped (requests are answered NOT_MEMBER). A core that leaves
     * the view itself aborts what it sequences and forgets every core, so that nothing anywhere
     * waits on it and it waits on nothing; once both SEVERs have crossed, a rejoin starts clean.
     */
    private void viewChanged(View v) {
        boolean in = v.contains(core());
        Set<Integer> now = new HashSet<>();
        if (in) for (int i : v.members()) if (i != core()) now.add(i);
        if (!in) {
            retype.leaving();
            revoke.leaving();
            move.leaving();
            for (Pending p : List.copyOf(pending.values())) {
                pending.values().remove(p);
                p.future().complete(Outcome.failure(Outcome.Reason.NOT_MEMBER, p.op() + ": core " + core() + " left the view"));
            }
        }
        Set<Integer> before = coMembers;
        for (int i : before) {
            if (now.contains(i)) continue;
            if (!severedEarly.remove(i)) cut.add(i);
            if (kernel.connected(i)) send(i, SEVER);
        }
        coMembers = now;
        for (int i = 0; i < kernel.machine().size(); i++) {
            if (i != core() && !now.contains(i)) forget(i);
        }
        if (!in) for (int i = 0; i < kernel.machine().size(); i++) if (i != core()) forget(i);
    }

    /** {@code from} removed this core from its view (or left): nothing from it before this message is current. */
    private void onSever(int from) {
        if (cut.remove(from)) return;
        forget(from);
        if (!coMembers.contains(from)) {
            // this core never shared a view with the sender (a hot-plugged core that installed a view
            // without itself before joining): it will never cut the sender, so answer at once, or the
            // sender would treat everything from here as stale forever
            if (kernel.connected(from)) send(from, SEVER);
            return;
        }
        severedEarly.add(from);
    }

    boolean waiting() {
        return !pending.isEmpty() || retype.waiting() || revoke.waiting() || move.waiting();
    }

    /** The cores something here waits on: answers, votes, acks, markers, or the owner of an operation in progress. */
    Set<Integer> awaited() {
        Set<Integer> s = new HashSet<>();
        for (Pending p : pending.values()) s.add(p.peer());
        retype.awaited(s);
        revoke.awaited(s);
        move.awaited(s);
        s.remove(core());
        return s;
    }

    private final Set<Integer> probing = new HashSet<>();

    /**
     * Failure detection without polling: for every core something here waits on, one monitor
     * ping is outstanding. The machine fails the pings waiting on a core it removes (the kernel's
     * onPeerFailed listeners are not called by Machine.removeCore today), which tells this core to
     * resolve what waited on it. A ping that comes back is re-sent only while the wait lasts.
     */
    void watch() {
        if (!waiting()) return;
        for (int p : awaited()) {
            if (lost.contains(p) || !probing.add(p)) continue;
            if (!kernel.connected(p)) {
                probing.remove(p);
                if (!kernel.machine().isAlive(p)) kernel.later(() -> peerGone(p));
                continue;
            }
            kernel.monitor().ping(p).thenAccept(o -> kernel.later(() -> {
                probing.remove(p);
                if (o.succeeded()) watch();
                else peerGone(p);
            }));
        }
    }

    // ---------------------------------------------------------------- encoding a capability in a message

    /** Writes {@code c}'s description at {@code out[off..]}: id, type, base, size, owner, depth, ancestors; returns the next offset. */
    static int encode(Capability c, int ownerAt, long[] out, int off) {
        long[] a = c.ancestorsRef();
        out[off++] = c.id();
        out[off++] = c.type().ordinal();
        out[off++] = c.base();
        out[off++] = c.size();
        out[off++] = ownerAt;
        out[off++] = a.length;
        for (long x : a) out[off++] = x;
        return off;
    }

    static Capability decode(long[] p, int off, int count) {
        int depth = (int) p[off + 5];
        long[] anc = Arrays.copyOfRange(p, off + 6, off + 6 + depth);
        return new Capability(p[off], CapType.values()[(int) p[off + 1]], p[off + 2], p[off + 3], anc, (int) p[off + 4], count);
    }

    static int encodedLength(Capability c) {
        return 6 + c.ancestorsRef().length;
    }
}
