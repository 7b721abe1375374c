package io.barreleye.traces;

import io.barreleye.channel.Generation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the two endpoints' logs of one URPC channel, recorded without a lock, into one order of
 * steps that the two sides could have run in one after the other: an order that keeps each side's
 * program order and the order the channel's memory gives between the sides.
 *
 * <p>The order between the sides comes from the ring positions each step names (unbounded counts,
 * never reused), not from clocks:
 * <ul>
 *   <li>a Recv or RecvAck of position p comes after the peer's Send or SendAck of position p, whose
 *       header it acquired (reads-from; the header it took must be the one that write stored, or the
 *       logs are reported inconsistent);</li>
 *   <li>generation B: a Send of position n comes after the peer's Recv of position n - N, whose
 *       cleared used bit it read (reads-from);</li>
 *   <li>generation B: a SendBusy at position n comes before the peer's Recv of position n - N: it
 *       read the used bit that Recv cleared, still set (from-read).</li>
 * </ul>
 * Generation A's acks need no edge of their own: an ack travels in a message, so a sender learns
 * that position p was read only after the Recv of p, by program order and reads-from. Any order
 * that respects these edges is one the spec must explain: each event's recorded values depend only
 * on its own side's state and on what it read.
 *
 * <p>Store buffering: on a real machine (x86, or Java's release/acquire) a load may be performed
 * before the same core's earlier store is visible, so in generation B both sides can clear a slot
 * and then each be told busy by a slot the other has just cleared. No interleaving explains that
 * with program order kept, and no bug is involved: a stale busy answer only retries. The spec's
 * SendBusy(c) reads ring c and writes busy[c]; its Recv(c) reads ring Peer(c) and clears a slot
 * there: the two commute. So when the merge is stuck, a generation-B SendBusy may be taken ahead
 * of the Recv steps of its own side just before it. Anything else that leaves the merge stuck is
 * reported: the logs admit no happens-before order, which a correct channel cannot produce.
 */
final class HappensBeforeMerge {
    /** The merged steps; {@code problem} is null, or why the logs admit no order (then the rest follows in program order, side a first). */
    record Merged(List<ChannelStep> order, String problem) {}

    private final Generation generation;
    private final int slots;
    private final List<List<ChannelStep>> logs;
    /** deps[side][i]: steps of the other side that must come before step i. */
    private final List<List<List<Integer>>> deps = new ArrayList<>();
    private final boolean[][] done;
    private String problem;

    private HappensBeforeMerge(Generation generation, int slots, List<ChannelStep> a, List<ChannelStep> b) {
        this.generation = generation;
        this.slots = slots;
        this.logs = List.of(a, b);
        this.done = new boolean[][] {new boolean[a.size()], new boolean[b.size()]};
    }

    /** Merges side a's log and side b's (each in the order that side took its steps). */
    static Merged merge(Generation g, int slots, List<ChannelStep> a, List<ChannelStep> b) {
        HappensBeforeMerge m = new HappensBeforeMerge(g, slots, a, b);
        m.edges();
        return m.order();
    }

    /** The edges between the sides, from the positions the steps name; a take of a position nobody wrote is a problem. */
    private void edges() {
        List<Map<Long, Integer>> writes = new ArrayList<>();
        List<Map<Long, Integer>> takes = new ArrayList<>();
        for (int side = 0; side < 2; side++) {
            Map<Long, Integer> w = new HashMap<>();
            Map<Long, Integer> t = new HashMap<>();
            List<ChannelStep> log = logs.get(side);
            List<List<Integer>> d = new ArrayList<>(log.size());
            for (int i = 0; i < log.size(); i++) {
                ChannelStep s = log.get(i);
                if (s.writes()) w.put(s.written(), i);
                if (s.takes()) t.put(s.took(), i);
                d.add(new ArrayList<>(1));
            }
            writes.add(w);
            takes.add(t);
            deps.add(d);
        }
        boolean genB = generation == Generation.USED_BIT;
        for (int side = 0; side < 2; side++) {
            int peer = 1 - side;
            List<ChannelStep> log = logs.get(side);
            for (int i = 0; i < log.size(); i++) {
                ChannelStep s = log.get(i);
                if (s.takes()) {
                    Integer w = writes.get(peer).get(s.took());
                    if (w == null) {
                        note(s.describe() + " took a slot core " + peer + " never wrote at that position");
                        continue;
                    }
                    long stored = logs.get(peer).get(w).writtenHeader();
                    if (stored != s.takenHeader()) {
                        note(s.describe() + " took header 0x" + Long.toHexString(s.takenHeader()) + ", but the write of that position stored 0x"
                                + Long.toHexString(stored));
                    }
                    deps.get(side).get(i).add(w);
                } else if (genB && s.action().equals("Send") && s.written() >= slots) {
                    Integer t = takes.get(peer).get(s.written() - slots);
                    if (t == null) {
                        note(s.describe() + " found its slot free, but core " + peer + " never took position " + (s.written() - slots));
                        continue;
                    }
                    deps.get(side).get(i).add(t);
                } else if (genB && s.action().equals("SendBusy") && s.next() >= slots) {
                    Integer t = takes.get(peer).get(s.next() - slots);
                    if (t != null) deps.get(peer).get(t).add(i);
                }
            }
        }
    }

    private void note(String why) {
        if (problem == null) problem = why;
    }

    /** Takes, greedily, any step whose predecessors are all taken; the side further behind first. */
    private Merged order() {
        List<ChannelStep> out = new ArrayList<>(logs.get(0).size() + logs.get(1).size());
        int[] next = {0, 0};
        while (true) {
            for (int side = 0; side < 2; side++) {
                while (next[side] < done[side].length && done[side][next[side]]) next[side]++;
            }
            boolean aLeft = next[0] < done[0].length;
            boolean bLeft = next[1] < done[1].length;
            if (!aLeft && !bLeft) return new Merged(out, problem);
            int first = !aLeft ? 1 : !bLeft ? 0 : next[1] < next[0] ? 1 : 0;
            int taken = -1;
            for (int k = 0; k < 2 && taken < 0; k++) {
                int side = k == 0 ? first : 1 - first;
                if (next[side] < done[side].length && ready(side, next[side])) taken = side;
            }
            if (taken >= 0) {
                take(taken, next[taken], out);
                continue;
            }
            if (hoistBusy(next, out)) continue;
            note("the two cores' logs admit no order: " + waiting(0, next[0]) + "; " + waiting(1, next[1]));
            for (int side = 0; side < 2; side++) {
                for (int i = next[side]; i < done[side].length; i++) {
                    if (!done[side][i]) out.add(logs.get(side).get(i));
                }
            }
            return new Merged(out, problem);
        }
    }

    private boolean ready(int side, int i) {
        for (int j : deps.get(side).get(i)) {
            if (!done[1 - side][j]) return false;
        }
        return true;
    }

    private void take(int side, int i, List<ChannelStep> out) {
        done[side][i] = true;
        out.add(logs.get(side).get(i));
    }

    /** Generation B, stuck: a ready SendBusy behind only Recv steps of its own side goes first (they commute). */
    private boolean hoistBusy(int[] next, List<ChannelStep> out) {
        if (generation != Generation.USED_BIT) return false;
        for (int side = 0; side < 2; side++) {
            List<ChannelStep> log = logs.get(side);
            for (int i = next[side]; i < log.size(); i++) {
                if (done[side][i]) continue;
                String a = log.get(i).action();
                if (a.equals("SendBusy")) {
                    if (!ready(side, i)) break;
                    take(side, i, out);
                    return true;
                }
                if (!a.equals("Recv")) break;
            }
        }
        return false;
    }

    /** What step i of {@code side} waits for. */
    private String waiting(int side, int i) {
        if (i >= done[side].length) return "core " + side + " has no step left";
        StringBuilder sb = new StringBuilder(logs.get(side).get(i).describe()).append(" (its step ").append(i).append(") waits for");
        for (int j : deps.get(side).get(i)) {
            if (!done[1 - side][j]) sb.append(' ').append(logs.get(1 - side).get(j).describe()).append(" (step ").append(j).append(')');
        }
        return sb.toString();
    }
}
