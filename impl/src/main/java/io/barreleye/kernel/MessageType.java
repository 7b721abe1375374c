package io.barreleye.kernel;

/** The kinds of message kernels exchange; the ordinal travels in the message's first word. */
public enum MessageType {
    /** Workload: a round trip request and its answer. */
    PING, PONG,
    /** Workload: one message of an all-to-all storm. */
    STORM;

    private static final MessageType[] VALUES = values();

    public static MessageType of(int ordinal) {
        if (ordinal < 0 || ordinal >= VALUES.length) throw new IllegalArgumentException("unknown message type " + ordinal);
        return VALUES[ordinal];
    }
}
