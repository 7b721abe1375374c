package io.barreleye.membership;

import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Messages;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.View;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The view-aware single-phase commit of specs/Membership.tla (StartOp, RecvReq, RecvAck,
 * CompleteOp, AbortOp), one replica per core. The initiator sends a request carrying its view
 * number to every other member of its view; a member answers once it has installed that view (or
 * a later one), in the view it has installed; the initiator counts an ack only from a member of
 * the operation's view answering in that view, completes when every other member acked, and
 * aborts when a member crashed before acking, an ack comes from a later view, or its own view
 * changed. Operations are resolved, never hung (OperationResolves), unless their initiator crashes.
 */
public final class ViewOp {
    /** The states of an operation, as the spec's opSt. */
    public enum State { RUNNING, COMPLETED, ABORTED }

    /** One operation started on this core (read by the invariants). */
    public static final class Op {
        public final long id;
        public final int initiator;
        public final int view;
        public final List<Integer> members;
        /** Acks counted, as {core, view it answered in}. */
        public final List<int[]> acks = new CopyOnWriteArrayList<>();
        private volatile State state = State.RUNNING;
        final CompletableFuture<Outcome<Void>> future = new CompletableFuture<>();
        final long started;

        Op(long id, int initiator, View v, long started) {
            this.id = id;
            this.initiator = initiator;
            this.view = v.number();
            this.members = v.members();
            this.started = started;
        }

        public State state() {
            return state;
        }

        boolean acked(int core, boolean anyView) {
            for (int[] a : acks) if (a[0] == core && (anyView || a[1] == view)) return true;
            return false;
        }
    }

    private final Membership ms;
    private final Kernel k;
    private final Machine m;
    private final int me;
    private final Set<MembershipFault> faults;
    private long nextId = 1;
    private final Map<Long, Op> running = new LinkedHashMap<>();
    private final List<Op> history = new CopyOnWriteArrayList<>();
    /** Requests for a view this core has not installed yet: {from, op id, view}. */
    private final List<long[]> deferred = new ArrayList<>();

    ViewOp(Membership ms, Kernel k, Machine m, Set<MembershipFault> faults) {
        this.ms = ms;
        this.k = k;
        this.m = m;
        this.me = k.id();
        this.faults = faults;
        k.on(Membership.OP_REQ, (kk, msg, len) -> onReq(Messages.from(msg[0]), Messages.view(msg[0]), msg[1]));
        k.on(Membership.OP_ACK, (kk, msg, len) -> onAck(Messages.from(msg[0]), Messages.view(msg[0]), msg[1]));
        k.onViewChange(v -> {
            Iterator<long[]> it = deferred.iterator();
            while (it.hasNext()) {
                long[] d = it.next();
                if (v.number() >= d[2]) {
                    it.remove();
                    onReq((int) d[0], (int) d[2], d[1]);
                }
            }
            checkAll();
        });
    }

    public static ViewOp of(Kernel k) {
        return k.get(ViewOp.class);
    }

    /** Starts an operation in this core's view (StartOp); on this core's thread. */
    public CompletableFuture<Outcome<Void>> startOp() {
        View v = k.view();
        if (!ms.isMember() || v == null || !v.contains(me)) {
            return CompletableFuture.completedFuture(Outcome.failure(Outcome.Reason.NOT_MEMBER, "core " + me + " is in no view"));
        }
        if (ms.isLeaving()) {
            return CompletableFuture.completedFuture(Outcome.failure(Outcome.Reason.NOT_MEMBER, "core " + me + " is leaving"));
        }
        Op op = new Op(nextId++, me, v, k.now());
        running.put(op.id, op);
        history.add(op);
        ms.record("StartOp", me, op.id, op.view);
        for (int d : op.members) if (d != me) ms.sendTo(d, Membership.OP_REQ, op.view, op.id);
        check(op);
        ms.kick();
        return op.future;
    }

    /** Every operation this core started (any thread may read it). */
    public List<Op> history() {
        return Collections.unmodifiableList(history);
    }

    String debug() {
        StringBuilder sb = new StringBuilder();
        for (Op op : running.values()) {
            sb.append("[op ").append(op.id).append(" v").append(op.view).append(' ').append(op.members).append(" acks");
            for (int[] a : op.acks) sb.append(' ').append(a[0]).append('/').append(a[1]);
            sb.append(']');
        }
        return sb + " deferred=" + deferred.size();
    }

    boolean hasRunning() {
        return !running.isEmpty();
    }

    private void onReq(int from, int v, long id) {
        if (!ms.isMember() && !ms.isJoining()) return; // a powered-off core never answers
        View cur = k.view();
        if (cur == null || cur.number() < v || !cur.contains(me)) {
            deferred.add(new long[] {from, id, v});
            return;
        }
        ms.record("RecvReq", me, from, id, cur.number());
        ms.sendTo(from, Membership.OP_ACK, cur.number(), id);
    }

    private void onAck(int from, int av, long id) {
        Op op = running.get(id);
        if (op == null) {
            // a late ack of a resolved operation: taken and dropped (by a powered-off core, not even taken)
            if (ms.isMember() || ms.isJoining()) ms.record("RecvAck", me, from, id, av);
            return;
        }
        if (faults.contains(MembershipFault.ACK_FROM_ANY_VIEW)) {
            // BUG (MembershipAckAnyView): count the ack whatever its view and sender
            op.acks.add(new int[] {from, av});
            ms.record("RecvAck", me, from, id, av);
        } else if (av == op.view && op.members.contains(from)) {
            op.acks.add(new int[] {from, av});
            ms.record("RecvAck", me, from, id, av);
        } else if (av > op.view) {
            ms.record("RecvAck", me, from, id, av);
            resolve(op, State.ABORTED, Outcome.Reason.ABORTED, "core " + from + " answered in view " + av + " > " + op.view);
            return;
        }
        check(op);
    }

    void checkAll() {
        for (Op op : new ArrayList<>(running.values())) check(op);
    }

    private void check(Op op) {
        if (op.state != State.RUNNING) return;
        boolean anyView = faults.contains(MembershipFault.ACK_FROM_ANY_VIEW);
        boolean all = true;
        for (int d : op.members) {
            if (d != me && !op.acked(d, anyView)) {
                all = false;
                break;
            }
        }
        if (all) {
            resolve(op, State.COMPLETED, null, null);
            return;
        }
        View cur = k.view();
        if (cur == null || cur.number() != op.view || !ms.isMember()) {
            resolve(op, State.ABORTED, Outcome.Reason.ABORTED, "core " + me + "'s view changed from " + op.view);
            return;
        }
        if (faults.contains(MembershipFault.NO_ABORT_ON_CRASH)) return; // BUG (MembershipNoCrashAbort)
        for (int d : op.members) {
            if (d != me && !m.isAlive(d) && !op.acked(d, false)) {
                resolve(op, State.ABORTED, Outcome.Reason.CORE_FAILED, "core " + d + " crashed before acking");
                return;
            }
        }
    }

    private void resolve(Op op, State s, Outcome.Reason reason, String detail) {
        op.state = s;
        running.remove(op.id);
        if (s == State.COMPLETED) {
            ms.record("CompleteOp", me, op.id);
            op.future.complete(Outcome.success(null));
        } else {
            ms.record("AbortOp", me, op.id);
            op.future.complete(Outcome.failure(reason, detail));
        }
    }
}
