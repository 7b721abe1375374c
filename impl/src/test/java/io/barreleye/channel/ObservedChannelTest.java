package io.barreleye.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What an observer is told: each step of either endpoint, by the spec's action name, with the
 * endpoint's state just after it (the refinement mappings read nothing else). Also the planted
 * bugs' effect on that state, as seen from the channel itself.
 */
class ObservedChannelTest {
    /** One observed step: the action and the state read at that moment. */
    record Step(String action, int side, long next, long taken, long acked, long ackSent, long sentWord, long delivered, EndpointState.Slot tx0,
            EndpointState.Slot rx0) {}

    private final List<Step> steps = new ArrayList<>();
    private final ChannelObserver observer = (action, e) -> steps.add(new Step(action, e.side(), e.next(), e.taken(), e.acked(), e.ackSent(),
            e.sentWord(), e.deliveredWord(), e.txSlot(0), e.rxSlot(0)));
    private final long[] buf = new long[Endpoint.PAYLOAD_WORDS];

    private Step last() {
        return steps.get(steps.size() - 1);
    }

    @Test
    void usedBitStepsReportTheSlotsAndTheWordsMoved() {
        Urpc.Pair p = Urpc.duplex(Generation.USED_BIT, 2, observer);
        assertTrue(p.a().trySend(new long[] {42, 7}, 2));
        Step send = last();
        assertEquals("Send", send.action());
        assertEquals(0, send.side());
        assertEquals(1, send.next());
        assertEquals(42, send.sentWord());
        assertTrue(send.tx0().usedBit());
        assertEquals(42, send.tx0().firstWord());
        assertEquals(2, Header.length(send.tx0().header()));

        assertEquals(2, p.b().tryRecv(buf));
        Step recv = last();
        assertEquals("Recv", recv.action());
        assertEquals(1, recv.side());
        assertEquals(1, recv.taken());
        assertEquals(42, recv.delivered());
        assertFalse(recv.rx0().usedBit(), "the receiver cleared the used bit");

        assertTrue(p.a().trySend(new long[] {43}, 1));
        assertTrue(p.a().trySend(new long[] {44}, 1));
        assertFalse(p.a().trySend(new long[] {45}, 1));
        assertEquals("SendBusy", last().action());
        assertEquals(List.of("Send", "Recv", "Send", "Send", "SendBusy"), steps.stream().map(Step::action).toList());
    }

    @Test
    void epochAckStepsReportEpochsAcksAndExplicitAcks() {
        Urpc.Pair p = Urpc.duplex(Generation.EPOCH_ACK, 3, observer);
        assertTrue(p.a().trySend(new long[] {1}, 1));
        Step send = last();
        assertEquals(0, send.tx0().epochBit(), "the first wrap writes epoch 0 over the empty slots' 1");
        assertFalse(send.tx0().isAck());
        assertEquals(0, send.tx0().ack16());
        assertTrue(p.a().trySend(new long[] {2}, 1));
        assertFalse(p.a().trySend(new long[] {3}, 1), "N-1 data messages fill a ring of N");
        assertEquals("SendBusy", last().action());

        assertEquals(1, p.b().tryRecv(buf));
        assertEquals(1, last().delivered());
        assertEquals(1, p.b().tryRecv(buf));
        assertEquals(2, last().delivered());
        Step ack = last();
        assertEquals("SendAck", ack.action(), "two taken and unacked: b acks explicitly");
        assertEquals(2, ack.ackSent());
        assertEquals(1, ack.side());

        assertTrue(p.a().trySend(new long[] {3}, 1), "the ACK frees a's ring");
        Step recvAck = steps.get(steps.size() - 2);
        assertEquals("RecvAck", recvAck.action());
        assertEquals(2, recvAck.acked());
        assertEquals(1, recvAck.taken());
        assertEquals(3, last().sentWord());
        EndpointState.Slot s = last().rx0();
        assertTrue(s.isAck());
        assertEquals(2, s.ack16());
        assertEquals(2, s.ack(2));
        assertEquals(2, s.ack(5), "a 16-bit ack widens to the latest count it can stand for");
    }

    @Test
    void fragmentsCarryMoreAndMayBeEmpty() {
        Urpc.Pair p = Urpc.duplex(Generation.USED_BIT, 3, observer);
        FragmentLink a = (FragmentLink) p.a();
        assertTrue(a.trySendFragment(new long[] {8}, 0, 1, true));
        assertTrue(a.trySendFragment(new long[0], 0, 0, false));
        assertEquals(1 | Header.FRAGMENT_MORE, ((FragmentLink) p.b()).tryRecvFragment(buf, 0), "a fragment with more to follow says so");
        assertEquals(0, p.b().tryRecv(buf), "an empty fragment is a message of no words, not nothing");
        assertEquals(0, last().delivered());
        assertEquals(-1, p.b().tryRecv(buf));
    }

    @Test
    void theEpochBitFlipsOnEveryWrap() {
        Urpc.Pair p = Urpc.duplex(Generation.EPOCH_ACK, 3, observer);
        for (int i = 0; i < 3; i++) {
            assertTrue(p.a().trySend(new long[] {i}, 1));
            assertEquals(1, p.b().tryRecv(buf));
        }
        assertTrue(p.a().trySend(new long[] {3}, 1));
        assertEquals(1, steps.stream().filter(s -> s.action().equals("Send") && s.side() == 0).reduce((x, y) -> y).orElseThrow().tx0().epochBit(),
                "slot 0 written again, in the second wrap");
    }

