package io.barreleye.membership;

import io.barreleye.kernel.Invariant;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.View;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The safety invariants of specs/Membership.tla as code over every core's replica (crashed cores
 * included: what a core installed or counted before it crashed still counts, as the spec's ghost
 * {@code vlog} and {@code opAcks} do).
 */
public final class MembershipInvariants {
    private MembershipInvariants() {}

    public static List<Invariant> all() {
        return List.of(agreedViews(), acksFromViewMembers(), completeOnlyWithAllAcks(), crashResolvesOperation(), listenersHeardView());
    }

    /** Two cores that installed view v installed the same members. */
    public static Invariant agreedViews() {
        return Invariant.of("AgreedViews", m -> {
            List<List<View>> installed = new java.util.ArrayList<>();
            for (int c = 0; c < m.size(); c++) {
                Membership ms = Membership.of(m.kernel(c));
                installed.add(ms == null ? List.of() : ms.history());
            }
            return agreedViews(installed);
        });
    }

    /** AgreedViews over the views each core installed ({@code installed.get(c)}: core c's history): null, or the first two that differ. */
    public static String agreedViews(List<List<View>> installed) {
        Map<Integer, View> seen = new HashMap<>();
        Map<Integer, Integer> by = new HashMap<>();
        for (int c = 0; c < installed.size(); c++) {
            for (View v : installed.get(c)) {
                View other = seen.putIfAbsent(v.number(), v);
                if (other == null) {
                    by.put(v.number(), c);
                } else if (!other.members().equals(v.members())) {
                    return "view " + v.number() + " installed as " + other.members() + " on core " + by.get(v.number())
                            + " but as " + v.members() + " on core " + c;
                }
            }
        }
        return null;
    }

    /** An operation counts acks only from members of its view, given in that view. */
    public static Invariant acksFromViewMembers() {
        return Invariant.of("AcksFromViewMembers", m -> {
            for (int c = 0; c < m.size(); c++) {
                ViewOp vo = ViewOp.of(m.kernel(c));
                if (vo == null) continue;
                for (ViewOp.Op op : vo.history()) {
                    for (int[] a : op.acks) {
                        if (!op.members.contains(a[0]) || a[1] != op.view) {
                            return "operation " + op.id + " of core " + c + " in view " + op.view + " " + op.members
                                    + " counted an ack " + Arrays.toString(a);
                        }
                    }
                }
            }
            return null;
        });
    }

    /** A completed operation has an ack from every other member of its view, given in that view. */
    public static Invariant completeOnlyWithAllAcks() {
        return Invariant.of("CompleteOnlyWithAllAcks", m -> {
            for (int c = 0; c < m.size(); c++) {
                ViewOp vo = ViewOp.of(m.kernel(c));
                if (vo == null) continue;
                for (ViewOp.Op op : vo.history()) {
                    if (op.state() != ViewOp.State.COMPLETED) continue;
                    for (int d : op.members) {
                        if (d != op.initiator && !op.acked(d, false)) {
                            return "operation " + op.id + " of core " + c + " in view " + op.view + " " + op.members
                                    + " completed without an ack from core " + d + " in that view";
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * OperationResolves, as a step-bounded safety check: once a live initiator has seen that a
     * member of its operation's view crashed before acking, the operation is no longer running
     * (AbortOp is taken when it becomes enabled, not merely eventually). Its view may never change
     * (nothing makes proposing fair), so an initiator that waits for that instead hangs.
     */
    public static Invariant crashResolvesOperation() {
        return Invariant.of("OperationResolves", m -> {
            for (int c = 0; c < m.size(); c++) {
                if (!m.isAlive(c)) continue;
                Membership ms = Membership.of(m.kernel(c));
                ViewOp vo = ViewOp.of(m.kernel(c));
                if (ms == null || vo == null) continue;
                for (ViewOp.Op op : vo.history()) {
                    if (op.state() != ViewOp.State.RUNNING) continue;
                    for (int d : op.members) {
                        if (d != op.initiator && ms.observedDead(d) && !op.acked(d, false)) {
                            return "operation " + op.id + " of core " + c + " in view " + op.view + " is still running although core "
                                    + c + " saw member " + d + " crash before acking";
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * What observes the order of an install and its listeners (the spec has no listeners: its
     * Install is one step): between steps, every live core's view listeners (ViewOp, which answers
     * requests held for that view and aborts operations of the old one; the unmap protocol, which
     * re-routes its rounds and drops what a core outside the view may not keep) have heard of the
     * view the core installed. A core that acts in a view its protocols have not heard of breaks it.
     */
    public static Invariant listenersHeardView() {
        return Invariant.of("ListenersHeardView", m -> {
            for (io.barreleye.kernel.Kernel k : m.live()) {
                if (Membership.of(k) == null || java.util.Objects.equals(k.view(), k.viewHeard())) continue;
                return "core " + k.id() + " installed view " + k.view() + " but its view listeners last heard of "
                        + k.viewHeard();
            }
            return null;
        });
    }

    /** The first violated invariant, as "Name: what", or null. */
    public static String violation(Machine m) {
        for (Invariant inv : all()) {
            String s = inv.check(m);
            if (s != null) return inv.name() + ": " + s;
        }
        return null;
    }
}
