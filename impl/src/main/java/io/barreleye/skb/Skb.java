package io.barreleye.skb;

import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system knowledge base of one machine: its {@link SkbFacts} and the questions asked of
 * them (multicast tree, placement, cache groups), each answered by a constraint model with a
 * greedy fallback (see {@link Method}).
 *
 * <p>One SKB per {@link Topology} object ({@link #of}), so every core of a machine asks the same
 * one. Tree answers are also kept per (machine, root, members): the unmap protocol computes the
 * tree on every core from the same question, and must get the same tree on each.
 */
public final class Skb {
    private static final Map<Topology, Skb> BY_TOPOLOGY = new WeakHashMap<>();
    private static final Map<String, TreePlan> TREES = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_TREES = 4096;

    private final SkbFacts facts;

    private Skb(SkbFacts facts) {
        this.facts = facts;
    }

    /**
     * The SKB of {@code t}: latencies from the hop model for a synthetic machine, measured by
     * {@link LatencyCalibration} (once per process) for {@code host}.
     */
    public static synchronized Skb of(Topology t) {
        return BY_TOPOLOGY.computeIfAbsent(t, topo -> new Skb(new SkbFacts(topo, latenciesOf(topo))));
    }

    private static LatencyMatrix latenciesOf(Topology t) {
        return Machines.HOST.equals(t.name()) ? LatencyCalibration.host(t) : LatencyMatrix.fromHopModel(t);
    }

    public SkbFacts facts() {
        return facts;
    }

    /** The best multicast tree from {@code root} over {@code members}, with the default parameters. */
    public TreePlan multicastTree(int root, Collection<Integer> members) {
        return multicastTree(TreeQuery.of(facts.latencies(), root, new ArrayList<>(members)));
    }

    /** The answer to {@code q} (remembered: the same question on this machine gets the same tree). */
    public TreePlan multicastTree(TreeQuery q) {
        String key = facts.topology().name() + "/" + facts.topology().size() + "/" + facts.latencies().source()
                + "/" + q.root() + "/" + q.members() + "/" + q.fanOut() + "/" + q.sendCostNanos() + "/" + q.nodeLimit();
        TreePlan cached = TREES.get(key);
        if (cached != null) return cached;
        synchronized (TREES) {
            cached = TREES.get(key);
            if (cached != null) return cached;
            if (TREES.size() >= MAX_CACHED_TREES) TREES.clear();
            TreePlan plan = SolverTree.plan(q);
            TREES.put(key, plan);
            return plan;
        }
    }

    /** The greedy answer alone (for comparison, and what the solver falls back to). */
    public TreePlan greedyTree(TreeQuery q) {
        return GreedyTree.plan(q);
    }

    /** Groups of live cores that share a last-level cache, among {@code cores}, ascending. */
    public List<List<Integer>> cacheGroups(Collection<Integer> cores) {
        List<Integer> live = facts.liveCores();
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> g : facts.topology().cacheGroups()) {
            List<Integer> kept = g.stream().filter(c -> cores.contains(c) && live.contains(c)).toList();
            if (!kept.isEmpty()) out.add(kept);
        }
        return out;
    }
}
