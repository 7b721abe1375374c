package io.barreleye.vm;

import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.MessageType;
import io.barreleye.kernel.Messages;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.View;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One core's end of the single-phase commit unmap (spec Shootdown.tla). The home of page v
 * clears its replica and TLB and sends Unmap down the multicast tree rooted at itself; every
 * core clears its replica and TLB, forwards to its children and acks its parent once every child
 * acked; the home completes when every ack is in, and only then frees the frame.
 *
 * <p>Membership: the Unmap message carries the initiator's members (its view, less cores it is
 * not connected to) as a mask, so every core builds the same tree. Acks count only from members
 * of the current view. When a core that some core waits on fails or leaves the view, the waiting
 * core adopts the failed child's live subtree: it sends each of those cores a direct Unmap (no
 * forwarding), and waits for their acks instead. So an unmap always completes, successfully, with
 * the acks of the remaining members, and every live member has invalidated before the frame is
 * freed (a crashed core's TLB is gone with it). An unmap whose home crashes dies with the home.
 *
 * <p>Failures are learnt three ways: {@link Kernel#onPeerFailed}, {@link Kernel#onViewChange}, and,
 * while anything waits for acks, a local watch task that checks the channels to the awaited cores
 * (the machine unbinds a removed core's channel on every survivor).
 */
public final class UnmapProtocol {
    public static final int MAP = MessageType.VM_BASE;
    public static final int UNMAP = MessageType.VM_BASE + 1;
    public static final int ACK = MessageType.VM_BASE + 2;

    public enum Phase { IDLE, UNMAPPING }

    public enum St { IDLE, WAIT }

    /** The spec's phase[v], for the pages this core is home of (absent: IDLE). */
    final Map<Long, Phase> phase = new HashMap<>();
    /** The spec's victim[v]: the frame the current unmap of v releases (home only). */
    final Map<Long, Long> victim = new HashMap<>();
    /** The spec's st[c][v] (absent: IDLE). */
    final Map<Long, St> st = new HashMap<>();
    /** The spec's waiting[c][v]: cores whose ack this core still awaits. */
    final Map<Long, Set<Integer>> waiting = new HashMap<>();

    /** What this core knows of the unmap it is in for page v. */
    private static final class Round {
        final long gen;
        final MulticastTree tree;
        final Set<Integer> adopted = new LinkedHashSet<>();

        Round(long gen, MulticastTree tree) {
            this.gen = gen;
            this.tree = tree;
        }
    }

    private final Vm vm;
    private final Kernel k;
    private final PageTable pt;
    private final Tlb tlb;
    private final Map<Long, Round> rounds = new HashMap<>();
    private final Map<Long, CompletableFuture<Outcome<Long>>> futures = new HashMap<>();
    private final Map<Long, Long> nextGen = new HashMap<>();
    private record TreeKey(int initiator, long mask) {}

    private final Map<TreeKey, MulticastTree> trees = new HashMap<>();
    private final long[] words = new long[5];
    private boolean watching;

    UnmapProtocol(Vm vm) {
        this.vm = vm;
        this.k = vm.kernel();
        this.pt = vm.pageTable();
        this.tlb = vm.tlb();
        k.on(MAP, (kk, m, len) -> recvMap(m[1], m[2], m[3]));
        k.on(UNMAP, (kk, m, len) -> recvUnmap(Messages.from(m[0]), m[1], m[2], (int) m[3], m[4], m[5] != 0));
        k.on(ACK, (kk, m, len) -> recvAck(m[1], m[2], Messages.from(m[0])));
        k.onPeerFailed(this::peerGone);
        k.onViewChange(this::viewChanged);
    }

    public Phase phase(long page) {
        return phase.getOrDefault(page, Phase.IDLE);
    }

    public long victim(long page) {
        return victim.getOrDefault(page, PageTable.NO_FRAME);
    }

    public St st(long page) {
        return st.getOrDefault(page, St.IDLE);
    }

    public Set<Integer> waiting(long page) {
        return Set.copyOf(waiting.getOrDefault(page, Set.of()));
    }

    // ------------------------------------------------------------------ map

    CompletableFuture<Outcome<Long>> map(long page, long frame) {
        CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
        String bad = notHome(page);
        if (bad != null) return fail(f, Outcome.Reason.CONFLICT, bad);
        if (phase(page) == Phase.UNMAPPING) return fail(f, Outcome.Reason.BUSY, "page " + page + " is being unmapped");
        if (pt.frame(page) != PageTable.NO_FRAME) {
            return fail(f, Outcome.Reason.CONFLICT, "page " + page + " is mapped to frame " + pt.frame(page));
        }
        if (!pt.free.contains(frame)) {
            return fail(f, Outcome.Reason.CONFLICT, "frame " + frame + " is not free at core " + k.id());
        }
        long g = Math.max(nextGen.getOrDefault(page, 0L), pt.seen(page)) + 1;
        nextGen.put(page, g);
        pt.map(page, frame, g);
        // A map needs no shootdown: no TLB can hold an entry for an unmapped page. Replicas learn
        // of it by message; a late Map older than an Unmap a replica already saw is ignored.
        for (int c : members()) {
            if (c != k.id()) k.send(c, MAP, page, frame, g);
        }
        f.complete(Outcome.success(frame));
        return f;
    }

    private void recvMap(long page, long frame, long g) {
        // a core outside its view holds no replicas of other homes' pages (see viewChanged): a Map
        // that arrives after it left would be one no Unmap reaches, and it would be stale once it joins again
        if (!inOwnView()) {
            pt.see(page, g);
            return;
        }
        pt.replicate(page, frame, g);
    }

    // ------------------------------------------------------------------ unmap

    /** Spec {@code Unmap(v)}: the home starts the shootdown. */
    CompletableFuture<Outcome<Long>> unmap(long page) {
        CompletableFuture<Outcome<Long>> f = new CompletableFuture<>();
        String bad = notHome(page);
        if (bad != null) return fail(f, Outcome.Reason.CONFLICT, bad);
        if (phase(page) == Phase.UNMAPPING) return fail(f, Outcome.Reason.BUSY, "page " + page + " is being unmapped");
        long frame = pt.frame(page);
        if (frame == PageTable.NO_FRAME) return fail(f, Outcome.Reason.CONFLICT, "page " + page + " is not mapped");
        long g = pt.generation(page);
        List<Integer> members = members();
        MulticastTree tree = tree(k.id(), MulticastTree.mask(members));
        phase.put(page, Phase.UNMAPPING);
        victim.put(page, frame);
        futures.put(page, f);
        if (vm.faulty(VmFault.FREE_FRAME_EARLY)) pt.free.add(frame);
        invalidate(page, g, tree, false);
        vm.record("Unmap", page, frame); // after the home's own invalidation, which the spec's Unmap includes
        forward(page, g, tree);
        if (vm.faulty(VmFault.COMPLETE_BEFORE_ALL_ACKS)) {
            complete(page);
        } else {
            progress(page);
        }
        return f;
    }

    /**
     * Spec {@code Invalidate(c, v, i)}: drop v from the replica and the TLB and wait for the
     * children's acks. With {@code late} (the ACK_BEFORE_INVALIDATE fault) the drop happens a few
     * local steps later.
     */
    void invalidate(long page, long g, MulticastTree tree, boolean late) {
        if (late) {
            dropLater(page, g, 4);
        } else {
            drop(page);
        }
        st.put(page, St.WAIT);
        Round r = new Round(g, tree);
        rounds.put(page, r);
        Set<Integer> children = new LinkedHashSet<>(tree.children(k.id()));
        if (vm.faulty(VmFault.CHILD_MISSED_IN_WAIT) && !children.isEmpty()) children.remove(children.iterator().next());
        waiting.put(page, children);
    }

    private void drop(long page) {
        pt.clear(page);
        if (vm.faulty(VmFault.REMOTE_TLB_KEPT) && vm.home(page) != k.id()) return;
        tlb.invalidate(page);
    }

    private void dropLater(long page, long g, int delay) {
        k.later(() -> {
            if (delay > 0) {
                dropLater(page, g, delay - 1);
            } else if (pt.generation(page) <= g) {
                drop(page);
            }
        });
    }

    private void forward(long page, long g, MulticastTree tree) {
        long mask = MulticastTree.mask(tree.members());
        for (int c : tree.children(k.id())) sendUnmap(c, page, g, tree.initiator(), mask, false);
    }

    private void sendUnmap(int to, long page, long g, int initiator, long mask, boolean direct) {
        if (!reachable(to)) return; // the watch (or the failure listeners) resolve the missing ack
        words[0] = page;
        words[1] = g;
        words[2] = initiator;
        words[3] = mask;
        words[4] = direct ? 1 : 0;
        k.sendWords(to, UNMAP, words, 5);
    }

    /** Spec {@code RecvUnmap(c, v)}. A direct Unmap (sent by a core adopting a failed core's subtree) is not forwarded and acked at once. */
    void recvUnmap(int from, long page, long g, int initiator, long mask, boolean direct) {
        if (g < pt.seen(page)) return; // an unmap of an older generation, already completed
        pt.see(page, g);
        boolean late = vm.faulty(VmFault.ACK_BEFORE_INVALIDATE);
        // RecvUnmap is recorded after the invalidation it stands for, so the mapping reads its effect
        if (direct) {
            if (late) dropLater(page, g, 4); else drop(page);
            vm.record("RecvUnmap", page, from);
            vm.record("SendAck", page, from);
            ack(from, page, g);
            return;
        }
        MulticastTree tree = tree(initiator, mask);
        invalidate(page, g, tree, late);
        vm.record("RecvUnmap", page, from);
        forward(page, g, tree);
        progress(page);
    }

    /** Spec {@code SendAck(c, v)}: this core and its whole subtree invalidated; tell the parent. */
    void sendAck(long page) {
        Round r = rounds.remove(page);
        st.remove(page);
        waiting.remove(page);
        int parent = r.tree.parent(k.id());
        vm.record("SendAck", page, parent);
        ack(parent, page, r.gen);
    }

    /**
     * Sends an ack, or keeps it while {@code to} is alive but outside this core's view: the views of
     * the two cores may differ for a moment, and an ack dropped then would leave {@code to} waiting.
     */
    private void ack(int to, long page, long g) {
        if (reachable(to)) {
            k.send(to, ACK, page, g, 0);
        } else if (k.connected(to) && k.machine().isAlive(to)) {
            deferredAcks.add(new long[] {to, page, g});
        }
    }

    private final List<long[]> deferredAcks = new ArrayList<>();

    /** Spec {@code RecvAck(c, v, d)}: counts only acks of the current round from members of the current view. */
    void recvAck(long page, long g, int from) {
        Round r = rounds.get(page);
        if (r == null || r.gen != g || st(page) != St.WAIT) return;
        View view = k.view();
        if (view != null && !view.contains(from)) return;
        Set<Integer> w = waiting.get(page);
        if (w == null || !w.remove(from)) return;
        vm.record("RecvAck", page, from);
        progress(page);
    }

    /** Spec {@code Complete(v)}: every ack is in; the frame is free again. */
    void complete(long page) {
        long frame = victim.remove(page);
        phase.remove(page);
        st.remove(page);
        waiting.remove(page);
        rounds.remove(page);
        pt.free.add(frame);
        vm.record("Complete", page, frame);
        CompletableFuture<Outcome<Long>> f = futures.remove(page);
        if (f != null) f.complete(Outcome.success(frame));
    }

    /** Acks or completes page's round if nothing is awaited any more; else keeps watching the awaited cores. */
    private void progress(long page) {
        if (st(page) != St.WAIT) return;
        Set<Integer> w = waiting.get(page);
        if (!w.isEmpty()) {
            watch();
            return;
        }
        if (rounds.get(page).tree.initiator() == k.id()) {
            if (phase(page) == Phase.UNMAPPING) complete(page);
            else { // cannot happen: only the home initiates
                st.remove(page);
                rounds.remove(page);
            }
        } else {
            sendAck(page);
        }
    }

    // ------------------------------------------------------------------ membership

    /** {@code peer} failed or left: every round waiting on it adopts its live subtree. */
    private void peerGone(int peer) {
        for (Long page : new ArrayList<>(waiting.keySet())) {
            Set<Integer> w = waiting.get(page);
            if (w == null || !w.remove(peer)) continue;
            Round r = rounds.get(page);
            if (!r.adopted.contains(peer)) {
                // a tree child: its subtree may not have heard of the unmap; address each live one directly
                long mask = MulticastTree.mask(r.tree.members());
                for (int d : r.tree.descendants(peer)) {
                    if (!reachable(d) || w.contains(d)) continue;
                    r.adopted.add(d);
                    w.add(d);
                    sendUnmap(d, page, r.gen, r.tree.initiator(), mask, true);
                }
            } // an adopted core has no subtree to adopt: its descendants were addressed directly
            vm.record("PeerGone", page, peer);
            progress(page);
        }
    }

    private void viewChanged(View v) {
        if (!inOwnView()) {
            // this core is out: it may not keep translations nobody will shoot down any more. Its
            // own pages' entries stay: they are the mappings themselves (pt[Home(v)][v]), which
            // other members' TLBs may still hold, and only an unmap, with its shootdown, may end them
            pt.dropReplicasOfOtherHomes();
            tlb.tlb.clear();
            vm.record("Excluded", v.number());
        }
        for (int c : awaited()) {
            if (!v.contains(c)) peerGone(c);
        }
        for (long[] a : new ArrayList<>(deferredAcks)) {
            if (reachable((int) a[0])) {
                deferredAcks.remove(a);
                k.send((int) a[0], ACK, a[1], a[2], 0);
            }
        }
        // A core awaited here may have answered while one of us was outside the other's view, and
        // such an ack is not sent (or not counted). Ask again, directly, of it and of its subtree:
        // each answers for itself only, so the round still completes only once every core invalidated.
        for (Long page : new ArrayList<>(waiting.keySet())) {
            Round r = rounds.get(page);
            Set<Integer> w = waiting.get(page);
            if (r == null || w == null || w.isEmpty()) continue;
            long mask = MulticastTree.mask(r.tree.members());
            for (int c : new ArrayList<>(w)) {
                if (!reachable(c)) continue;
                List<Integer> again = new ArrayList<>();
                again.add(c);
                if (!r.adopted.contains(c)) again.addAll(r.tree.descendants(c));
                for (int d : again) {
                    if (!reachable(d)) continue;
                    r.adopted.add(d);
                    w.add(d);
                    sendUnmap(d, page, r.gen, r.tree.initiator(), mask, true);
                }
            }
        }
    }

    private Set<Integer> awaited() {
        Set<Integer> all = new LinkedHashSet<>();
        for (Set<Integer> w : waiting.values()) all.addAll(w);
        return all;
    }

    /** While acks are awaited, a local task checks that the awaited cores are still there. */
    private void watch() {
        if (watching) return;
        watching = true;
        k.later(this::check);
    }

    private void check() {
        watching = false;
        for (int c : awaited()) {
            if (!reachable(c)) peerGone(c);
        }
        for (Set<Integer> w : waiting.values()) {
            if (!w.isEmpty()) {
                watch();
                return;
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** This core's members for a new operation: its view, less the cores it has no channel to. */
    private List<Integer> members() {
        List<Integer> out = new ArrayList<>();
        View v = k.view();
        if (v == null) {
            out.add(k.id());
            return out;
        }
        for (int c : v.members()) {
            if (c == k.id() || k.connected(c)) out.add(c);
        }
        if (!out.contains(k.id())) out.add(k.id());
        return out;
    }

    /** Whether this core is in the view it installed last (a core that left is not). */
    private boolean inOwnView() {
        View v = k.view();
        return v == null || v.contains(k.id());
    }

    private boolean reachable(int c) {
        if (c == k.id()) return true;
        View v = k.view();
        return k.connected(c) && k.machine().isAlive(c) && (v == null || v.contains(c));
    }

    private MulticastTree tree(int initiator, long mask) {
        if (trees.size() > 256) trees.clear();
        return trees.computeIfAbsent(new TreeKey(initiator, mask), key -> MulticastTree.build(k.machine().topology(),
                vm.shape(), initiator, MulticastTree.fromMask(mask)));
    }

    private String notHome(long page) {
        int h = vm.home(page);
        return h == k.id() ? null : "core " + k.id() + " is not the home of page " + page + " (core " + h + " is)";
    }

    private static CompletableFuture<Outcome<Long>> fail(CompletableFuture<Outcome<Long>> f, Outcome.Reason r, String why) {
        f.complete(Outcome.failure(r, why));
        return f;
    }
}
