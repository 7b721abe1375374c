package io.barreleye.channel;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What one direction of a URPC channel of N slots does, written from {@code specs/Urpc.tla}'s
 * counters rather than from the ring: no slots, epochs or header words, only the messages in
 * flight and what each side knows. The Lincheck scenarios use it as the sequential
 * specification, so it must say exactly when a send finds the ring full.
 *
 * <ul>
 *   <li>Generation B ({@code CanSend} reads the slot's used bit): busy when N messages are
 *       written and not yet taken.
 *   <li>Generation A: busy when {@code next - acked >= N - 1} (the last slot is kept for an
 *       explicit ACK) even after taking the ACKs waiting in the reverse ring. The producer
 *       learns {@code acked} only from those ACKs; the consumer writes one after it has taken
 *       {@code max(2, N/2)} messages not yet acknowledged, if its own ring has room by what it
 *       knows (the producer's count of ACKs taken, piggybacked on each data message).
 * </ul>
 */
abstract class RingModel {
    final int slots;

    RingModel(int slots) {
        this.slots = slots;
    }

    static RingModel of(Generation g, int slots) {
        return switch (g) {
            case EPOCH_ACK -> new EpochAck(slots);
            case USED_BIT -> new UsedBit(slots);
        };
    }

    /** Writes message {@code m}; false (and nothing written) when the ring is full. */
    abstract boolean send(long m);

    /** Takes the next message, or null when none is written. */
    abstract Long recv();

    /** An independent copy (the history checker explores states side by side). */
    abstract RingModel copy();

    /** What distinguishes two states: equal keys, equal futures. */
    abstract List<Object> key();

    @Override
    public final boolean equals(Object o) {
        return o instanceof RingModel m && m.getClass() == getClass() && key().equals(m.key());
    }

    @Override
    public final int hashCode() {
        return key().hashCode();
    }

    /** Generation B: a used bit per slot. */
    static final class UsedBit extends RingModel {
        private final ArrayDeque<Long> ring = new ArrayDeque<>();

        UsedBit(int slots) {
            super(slots);
        }

        @Override
        boolean send(long m) {
            if (ring.size() >= slots) return false;
            ring.add(m);
            return true;
        }

        @Override
        Long recv() {
            return ring.poll();
        }

        @Override
        RingModel copy() {
            UsedBit c = new UsedBit(slots);
            c.ring.addAll(ring);
            return c;
        }

        @Override
        List<Object> key() {
            return List.of(List.copyOf(ring));
        }
    }

    /** Generation A: epoch bit, piggybacked ack, explicit ACK. */
    static final class EpochAck extends RingModel {
        /** A data message in flight and the producer's count of ACKs taken when it was written. */
        private record Data(long m, long piggyback) {}

        private final ArrayDeque<Data> data = new ArrayDeque<>();
        /** Explicit ACKs in the reverse ring, each the consumer's count of messages taken when written. */
        private final ArrayDeque<Long> acks = new ArrayDeque<>();
        private final int ackThreshold;
        // the producer: messages written, messages known taken, ACKs taken
        private long next;
        private long acked;
        private long acksTaken;
        // the consumer: messages taken, the count last acknowledged, ACKs written, ACKs known taken
        private long taken;
        private long ackSent;
        private long acksWritten;
        private long acksKnownTaken;

        EpochAck(int slots) {
            super(slots);
            ackThreshold = Math.max(2, slots / 2);
        }

        @Override
        boolean send(long m) {
            if (next - acked >= slots - 1) {
                while (!acks.isEmpty()) {
                    acked = acks.poll();
                    acksTaken++;
                }
                if (next - acked >= slots - 1) return false;
            }
            data.add(new Data(m, acksTaken));
            next++;
            return true;
        }

        @Override
        Long recv() {
            Data d = data.poll();
            if (d != null) {
                acksKnownTaken = d.piggyback();
                taken++;
            }
            if (taken - ackSent >= ackThreshold && acksWritten - acksKnownTaken < slots) {
                acks.add(taken);
                ackSent = taken;
                acksWritten++;
            }
            return d == null ? null : d.m();
        }

        @Override
        RingModel copy() {
            EpochAck c = new EpochAck(slots);
            c.data.addAll(data);
            c.acks.addAll(acks);
            c.next = next;
            c.acked = acked;
            c.acksTaken = acksTaken;
            c.taken = taken;
            c.ackSent = ackSent;
            c.acksWritten = acksWritten;
            c.acksKnownTaken = acksKnownTaken;
            return c;
        }

        @Override
        List<Object> key() {
            return List.of(List.copyOf(data), List.copyOf(acks), next, acked, acksTaken, taken, ackSent, acksWritten, acksKnownTaken);
        }
    }
}
