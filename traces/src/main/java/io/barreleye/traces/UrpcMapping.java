package io.barreleye.traces;

import io.barreleye.channel.ChannelObserver;
import io.barreleye.channel.EndpointState;
import io.barreleye.channel.Generation;
import io.barreleye.modelcheck.trace.TraceCheck;
import io.barreleye.modelcheck.trace.TraceValidator;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.RecordValue;
import io.barreleye.modelcheck.value.StringValue;
import io.barreleye.modelcheck.value.Value;
import io.barreleye.modelcheck.value.BoolValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The refinement mapping from one duplex URPC channel of the channel package to specs/Urpc.tla:
 * every step of either endpoint ({@link ChannelStep}) becomes a trace event named as the spec's
 * action, with the spec variables it changes read from what the endpoint did just then. As a
 * {@link ChannelObserver} it is the locked recorder (the channel runs both sides under its lock,
 * so the steps arrive in an order they ran in); {@link PerCoreUrpcRecorder} feeds it the merged
 * per-core logs of an unlocked channel instead. The pair's side {@code a} is spec core 0, {@code b}
 * is core 1; positions are the endpoint's counts modulo 2N.
 *
 * <p>What is read from ring memory, as the endpoint stored or took it: the written slot's header
 * (epoch bit, explicit-ACK bit and 16-bit piggybacked ack in generation A), recorded as the spec's
 * {@code ring[c][i]}; in generation B, the used bit a Recv left in the slot it took (cleared). From
 * the endpoints: {@code next}, {@code recv}, {@code acked} and {@code ackSent}. Message ids are the
 * spec's: the k-th data message a side writes is id k (the channel carries words, not ids). What a
 * receiver got is read, not assumed: each Send remembers, per ring slot, the payload its caller
 * gave and the id; each Recv looks up the payload it actually copied out of the ring among the
 * ring's slots and records the id found as {@code rcvd[c][k]} (0, no id, when the words are in no
 * slot). A receiver that copies out a stale or another slot's payload thus diverges at that Recv.
 *
 * <p>{@code busy[c]} is the spec's "told busy and holding a queued message": set at the first busy
 * answer, cleared by the next Send. A busy answer while already busy changes no spec variable and
 * is not an event (a stutter).
 */
public final class UrpcMapping implements UrpcRecorder {
    private final Generation generation;
    private final int slots;
    private final int[] cores;
    private final List<String> events = new ArrayList<>();
    private final long[] dataSent = new long[2];
    private final boolean[] busy = new boolean[2];
    /** Per ring (the writer's side) and slot: the payload and id of the data message last written there (id 0: an ACK or nothing). */
    private final long[][][] slotPayload;
    private final long[][] slotId;
    private final long[] dataRcvd = new long[2];
    private long clock;
    private String model;
    /** Set when the steps came from per-core logs that admit no happens-before order: the run fails, whatever the trace says. */
    private String orderProblem;

    /** A mapping for a channel of {@code slots} slots per ring, between implementation cores {@code coreA} (side a) and {@code coreB}. */
    public UrpcMapping(Generation generation, int slots, int coreA, int coreB) {
        this.generation = generation;
        this.slots = slots;
        this.cores = new int[] {coreA, coreB};
        this.slotPayload = new long[2][slots][];
        this.slotId = new long[2][slots];
    }

    /** Names the model the header gives (default Urpc.cfg, or Urpc_B.cfg for generation B). */
    public synchronized UrpcMapping model(String cfg) {
        this.model = cfg;
        return this;
    }

    /** The spec's name of a generation: "A" (epoch bit and ACK) or "B" (used bit). */
    public static String gen(Generation g) {
        return g == Generation.EPOCH_ACK ? "A" : "B";
    }

    /** Data messages written so far by both sides. */
    public synchronized long dataMessages() {
        return dataSent[0] + dataSent[1];
    }

    /** Events recorded so far (the trace's lines less the header). */
    public synchronized int size() {
        return events.size();
    }

    /**
     * The model's constants: N, Gen, and MaxMsgs as large as the most data messages either side
     * wrote or holds queued (a side still busy at the end has one more it never got to write).
     */
    public synchronized Map<String, Value> constants() {
        Map<String, Value> c = new LinkedHashMap<>();
        c.put("N", IntValue.of(slots));
        long most = 1;
        for (int i = 0; i < 2; i++) most = Math.max(most, dataSent[i] + (busy[i] ? 1 : 0));
        c.put("MaxMsgs", IntValue.of((int) most));
        c.put("Gen", StringValue.of(gen(generation)));
        return c;
    }

