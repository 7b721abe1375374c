package io.barreleye.traces;

import io.barreleye.channel.ChannelObserver;
import io.barreleye.channel.EndpointState;
import io.barreleye.channel.Generation;
import io.barreleye.modelcheck.trace.TraceCheck;
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
 * The refinement mapping from one duplex URPC channel of the channel package to specs/Urpc.tla,
 * driven by the channel's observer hook ({@link ChannelObserver}): every step of either endpoint
 * becomes a trace event named as the spec's action, with the spec variables it changes read from
 * the endpoint and the ring memory just after the step. The pair's side {@code a} is spec core 0,
 * {@code b} is core 1; positions are the endpoint's counts modulo 2N.
 *
 * <p>What is read from the rings: the written slot's header (epoch bit, explicit-ACK bit and
 * 16-bit piggybacked ack in generation A), recorded as the spec's {@code ring[c][i]}; in generation
 * B, the used bit of the slot a Recv took, after the receiver cleared it. From the endpoints:
 * {@code next}, {@code recv}, {@code acked} and {@code ackSent}. Message ids are the spec's: the
 * k-th data message a side writes is id k (the channel carries words, not ids), and whether the
 * ring really holds it is read: each Send reads the first payload word of the slot it published
 * from the ring (a slot whose payload is not its caller's, such as a header published before its
 * payload, records id 0 and diverges at that Send) and remembers it with the id; each Recv looks
 * up the word it actually delivered to its caller among the ring's slots as the ring holds them
 * then, and records the id found as {@code rcvd[c][k]} (0, no id, when the word is in no slot).
 * A receiver that copies out a stale or another slot's payload thus diverges at that Recv.
 *
 * <p>{@code busy[c]} is the spec's "told busy and holding a queued message": set at the first busy
 * answer, cleared by the next Send. A busy answer while already busy changes no spec variable and
 * is not an event (a stutter).
 */
public final class UrpcMapping implements ChannelObserver {
    private final Generation generation;
    private final int slots;
    private final int[] cores;
    private final List<String> events = new ArrayList<>();
    private final long[] dataSent = new long[2];
    private final boolean[] busy = new boolean[2];
    /** Per ring (the writer's side) and slot: the first payload word and id of the data message last written there (id 0: an ACK or nothing). */
    private final long[][] slotWord;
    private final long[][] slotId;
    private final long[] dataRcvd = new long[2];
    private long clock;
    private String model;

    /** A mapping for a channel of {@code slots} slots per ring, between implementation cores {@code coreA} (side a) and {@code coreB}. */
    public UrpcMapping(Generation generation, int slots, int coreA, int coreB) {
        this.generation = generation;
        this.slots = slots;
        this.cores = new int[] {coreA, coreB};
        this.slotWord = new long[2][slots];
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

    @Override
    public synchronized void step(String action, EndpointState e) {
        int c = e.side();
        int peer = 1 - c;
        long mod = 2L * slots;
        List<Object> u = new ArrayList<>();
        switch (action) {
            case "Send", "SendAck" -> {
                long pos = (e.next() - 1) % mod;
                int slot = (int) (pos % slots);
                EndpointState.Slot s = e.txSlot(slot);
                boolean genA = generation == Generation.EPOCH_ACK;
                // the payload as the ring holds it now, not as the caller gave it: a slot published
                // without the caller's payload in it carries no message id (0), which the spec's Send refuses
                long written = s.firstWord();
                long id = action.equals("Send") ? ++dataSent[c] : 0;
                if (id != 0 && e.sentWord() != 0 && written != e.sentWord()) id = 0;
                slotWord[c][slot] = written;
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
                    u.addAll(List.of("rcvd", path(peer, ++dataRcvd[peer]), IntValue.of((int) deliveredId(e, peer, (int) ((e.taken() - 1) % slots), e.deliveredWord()))));
                }
                if (generation == Generation.EPOCH_ACK) {
                    u.addAll(List.of("acked", path(c), e.acked() % mod));
                } else {
                    int slot = (int) ((e.taken() - 1) % slots);
                    u.addAll(List.of("ring", path(peer, slot, "used"), BoolValue.of(e.rxSlot(slot).usedBit())));
                }
            }
            default -> throw new IllegalArgumentException("not a step of specs/Urpc.tla: " + action);
        }
        events.add(TraceLine.event(action, cores[c], ++clock, new Object[] {c}, u));
    }

    /**
     * The id of the data message whose payload a Recv delivered: the taken slot's when the word is
     * the one the ring holds there now (and held when that message was written), else that of the
     * first other slot of the ring holding the word, else 0.
     */
    private long deliveredId(EndpointState e, int ring, int taken, long word) {
        for (int k = 0; k < slots; k++) {
            int i = (taken + k) % slots;
            if (slotId[ring][i] != 0 && slotWord[ring][i] == word && e.rxSlot(i).firstWord() == word) return slotId[ring][i];
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
