package io.barreleye.traces;

import io.barreleye.channel.EndpointState;

/**
 * One step of one URPC endpoint as that endpoint saw it, for {@link UrpcMapping}: the action (a
 * spec action's name), the side, its positions just after the step (unbounded counts), the header
 * word it stored into a ring ({@code Send}, {@code SendAck}; generation B's {@code Recv}: the
 * cleared header it left), the header word it took ({@code Recv}, {@code RecvAck}), and the payload
 * it wrote ({@code Send}: the caller's words) or copied out of the ring ({@code Recv}: the words as
 * they were in ring memory). Nothing here is read from the peer's state or from memory the peer
 * may be writing, so a step can be taken on the endpoint's own thread without a lock.
 */
public record ChannelStep(String action, int side, long next, long taken, long acked, long ackSent, long writtenHeader,
                          long takenHeader, long[] payload) {
    private static final long[] NONE = new long[0];

    /** The step {@code action} that {@code e} just took, read from the endpoint alone (its payload copied). */
    public static ChannelStep of(String action, EndpointState e) {
        long[] payload = NONE;
        if (action.equals("Send")) {
            payload = new long[e.sentLength()];
            for (int i = 0; i < payload.length; i++) payload[i] = e.sentWord(i);
        } else if (action.equals("Recv")) {
            payload = new long[e.deliveredLength()];
            for (int i = 0; i < payload.length; i++) payload[i] = e.deliveredWord(i);
        }
        return new ChannelStep(action, e.side(), e.next(), e.taken(), e.acked(), e.ackSent(), e.writtenHeader(), e.takenHeader(), payload);
    }

    /** A Send or SendAck: the step wrote ring position {@link #written}. */
    public boolean writes() {
        return action.equals("Send") || action.equals("SendAck");
    }

    /** A Recv or RecvAck: the step took ring position {@link #took} of the peer's ring. */
    public boolean takes() {
        return action.equals("Recv") || action.equals("RecvAck");
    }

    /** The position (an unbounded count) a writing step wrote. */
    public long written() {
        return next - 1;
    }

    /** The position (an unbounded count) a taking step took. */
    public long took() {
        return taken - 1;
    }

    /** The step for a reader: action, side, the position written or taken. */
    public String describe() {
        String what = writes() ? " of position " + written() : takes() ? " of position " + took() : " at position " + next;
        return "core " + side + "'s " + action + what;
    }
}