    /** The header (the model, with this run's constants) and the events. */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>(events.size() + 1);
        String cfg = model != null ? model : generation == Generation.EPOCH_ACK ? "Urpc.cfg" : "Urpc_B.cfg";
        out.add(TraceCheck.header("Urpc.tla", cfg, constants()));
        out.addAll(events);
        return out;
    }

    /** This mapping itself: it records the steps as the locked channel reports them. */
    @Override
    public UrpcMapping mapping() {
        return this;
    }

    /** Why the per-core logs this mapping was fed admit no order (null: they do, or the steps came from a locked channel). */
    public synchronized String orderProblem() {
        return orderProblem;
    }

    synchronized void orderProblem(String why) {
        this.orderProblem = why;
    }

    /** The verdict on this mapping's trace: {@code r}, or a failure when the steps admit no order. */
    public synchronized TraceValidator.Result checked(TraceValidator.Result r) {
        if (orderProblem == null) return r;
        return new TraceValidator.Result(false, r.eventsChecked(), r.totalEvents(),
                "the two endpoints' logs admit no happens-before order: " + orderProblem, r.actions(), r.states());
    }

    /** On the channel's lock (the locked recorder): maps the step the endpoint just took. */
    @Override
    public synchronized void step(String action, EndpointState e) {
        record(ChannelStep.of(action, e));
    }

    /** Maps one step, the next in an order the two sides could have run in. */
    synchronized void record(ChannelStep e) {
        String action = e.action();
        int c = e.side();
        int peer = 1 - c;
        long mod = 2L * slots;
        List<Object> u = new ArrayList<>();
        switch (action) {
            case "Send", "SendAck" -> {
                long pos = (e.next() - 1) % mod;
                int slot = (int) (pos % slots);
                EndpointState.Slot s = new EndpointState.Slot(e.writtenHeader(), 0);
                boolean genA = generation == Generation.EPOCH_ACK;
                long id = action.equals("Send") ? ++dataSent[c] : 0;
                slotPayload[c][slot] = e.payload();
                slotId[c][slot] = id;
                u.addAll(List.of("ring", path(c, slot), slot(genA ? s.epochBit() : (int) (pos / slots), s.isAck(), id,
                        genA ? s.ack(e.ackSent()) % mod : 0)));
                u.addAll(List.of("next", path(c), e.next() % mod));
                if (genA) u.addAll(List.of("ackSent", path(peer), e.ackSent() % mod));
                if (action.equals("Send")) {
                    busy[c] = false;
                    u.addAll(List.of("busy", path(c), BoolValue.FALSE));
                }
            }
            case "SendBusy" -> {
                if (busy[c]) return; // told busy again while holding the same queued message: a stutter
                busy[c] = true;
                u.addAll(List.of("busy", path(c), BoolValue.TRUE));
            }
            case "Recv", "RecvAck" -> {
                u.addAll(List.of("recv", path(peer), e.taken() % mod));
                if (action.equals("Recv")) {
                    u.addAll(List.of("rcvd", path(peer, ++dataRcvd[peer]), IntValue.of((int) deliveredId(peer, (int) ((e.taken() - 1) % slots), e.payload()))));
                }
                if (generation == Generation.EPOCH_ACK) {
                    u.addAll(List.of("acked", path(c), e.acked() % mod));
                } else {
                    int slot = (int) ((e.taken() - 1) % slots);
                    u.addAll(List.of("ring", path(peer, slot, "used"), BoolValue.of(new EndpointState.Slot(e.writtenHeader(), 0).usedBit())));
                }
            }
            default -> throw new IllegalArgumentException("not a step of specs/Urpc.tla: " + action);
        }
        events.add(TraceLine.event(action, cores[c], ++clock, new Object[] {c}, u));
    }

    /**
     * The id of the data message whose payload a Recv delivered: the taken slot's when the words are
     * the ones written there, else that of the first other slot of the ring holding them, else 0.
     */
    private long deliveredId(int ring, int taken, long[] words) {
        for (int k = 0; k < slots; k++) {
            int i = (taken + k) % slots;
            if (slotId[ring][i] != 0 && java.util.Arrays.equals(slotPayload[ring][i], words)) return slotId[ring][i];
        }
        return 0;
    }

    /** The spec's slot record [epoch, used, kind, id, ack] of a slot just written. */
    private static Value slot(int epoch, boolean ack, long id, long ackPos) {
        return RecordValue.of(new String[] {"epoch", "used", "kind", "id", "ack"}, new Value[] {IntValue.of(epoch),
                BoolValue.TRUE, StringValue.of(ack ? "ack" : "data"), IntValue.of((int) id), IntValue.of((int) ackPos)});
    }

    private static Object[] path(Object... p) {
        return p;
    }
}
