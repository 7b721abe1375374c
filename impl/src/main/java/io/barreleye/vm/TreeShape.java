package io.barreleye.vm;

/**
 * How an unmap travels from its initiator to the other cores (the spec's {@code Parent} operator).
 * See {@link MulticastTree}. {@link #DEFAULT} is {@link #SKB}.
 */
public enum TreeShape {
    /** The initiator sends Unmap to every other core itself ({@code Broadcast}). */
    BROADCAST,
    /** A chain: each core forwards to the next one by id, wrapping around ({@code Chain}). */
    UNICAST,
    /** One message per package to a leader core, which forwards inside its package. */
    MULTICAST,
    /** Like MULTICAST, leaders of the farthest packages (by {@code Topology.hops}) first. */
    NUMA_MULTICAST,
    /**
     * The system knowledge base's answer: the tree that minimises the latest delivery over the
     * machine's latencies, with a fan-out bound ({@code io.barreleye.skb.TreeQuery}). The default.
     */
    SKB;

    /** The shape unmap uses when none is asked for. */
    public static final TreeShape DEFAULT = SKB;
}
