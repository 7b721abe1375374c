package io.barreleye.kernel;

/**
 * Message type numbers; the number travels in the top 16 bits of a message's first word. Each
 * protocol package owns a range and names its types after its spec's messages.
 */
public final class MessageType {
    /** Workload: a round trip request and its answer. */
    public static final int PING = 0;
    public static final int PONG = 1;
    /** Workload: one message of an all-to-all storm. */
    public static final int STORM = 2;

    /** First type of the virtual-memory protocol (single-phase commit unmap). */
    public static final int VM_BASE = 16;
    /** First type of the capability protocols (two-phase commit retype and revoke, copy, move). */
    public static final int CAPS_BASE = 32;
    /** First type of the membership protocol (views agreed by their members). */
    public static final int MEMBERSHIP_BASE = 64;
    /** Types are below this. */
    public static final int MAX = 128;

    private MessageType() {}
}
