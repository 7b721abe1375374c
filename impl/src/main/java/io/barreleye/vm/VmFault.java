package io.barreleye.vm;

/** Switches that break the unmap protocol on purpose, so that tests can show the invariants catch it. */
public enum VmFault {
    /** A core acks its parent first and invalidates its replica and TLB a few steps later. */
    ACK_BEFORE_INVALIDATE,
    /** The initiator completes right after sending Unmap, without waiting for any ack. */
    COMPLETE_BEFORE_ALL_ACKS,
    /** The initiator frees the frame when the unmap starts instead of when it completes. */
    FREE_FRAME_EARLY,
    /** Only the page's home flushes its TLB: the other cores clear their replica but keep the cached translation. */
    REMOTE_TLB_KEPT,
    /** A core that forwards an Unmap waits for the acks of all its children but the first. */
    CHILD_MISSED_IN_WAIT
}
