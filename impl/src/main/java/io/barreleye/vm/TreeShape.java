package io.barreleye.vm;

/**
 * How an unmap travels from its initiator to the other cores (the spec's {@code Parent} operator).
 * See {@link MulticastTree}.
 */
public enum TreeShape {
    /** The initiator sends Unmap to every other core itself ({@code Broadcast}). */
    BROADCAST,
    /** A chain: each core forwards to the next one by id, wrapping around ({@code Chain}). */
    UNICAST,
    /** One message per package to a leader core, which forwards inside its package. */
    MULTICAST,
    /** Like MULTICAST, leaders of the farthest packages (by {@code Topology.hops}) first. */
    NUMA_MULTICAST
}
