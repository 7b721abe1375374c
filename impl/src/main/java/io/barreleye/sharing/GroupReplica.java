package io.barreleye.sharing;

/**
 * The replica of a counter that one cache group holds, and the only way its cores reach it.
 * {@code member} is the caller's index in the group (0 = the home core); a member is one core,
 * so calls for the same member never overlap in the multikernel (the implementations still
 * serialise them, so that tests may call from several threads per member).
 */
interface GroupReplica extends AutoCloseable {
    /** Adds {@code delta}; returns the value after the add. */
    long add(int member, long delta);

    /** The current value. */
    long get(int member);

    SharingMode mode();

    @Override
    void close();
}