    @Test
    void plantedBugsChangeWhatTheObserverSees() {
        Urpc.Pair late = Urpc.duplex(Generation.USED_BIT, 2, observer, Set.of(ChannelFault.HEADER_BEFORE_PAYLOAD));
        assertTrue(late.a().trySend(new long[] {9}, 1));
        assertEquals(0, last().tx0().firstWord(), "the header is out, the payload not yet");
        assertEquals(1, late.b().tryRecv(buf));
        assertEquals(0, last().delivered(), "the receiver got the stale payload");

        steps.clear();
        Urpc.Pair next = Urpc.duplex(Generation.USED_BIT, 2, observer, Set.of(ChannelFault.READS_NEXT_SLOT));
        assertTrue(next.a().trySend(new long[] {5}, 1));
        assertTrue(next.a().trySend(new long[] {6}, 1));
        assertEquals(1, next.b().tryRecv(buf));
        assertEquals(6, last().delivered());

        Urpc.Pair full = Urpc.duplex(Generation.EPOCH_ACK, 3, observer, Set.of(ChannelFault.FULL_RING_OFF_BY_ONE));
        for (int i = 0; i < 3; i++) assertTrue(full.a().trySend(new long[] {i}, 1), "the slot kept for the ACK is taken by data");

        Urpc.Pair stale = Urpc.duplex(Generation.EPOCH_ACK, 4, observer, Set.of(ChannelFault.STALE_PIGGYBACKED_ACK));
        assertTrue(stale.a().trySend(new long[] {1}, 1));
        assertEquals(1, stale.b().tryRecv(buf));
        assertTrue(stale.b().trySend(new long[] {2}, 1));
        assertEquals(0, last().tx0().ack16(), "the piggybacked ack is the one sent before, not the count taken");

        assertThrows(IllegalArgumentException.class, () -> Urpc.duplex(Generation.USED_BIT, 2, null, Set.of(ChannelFault.READS_NEXT_SLOT)));
    }

    /** A locking observer runs both sides under its lock; an unlocked one leaves them racing, as unobserved. */
    @Test
    void onlyALockingObserverSerialisesTheTwoSides() {
        List<Boolean> held = new ArrayList<>();
        ChannelObserver locking = new ChannelObserver() {
            @Override
            public void step(String action, EndpointState e) {
                held.add(Thread.holdsLock(this));
            }
        };
        ChannelObserver unlocked = new ChannelObserver() {
            @Override
            public void step(String action, EndpointState e) {
                held.add(Thread.holdsLock(this));
            }

            @Override
            public boolean locksChannel() {
                return false;
            }
        };
        assertTrue(locking.locksChannel(), "observers lock the channel unless they say otherwise");
        for (ChannelObserver o : List.of(locking, unlocked)) {
            Urpc.Pair p = Urpc.duplex(Generation.EPOCH_ACK, 3, o);
            assertTrue(p.a().trySend(new long[] {1}, 1));
            assertEquals(1, p.b().tryRecv(buf));
        }
        assertEquals(List.of(true, true, false, false), held);
    }

    /** What an unlocked observer reads instead of the rings: the header and payload each step wrote or took. */
    @Test
    void eachStepReportsTheHeaderAndPayloadItWroteOrTook() {
        List<long[]> seen = new ArrayList<>();
        ChannelObserver o = (action, e) -> {
            long[] payload = new long[action.startsWith("Send") ? e.sentLength() : e.deliveredLength()];
            for (int i = 0; i < payload.length; i++) payload[i] = action.startsWith("Send") ? e.sentWord(i) : e.deliveredWord(i);
            seen.add(payload);
            seen.add(new long[] {e.writtenHeader(), e.takenHeader()});
        };
        Urpc.Pair b = Urpc.duplex(Generation.USED_BIT, 2, o);
        assertTrue(b.a().trySend(new long[] {9, 8, 7}, 2));
        assertEquals(2, b.b().tryRecv(buf));
        long sentHeader = Header.USED | Header.lengthField(2);
        assertArrayEquals(new long[] {9, 8}, seen.get(0));
        assertArrayEquals(new long[] {sentHeader, 0}, seen.get(1));
        assertArrayEquals(new long[] {9, 8}, seen.get(2), "the words copied out of the ring");
        assertArrayEquals(new long[] {0, sentHeader}, seen.get(3), "generation B's receiver took the header and left it cleared");

        seen.clear();
        Urpc.Pair a = Urpc.duplex(Generation.EPOCH_ACK, 3, o);
        assertTrue(a.a().trySend(new long[] {4}, 1));
        assertEquals(1, a.b().tryRecv(buf));
        long h = Header.lengthField(1);
        assertArrayEquals(new long[] {h, 0}, seen.get(1), "epoch 0, no ack, one word");
        assertArrayEquals(new long[] {4}, seen.get(2));
        assertArrayEquals(new long[] {0, h}, seen.get(3), "the receiver wrote nothing, took the sender's header");
        EndpointState e = (EndpointState) a.b();
        assertThrows(IndexOutOfBoundsException.class, () -> e.deliveredWord(1));
        assertThrows(IndexOutOfBoundsException.class, () -> ((EndpointState) a.a()).sentWord(-1));
    }
}
