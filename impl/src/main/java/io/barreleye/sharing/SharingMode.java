package io.barreleye.sharing;

/** How one cache group holds a replicated object. */
public enum SharingMode {
    /** The default of a multikernel: the group's replica lives on its home core; the others send it messages. */
    MESSAGES,
    /** The optimisation: one copy in the cache the group shares, under a lock. */
    SHARED
}
