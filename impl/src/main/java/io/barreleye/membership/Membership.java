package io.barreleye.membership;

import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.MessageType;
import io.barreleye.kernel.Messages;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.Recorder;
import io.barreleye.kernel.View;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * One core's replica of the membership protocol (specs/Membership.tla): numbered views, changed
 * one core at a time (a hot-plugged core joins, a member leaves for power management, a crashed
 * member is removed) and agreed by every live member of the current view before anyone installs
 * the new one.
 *
 * <p>View change. The coordinator of view v is its lowest-numbered live member (crashes are seen
 * by every core, as on one machine: {@link Machine#isAlive}). It proposes view v+1 (Propose) by
 * sending first its own view v (so that a member still behind installs it, channels being FIFO)
 * and then the proposal to every other member of v. A member of v accepts (Accept) if it has
 * accepted nothing for v+1, or accepted this proposer, or accepted a proposer that has since
 * crashed (Forget, then Accept); otherwise it rejects and the proposer withdraws (Withdraw). When
 * every member of v has accepted or crashed the proposal is agreed (Commit): the proposer sends
 * it to the members of v and of v+1, which install it (Install) through
 * {@link Kernel#installView}; a removed leaver installs it too and powers off (PowerOff). A
 * coordinator that holds an accepted proposal of a crashed proposer proposes exactly that one
 * again: if the crashed proposer had committed it, every live member had accepted it, so no
 * other view v+1 can be agreed (AgreedViews survives a proposer that crashes while sending its
 * commit). A member asked for a view it has already passed answers with its own installed view.
 *
 * <p>Everything here runs on the core's own thread. A crash is learnt from
 * {@link Kernel#onPeerFailed} (the machine tells every survivor); {@link Machine#isAlive} is read
 * for "live member" in agreement and abort decisions. A local task (tick) runs while anything is
 * pending: it commits, proposes, aborts operations, repeats join and leave requests (a core whose
 * commit was lost with a crashed committer learns its view from any core that answers), and fails
 * a join when every live core answers that it is in no view. A member that sees a crash in its
 * view nudges the coordinator, which proposes the removal.
 */
public final class Membership {
    static final int JOIN = MessageType.MEMBERSHIP_BASE;
    static final int LEAVE = MessageType.MEMBERSHIP_BASE + 1;
    static final int PROPOSE = MessageType.MEMBERSHIP_BASE + 2;
    static final int ACCEPT = MessageType.MEMBERSHIP_BASE + 3;
    static final int REJECT = MessageType.MEMBERSHIP_BASE + 4;
    static final int COMMIT = MessageType.MEMBERSHIP_BASE + 5;
    static final int WITHDRAW = MessageType.MEMBERSHIP_BASE + 6;
    /** A member saw a crash in its view: the coordinator should look (and propose the removal). */
    static final int NUDGE = MessageType.MEMBERSHIP_BASE + 7;
    /** A core in no view answers a join request: it cannot add anyone. */
    static final int JOIN_NACK = MessageType.MEMBERSHIP_BASE + 10;
    static final int OP_REQ = MessageType.MEMBERSHIP_BASE + 8;
    static final int OP_ACK = MessageType.MEMBERSHIP_BASE + 9;

    /** A proposal of this core: view {@code v} with {@code members}, sent to the members of {@code old}. */
    private static final class Proposal {
        final int v;
        final List<Integer> members;
        final List<Integer> old;
        final Set<Integer> accepted = new HashSet<>();

        Proposal(int v, List<Integer> members, List<Integer> old) {
            this.v = v;
            this.members = members;
            this.old = old;
        }
    }

    private final Kernel k;
    private final Machine m;
    private final int me;
    private final Set<MembershipFault> faults;
    private final int maskWords;
    private volatile Recorder recorder = Recorder.OFF;
    /** Every view this core installed, in order (read by the invariants). */
    private final List<View> history = new CopyOnWriteArrayList<>();
    /** Not a member: hot-plugged and not yet joined, or left (powered off). */
    private boolean off;
    private boolean leaving;
    private CompletableFuture<Outcome<View>> joinFuture;
    private CompletableFuture<Outcome<View>> leaveFuture;
    private final TreeSet<Integer> pendingJoin = new TreeSet<>();
    private final TreeSet<Integer> pendingLeave = new TreeSet<>();
    private final Set<Integer> dead = new HashSet<>();
    /** Cores the kernel reported failed (Kernel.onPeerFailed), in order. */
    private final List<Integer> failed = new ArrayList<>();
    private Proposal prop;
    private int accHolder = -1;
    private int accView;
    private List<Integer> accMembers = List.of();
    private boolean tickScheduled;
    /** Cores that answered this core's join request that they are in no view. */
    private final Set<Integer> joinNacks = new HashSet<>();
    private long joinTicks;
    /** A joining core repeats its request every this many of its ticks until it is in a view. */
    static final int JOIN_RESEND_TICKS = 128;
    private final TreeMap<Integer, ArrayDeque<long[]>> outq = new TreeMap<>();
    private final List<IntConsumer> deathListeners = new CopyOnWriteArrayList<>();
    private ViewOp op;

    private Membership(Kernel k, Machine m, Set<MembershipFault> faults) {
        this.k = k;
        this.m = m;
        this.me = k.id();
        this.faults = faults.isEmpty() ? EnumSet.noneOf(MembershipFault.class) : EnumSet.copyOf(faults);
        this.maskWords = (m.topology().size() + 63) / 64;
        View v = k.view();
        if (v != null) history.add(v);
        off = v == null || !v.contains(me);
        k.on(JOIN, (kk, msg, len) -> onJoin(Messages.from(msg[0])));
        k.on(LEAVE, (kk, msg, len) -> onLeave(Messages.from(msg[0])));
        k.on(PROPOSE, (kk, msg, len) -> onPropose(Messages.from(msg[0]), Messages.view(msg[0]), (int) msg[1], decode(msg, 2)));
        k.on(ACCEPT, (kk, msg, len) -> onAccept(Messages.from(msg[0]), (int) msg[1]));
        k.on(REJECT, (kk, msg, len) -> onReject(Messages.from(msg[0]), (int) msg[1]));
        k.on(COMMIT, (kk, msg, len) -> onCommit(Messages.from(msg[0]), (int) msg[1], decode(msg, 2)));
        k.on(WITHDRAW, (kk, msg, len) -> onWithdraw(Messages.from(msg[0]), (int) msg[1]));
        k.on(NUDGE, (kk, msg, len) -> kick());
        k.on(JOIN_NACK, (kk, msg, len) -> {
            if (joinFuture != null) joinNacks.add(Messages.from(msg[0]));
        });
        k.onPeerFailed(peer -> {
            failed.add(peer);
            kick();
        });
    }

    /** Installs the protocol (and {@link ViewOp}) on every core of {@code m}, now and as cores are hot-plugged. */
    public static void install(Machine m, Set<MembershipFault> faults) {
        install(m, faults, Recorder.OFF);
    }

    /**
     * Reports every spec action of the protocol, on every core now and as cores are hot-plugged,
     * to {@code r} (after {@link #install(Machine, Set)}, before the machine runs).
     */
    public static void setRecorder(Machine m, Recorder r) {
        m.installOnEveryCore(k -> {
            Membership ms = of(k);
            if (ms != null) ms.recorder = r == null ? Recorder.OFF : r;
        });
    }

    /** As {@link #install(Machine, Set)}, reporting every spec action to {@code recorder}. */
    public static void install(Machine m, Set<MembershipFault> faults, Recorder recorder) {
        m.installOnEveryCore(k -> {
            if (k.get(Membership.class) != null) return;
            Membership ms = new Membership(k, m, faults);
            ms.recorder = recorder == null ? Recorder.OFF : recorder;
            k.attach(Membership.class, ms);
            ViewOp op = new ViewOp(ms, k, m, ms.faults);
            ms.op = op;
            k.attach(ViewOp.class, op);
        });
    }

    public static Membership of(Kernel k) {
        return k.get(Membership.class);
    }

    // ---------------------------------------------------------------- public API (core's thread)

    /** Split-phase join of this (hot-plugged or powered-off) core: completes with the first view that holds it. */
    public CompletableFuture<Outcome<View>> requestJoin() {
        if (!off) return CompletableFuture.completedFuture(Outcome.success(k.view()));
        if (joinFuture != null) return joinFuture;
        joinFuture = new CompletableFuture<>();
        joinNacks.clear();
        joinTicks = 0;
        record("PowerOn", me);
        for (int peer = 0; peer < m.size(); peer++) {
            if (peer != me && m.isAlive(peer)) sendTo(peer, JOIN, 0);
        }
        kick();
        return joinFuture;
    }

    /** Split-phase leave (power management): completes with the first view without this core, after which it is off. */
    public CompletableFuture<Outcome<View>> leave() {
        if (off) return CompletableFuture.completedFuture(Outcome.failure(Outcome.Reason.NOT_MEMBER, "core " + me + " is in no view"));
        if (leaving) return leaveFuture;
        if (op.hasRunning()) {
            return CompletableFuture.completedFuture(Outcome.failure(Outcome.Reason.BUSY, "core " + me + " has an operation running"));
        }
        int live = 0;
        for (int c : k.view().members()) if (m.isAlive(c)) live++;
        if (live <= 1) {
            return CompletableFuture.completedFuture(Outcome.failure(Outcome.Reason.CONFLICT, "core " + me + " is the last live member"));
        }
        leaving = true;
        joinTicks = 0;
        leaveFuture = new CompletableFuture<>();
        record("Leave", me);
        pendingLeave.add(me);
        for (int c : k.view().members()) if (c != me) sendTo(c, LEAVE, viewNumber());
        kick();
        return leaveFuture;
    }

    /** True when this core is a member of the view it installed (not joining, not powered off). */
    public boolean isMember() {
        return !off;
    }

    /** True while this core asked to join and is in no view yet. */
    public boolean isJoining() {
        return joinFuture != null;
    }

    public boolean isLeaving() {
        return leaving;
    }

    public int id() {
        return me;
    }

    /** Every view this core installed, oldest first (any thread may read it). */
    public List<View> history() {
        return Collections.unmodifiableList(history);
    }

    /** The proposal this core has made and not yet committed or withdrawn (the spec's prop[c]), or null. */
    public View proposal() {
        Proposal p = prop;
        return p == null ? null : new View(p.v, p.members);
    }

    /** The core whose proposal this core has accepted (the spec's acc[c]), or -1 for none. */
    public int accepted() {
        return accHolder;
    }

    public ViewOp viewOp() {
        return op;
    }

    /** Called on this core when it first sees that {@code peer} crashed. */
    public void onDeath(IntConsumer l) {
        deathListeners.add(l);
    }

    // ---------------------------------------------------------------- handlers

    private void onJoin(int j) {
        if (off) {
            sendTo(j, JOIN_NACK, viewNumber());
            return;
        }
        View cur = k.view();
        if (cur.contains(j)) {
            // already agreed in: the commit never reached it (its sender crashed); send the view
            sendTo(j, COMMIT, cur.number(), encode(cur.number(), cur.members()));
            return;
        }
        pendingJoin.add(j);
        kick();
    }

    private void onLeave(int c) {
        View cur = k.view();
        if (cur != null && !cur.contains(c) && (!off || !cur.contains(me))) {
            // c was already removed (the commit never reached it, its sender crashed): send the view
            sendTo(c, COMMIT, cur.number(), encode(cur.number(), cur.members()));
            return;
        }
        if (off) return;
        pendingLeave.add(c);
        kick();
    }

    private void onPropose(int p, int hv, int nv, List<Integer> members) {
        if (off || k.view() == null || !m.isAlive(p)) return;
        View cur = k.view();
        if (nv <= cur.number()) {
            // a proposal for a view this core has passed: tell the proposer the view it installed
            sendTo(p, COMMIT, cur.number(), encode(cur.number(), cur.members()));
            return;
        }
        if (nv != cur.number() + 1 || hv != cur.number()) {
            sendTo(p, REJECT, cur.number(), nv);
            return;
        }
        if (accHolder == -1 || accHolder == p || !m.isAlive(accHolder) || accView != nv) {
            if (accHolder != -1 && accHolder != p) record("Forget", me, accHolder);
            accHolder = p;
            accView = nv;
            accMembers = members;
            record("Accept", me, p, nv);
            sendTo(p, ACCEPT, cur.number(), nv);
        } else {
            sendTo(p, REJECT, cur.number(), nv);
        }
        kick();
    }

    private void onAccept(int c, int nv) {
        if (prop != null && prop.v == nv) {
            prop.accepted.add(c);
            kick();
        }
    }

    private void onReject(int c, int nv) {
        if (prop == null || prop.v != nv) return;
        for (int x : prop.old) if (x != me) sendTo(x, WITHDRAW, viewNumber(), nv);
        prop = null;
        if (accHolder == me) accHolder = -1;
        record("Withdraw", me, nv); // after the change: the mapping reads the proposal (none) from this core
        kick();
    }

    private void onWithdraw(int p, int nv) {
        if (accHolder == p && accView == nv) accHolder = -1;
    }

    private void onCommit(int from, int nv, List<Integer> members) {
        apply(nv, members);
    }

    /** An agreed view {@code nv}: install it if it is newer than this core's. */
    private void apply(int nv, List<Integer> members) {
        View cur = k.view();
        if (cur != null && nv <= cur.number()) return;
        boolean member = members.contains(me);
        if (!member && off) return; // not ours to install (a joiner that is not in it yet)
        View v = new View(nv, members);
        history.add(v);
        accHolder = -1;
        if (prop != null && prop.v <= nv) prop = null;
        pendingJoin.removeIf(members::contains);
        pendingLeave.removeIf(c -> !members.contains(c));
        if (member) {
            off = false;
            record("Install", me, withMembers(nv, members)); // after the change, before the listeners (whose steps follow it)
            if (faults.contains(MembershipFault.VIEW_BEFORE_LISTENERS)) k.installViewTellingListenersLater(v); else k.installView(v); // BUG when set
            if (joinFuture != null) {
                CompletableFuture<Outcome<View>> f = joinFuture;
                joinFuture = null;
                f.complete(Outcome.success(v));
            }
            if (leaving) {
                for (int c : members) if (c != me) sendTo(c, LEAVE, nv);
            }
        } else {
            // a member removed from the view: it asked to leave (or was thought crashed); power off
            off = true;
            leaving = false;
            prop = null;
            pendingJoin.clear();
            pendingLeave.clear();
            record("PowerOff", me, nv);
            k.installView(v);
            if (leaveFuture != null) {
                CompletableFuture<Outcome<View>> f = leaveFuture;
                leaveFuture = null;
                f.complete(Outcome.success(v));
            }
        }
        kick();
    }

    // ---------------------------------------------------------------- the periodic task

    void kick() {
        if (tickScheduled) return;
        tickScheduled = true;
        k.later(this::tick);
    }

    private void tick() {
        tickScheduled = false;
        detectDeaths();
        if (joinFuture != null && noMemberLeft()) {
            CompletableFuture<Outcome<View>> f = joinFuture;
            joinFuture = null;
            f.complete(Outcome.failure(Outcome.Reason.NOT_MEMBER, "no live core is in a view: nobody can add core " + me));
        }
        if (leaving && resendDue()) {
            // the core that removes this one may have crashed with its commit: ask again
            for (int peer = 0; peer < m.size(); peer++) {
                if (peer != me && m.isAlive(peer)) sendTo(peer, LEAVE, viewNumber());
            }
        }
        if (joinFuture != null && resendDue()) {
            joinNacks.clear();
            // a core that was off (or not yet plugged in) when the request went out never saw it: ask again
            for (int peer = 0; peer < m.size(); peer++) {
                if (peer != me && m.isAlive(peer)) sendTo(peer, JOIN, 0);
            }
        }
        flush();
        drive();
        op.checkAll();
        if (busy()) kick();
    }

    /**
     * True when a join or leave request is due again: at least {@link #JOIN_RESEND_TICKS} ticks
     * since the last one, and every message this core sent before has left it (no send backlog
     * in a channel, nothing waiting here for a channel to be bound). Channels are reliable and
     * FIFO, so a copy that has not left yet will still arrive: repeating it adds nothing. On
     * threads a tick is one step of a spinning core, so repeating on ticks alone, while a peer
     * is descheduled or not yet bound, piles up copies without bound in front of everything else
     * this core sends (its accepts and acks), and the protocol starves behind them.
     */
    private boolean resendDue() {
        if (++joinTicks < JOIN_RESEND_TICKS) return false;
        if (!outq.isEmpty() || !k.quiet()) return false;
        joinTicks = 0;
        return true;
    }

    private void detectDeaths() {
        for (int c : failed) {
            if (c == me || !dead.add(c)) continue;
            pendingJoin.remove(c);
            pendingLeave.remove(c);
            outq.remove(c);
            for (IntConsumer l : deathListeners) l.accept(c);
            View cur = k.view();
            if (!off && cur != null && cur.contains(c)) {
                int coord = coordinator(cur);
                if (coord != me && coord >= 0) sendTo(coord, NUDGE, cur.number(), c);
            }
        }
    }

    String debug() {
        return "prop=" + (prop == null ? "-" : prop.v + " " + prop.members + " acc'd " + prop.accepted) + " acc=" + accHolder + "/" + accView
                + " pj=" + pendingJoin + " pl=" + pendingLeave + " outq=" + outq.keySet() + " off=" + off + " ops=" + op.debug();
    }

    /** True once this core has seen that {@code c} crashed. */
    boolean observedDead(int c) {
        return dead.contains(c);
    }

    /** Every live core answered (since the last request) that it is in no view. */
    private boolean noMemberLeft() {
        for (int c = 0; c < m.size(); c++) {
            if (c != me && m.isAlive(c) && !joinNacks.contains(c)) return false;
        }
        return true;
    }

    /**
     * Why this core is not at rest, as Membership.tla's quiescent state has it (no proposal or
     * acceptance open, no join or leave pending, no operation running, no crashed core left in its
     * view, nothing queued to send), or null when it is. Read at the end of a run, on any thread
     * once the machine has stopped.
     */
    public String unsettled() {
        if (joinFuture != null) return "core " + me + " is still joining";
        if (!outq.isEmpty()) return "core " + me + " still has messages queued for " + outq.keySet();
        if (off) return null;
        if (prop != null) return "core " + me + " still has its proposal of view " + prop.v + " open";
        if (accHolder != -1) return "core " + me + " still holds its acceptance of core " + accHolder + "'s proposal";
        if (leaving) return "core " + me + " is still leaving";
        if (!pendingJoin.isEmpty() || !pendingLeave.isEmpty()) {
            return "core " + me + " (view " + k.view() + ", coordinator " + coordinator(k.view()) + ") still has joins " + pendingJoin
                    + " and leaves " + pendingLeave + " pending; live cores " + liveCores();
        }
        if (op.hasRunning()) return "core " + me + " still has an operation running";
        for (int c : k.view().members()) if (!m.isAlive(c)) return "core " + me + "'s view " + k.view() + " still holds crashed core " + c;
        return null;
    }

    private List<Integer> liveCores() {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < m.size(); c++) if (m.isAlive(c)) out.add(c);
        return out;
    }

    private boolean busy() {
        if (!outq.isEmpty() || joinFuture != null) return true;
        if (off) return false;
        if (prop != null || accHolder != -1 || leaving || !pendingJoin.isEmpty() || !pendingLeave.isEmpty() || op.hasRunning()) {
            return true;
        }
        for (int c : k.view().members()) if (!m.isAlive(c)) return true;
        return false;
    }

    /** Commits this core's proposal when agreed, or proposes the next change if this core coordinates. */
    private void drive() {
        if (off || k.view() == null) return;
        View cur = k.view();
        if (prop != null) {
            for (int c : prop.old) {
                if (m.isAlive(c) && !prop.accepted.contains(c)) return;
            }
            Proposal p = prop;
            prop = null;
            record("Commit", me, p.v);
            broadcastCommit(p.v, p.members, p.old);
            apply(p.v, p.members);
            return;
        }
        if (leaving && liveMembers(cur) <= 1 && accHolder == -1) {
            // everyone else is gone: leaving would leave no view at all. (Not while this core has
            // accepted a proposal, perhaps agreed, that removes it: it is passed on below instead.)
            leaving = false;
            pendingLeave.remove(me);
            record("CancelLeave", me);
            CompletableFuture<Outcome<View>> f = leaveFuture;
            leaveFuture = null;
            if (f != null) f.complete(Outcome.failure(Outcome.Reason.CONFLICT, "core " + me + " is the last live member"));
        }
        boolean noAgreement = faults.contains(MembershipFault.INSTALL_WITHOUT_AGREEMENT);
        if (!noAgreement && coordinator(cur) != me) return;
        List<Integer> next;
        if (accHolder != -1 && accHolder != me && accView == cur.number() + 1) {
            if (m.isAlive(accHolder)) return; // someone else's proposal is under way
            next = accMembers; // a crashed proposer's: it may have been agreed, so propose it again
            record("Forget", me, accHolder);
        } else {
            next = nextChange(cur);
        }
        if (next == null) return;
        int nv = cur.number() + 1;
        prop = new Proposal(nv, next, cur.members());
        prop.accepted.add(me);
        accHolder = me;
        accView = nv;
        accMembers = next;
        record("Propose", me, withMembers(nv, next)); // after the change: the mapping reads the proposal from this core
        if (noAgreement) {
            // BUG (MembershipNoAgreement): install at once, without anyone's acceptance
            prop = null;
            record("Commit", me, nv);
            broadcastCommit(nv, next, cur.members());
            apply(nv, next);
            return;
        }
        long[] sync = encode(cur.number(), cur.members());
        long[] proposal = encode(nv, next);
        for (int c : cur.members()) {
            if (c == me) continue;
            sendTo(c, COMMIT, cur.number(), sync);
            sendTo(c, PROPOSE, cur.number(), proposal);
        }
        kick();
    }

    private void broadcastCommit(int nv, List<Integer> members, List<Integer> old) {
        long[] words = encode(nv, members);
        TreeSet<Integer> to = new TreeSet<>(old);
        to.addAll(members);
        for (int c : to) if (c != me) sendTo(c, COMMIT, nv - 1, words);
    }

    private int liveMembers(View v) {
        int n = 0;
        for (int c : v.members()) if (m.isAlive(c)) n++;
        return n;
    }

    private int coordinator(View v) {
        for (int c : v.members()) if (m.isAlive(c)) return c;
        return -1;
    }

    /** One change to view {@code cur}: remove a crashed member, else a leaving one, else add a joiner; null if none. */
    private List<Integer> nextChange(View cur) {
        for (int c : cur.members()) {
            if (!m.isAlive(c)) return without(cur.members(), c);
        }
        for (int c : pendingLeave) {
            if (cur.contains(c) && m.isAlive(c) && liveMembers(cur) > 1) return without(cur.members(), c);
        }
        for (int j : pendingJoin) {
            if (!cur.contains(j) && m.isAlive(j)) {
                List<Integer> out = new ArrayList<>(cur.members());
                out.add(j);
                Collections.sort(out);
                return out;
            }
        }
        return null;
    }

    private static List<Integer> without(List<Integer> members, int c) {
        List<Integer> out = new ArrayList<>(members);
        out.remove(Integer.valueOf(c));
        return out;
    }

    // ---------------------------------------------------------------- sending

    int viewNumber() {
        View v = k.view();
        return v == null ? 0 : v.number();
    }

    /** Sends {@code payload} to {@code peer} with {@code view} in the header; queued while the channel is not bound yet. */
    void sendTo(int peer, int type, int view, long... payload) {
        if (!m.isAlive(peer) || peer == me) return;
        long[] msg = new long[payload.length + 1];
        msg[0] = Messages.header(type, me, view);
        System.arraycopy(payload, 0, msg, 1, payload.length);
        ArrayDeque<long[]> q = outq.get(peer);
        if (q == null && k.connected(peer)) {
            k.sendRaw(peer, msg, msg.length);
            return;
        }
        if (q == null) outq.put(peer, q = new ArrayDeque<>());
        q.add(msg);
        kick();
    }

    private void flush() {
        var it = outq.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            int peer = e.getKey();
            if (!m.isAlive(peer)) {
                it.remove();
                continue;
            }
            if (!k.connected(peer)) continue;
            for (long[] msg : e.getValue()) k.sendRaw(peer, msg, msg.length);
            it.remove();
        }
    }

    private long[] encode(int v, List<Integer> members) {
        long[] w = new long[1 + maskWords];
        w[0] = v;
        for (int c : members) w[1 + c / 64] |= 1L << (c % 64);
        return w;
    }

    private List<Integer> decode(long[] msg, int from) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < maskWords; i++) {
            long word = msg[from + i];
            for (int b = 0; b < 64; b++) if ((word & (1L << b)) != 0) out.add(i * 64 + b);
        }
        return out;
    }

    /** Reports a spec action of this core to the kernel's recorder (Machine.setRecorder) and to this protocol's own. */
    void record(String event, int core, long... args) {
        Recorder r = recorder;
        if (r != Recorder.OFF) r.record(event, core, args);
        if (core == me) k.record(event, args);
        else k.record(event, prepend(core, args));
    }

    /** A recorded view: its number, then its members (the spec's Propose(p, M) and Install carry M). */
    private static long[] withMembers(int v, List<Integer> members) {
        long[] out = new long[members.size() + 1];
        out[0] = v;
        for (int i = 0; i < members.size(); i++) out[i + 1] = members.get(i);
        return out;
    }

    private static long[] prepend(long first, long[] rest) {
        long[] out = new long[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
