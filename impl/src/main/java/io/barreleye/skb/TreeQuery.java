package io.barreleye.skb;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;

/**
 * The multicast-tree question: how should a message from {@code root} reach every core of
 * {@code members} so that the last core has it as early as possible?
 *
 * <h2>Objective</h2>
 * A core forwards to its children one after the other, each send costing
 * {@code sendCostNanos} of the sender's time; the k-th child of p (k = 1, 2, ...) has the
 * message at {@code delivery(p) + k * sendCostNanos + latency(p, child)}, and the root at 0.
 * The answer minimises the latest delivery over all members (the worst root-to-leaf sum of
 * latencies plus the send costs paid at each forwarder on the way), with at most
 * {@code fanOut} children per core.
 *
 * @param latencies     one-way latencies of the machine
 * @param root          the sender (added to the members when missing)
 * @param members       the cores to reach, ascending, the root included
 * @param fanOut        most children any core may have (at least 1)
 * @param sendCostNanos cost of one send at the sender (at least 1 ns)
 * @param timeLimit     the solver's wall-clock limit; the greedy tree is the answer past it
 * @param nodeLimit     the solver's search-node limit: a deterministic bound, so the same
 *                      question gets the same answer on every core that asks it
 */
public record TreeQuery(LatencyMatrix latencies, int root, List<Integer> members, int fanOut,
                        long sendCostNanos, Duration timeLimit, long nodeLimit) {
    /** Children per core when a request does not say. */
    public static final int DEFAULT_FAN_OUT = 6;
    /** Sender cost of one message (a cache-line write and its header) when a request does not say. */
    public static final long DEFAULT_SEND_COST_NANOS = 50;
    /** Solver wall-clock limit when a request does not say. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(2);
    /** Solver node limit when a request does not say. */
    public static final long DEFAULT_NODE_LIMIT = 1_000;

    public TreeQuery {
        TreeSet<Integer> ms = new TreeSet<>(members);
        ms.add(root);
        for (int c : ms) {
            if (c < 0 || c >= latencies.size()) {
                throw new IllegalArgumentException("core " + c + " is not a core of the machine (0.."
                        + (latencies.size() - 1) + ")");
            }
        }
        members = List.copyOf(ms);
        if (fanOut < 1) {
            throw new IllegalArgumentException("fan-out must be at least 1: " + fanOut);
        }
        if (sendCostNanos < 1) {
            throw new IllegalArgumentException("send cost must be at least 1 ns: " + sendCostNanos);
        }
        if (timeLimit.isNegative() || timeLimit.isZero() || nodeLimit < 1) {
            throw new IllegalArgumentException("solver limits must be positive");
        }
    }

    /** The question with the default fan-out, send cost and limits. */
    public static TreeQuery of(LatencyMatrix latencies, int root, List<Integer> members) {
        return new TreeQuery(latencies, root, members, DEFAULT_FAN_OUT, DEFAULT_SEND_COST_NANOS,
                DEFAULT_TIME_LIMIT, DEFAULT_NODE_LIMIT);
    }

    /** The same question with another fan-out bound. */
    public TreeQuery withFanOut(int f) {
        return new TreeQuery(latencies, root, members, f, sendCostNanos, timeLimit, nodeLimit);
    }

    /** The same question with other solver limits. */
    public TreeQuery withLimits(Duration time, long nodes) {
        return new TreeQuery(latencies, root, members, fanOut, sendCostNanos, time, nodes);
    }

    /**
     * The question the unmap protocol asks on every shootdown whose tree is not yet known: the
     * defaults with a smaller search budget ({@value #UNMAP_NODE_LIMIT} nodes, 1 s), since a core
     * waits for the answer before it sends; still deterministic, so every core gets the same tree.
     */
    public static TreeQuery forUnmap(LatencyMatrix latencies, int root, List<Integer> members) {
        return new TreeQuery(latencies, root, members, DEFAULT_FAN_OUT, DEFAULT_SEND_COST_NANOS, Duration.ofSeconds(1),
                UNMAP_NODE_LIMIT);
    }

    /** Solver node limit of {@link #forUnmap}. */
    public static final long UNMAP_NODE_LIMIT = 200;

    /** The latency from member a to member b. */
    long lat(int a, int b) {
        return latencies.nanos(a, b);
    }
}
