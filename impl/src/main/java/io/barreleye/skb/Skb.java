package io.barreleye.skb;

import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
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
    /** The newest view the SKB was told of (membership), 0 before any. */
    private int view;
    /** What services were asked for, as a function of the live cores; re-asked when cores leave or join. */
    private Function<List<Integer>, PlacementQuery> services;
    private Placement placement;
    private final List<String> replacements = new ArrayList<>();

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

    /** The tree unmap uses from {@code root} over {@code members} ({@link TreeQuery#forUnmap}). */
    public TreePlan unmapTree(int root, Collection<Integer> members) {
        return multicastTree(TreeQuery.forUnmap(facts.latencies(), root, new ArrayList<>(members)));
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

    /** The answer to a placement question over this machine's facts (nothing is recorded). */
    public Placement place(PlacementQuery q) {
        return SolverPlacement.place(facts.topology(), facts.latencies(), q);
    }

    /**
     * Places the services {@code request} asks for on the live cores, records where they went in
     * the facts, and keeps the request: when the live cores change, the services are placed again.
     */
    public synchronized Placement placeServices(Function<List<Integer>, PlacementQuery> request) {
        services = request;
        placement = place(request.apply(facts.liveCores()));
        if (placement.satisfiable()) facts.recordPlacement(placement.where());
        return placement;
    }

    /** The current placement of the services asked for by {@link #placeServices}, or null. */
    public synchronized Placement placement() {
        return placement;
    }

    /** What changed in the placement each time cores left or joined, oldest first. */
    public synchronized List<String> replacements() {
        return List.copyOf(replacements);
    }

    /**
     * Told on every core's view installation (the boot view, then each view the membership
     * protocol agrees): the live cores are the newest view's members. Cores that left lose their
     * services, which are placed again over the cores that remain; multicast trees are planned
     * per member set, so the next unmap asks for (and gets) a tree without the departed cores.
     */
    public synchronized void viewInstalled(int number, List<Integer> members) {
        if (number <= view) return;
        boolean boot = view == 0;
        view = number;
        if (boot) {
            facts.booted(members);
            return;
        }
        List<Integer> before = facts.liveCores();
        for (int c : before) if (!members.contains(c)) facts.coreLeft(c, "left the view (view " + number + ")");
        for (int c : members) if (!before.contains(c)) facts.coreJoined(c);
        if (services == null || before.equals(facts.liveCores())) return;
        Placement old = placement;
        placement = place(services.apply(facts.liveCores()));
        if (!placement.satisfiable()) {
            replacements.add("view " + number + ": cannot place the services: " + placement.unsatisfiable());
            return;
        }
        facts.recordPlacement(placement.where());
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, Integer> e : new java.util.TreeMap<>(placement.where()).entrySet()) {
            Integer was = old == null ? null : old.where().get(e.getKey());
            if (was == null) moved.add(e.getKey() + " -> " + e.getValue());
            else if (!was.equals(e.getValue())) moved.add(e.getKey() + " " + was + " -> " + e.getValue());
        }
        replacements.add("view " + number + " (live " + PlacementDomains.ranges(facts.liveCores()) + "): "
                + (moved.isEmpty() ? "nothing moved" : String.join(", ", moved)));
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
