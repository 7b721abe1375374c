package io.barreleye.skb;

import io.barreleye.topology.Core;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The SKB's facts about one machine: the hardware (cores, packages, shared caches, NUMA nodes
 * and hops, core types: from its {@link Topology}), the core-to-core latency matrix, which
 * cores are live members (the membership protocol reports joins and departures), and which
 * service runs on which core. The hardware facts are fixed; the rest changes at run time, from
 * any core's thread, so every mutable fact is guarded by this object's lock.
 */
public final class SkbFacts {
    private final Topology topology;
    private final LatencyMatrix latencies;
    private final TreeSet<Integer> live = new TreeSet<>();
    private final List<String> changes = new ArrayList<>();
    private final Map<String, Integer> placed = new LinkedHashMap<>();

    SkbFacts(Topology topology, LatencyMatrix latencies) {
        if (latencies.size() != topology.size()) {
            throw new IllegalArgumentException("latency matrix for " + latencies.size() + " cores, machine has "
                    + topology.size());
        }
        this.topology = topology;
        this.latencies = latencies;
        for (Core c : topology.cores()) live.add(c.id());
    }

    public Topology topology() {
        return topology;
    }

    public LatencyMatrix latencies() {
        return latencies;
    }

    /** The cores currently live (all of the machine's until the membership protocol says otherwise). */
    public synchronized List<Integer> liveCores() {
        return List.copyOf(live);
    }

    /** The boot view: exactly {@code members} are live (cores not booted are not departures). */
    synchronized void booted(List<Integer> members) {
        for (int c : members) topology.core(c);
        live.clear();
        live.addAll(members);
    }

    /** Told by the membership protocol: core {@code c} joined (hot-plug or rejoin). */
    public synchronized void coreJoined(int c) {
        topology.core(c);
        if (live.add(c)) changes.add("core " + c + " joined");
    }

    /** Told by the membership protocol: core {@code c} left or crashed; its services are unplaced. */
    public synchronized void coreLeft(int c, String why) {
        topology.core(c);
        if (live.remove(c)) {
            changes.add("core " + c + " " + why);
            placed.values().removeIf(core -> core == c);
        }
    }

    /** Joins and departures in the order the SKB learnt of them. */
    public synchronized List<String> changes() {
        return List.copyOf(changes);
    }

    /** Records where services run (replacing what was recorded for the same names). */
    public synchronized void recordPlacement(Map<String, Integer> where) {
        placed.putAll(where);
    }

    /** Service instance name to core, in the order they were recorded. */
    public synchronized Map<String, Integer> placements() {
        return Map.copyOf(placed);
    }

    /** Services recorded on core {@code c}, by name. */
    public synchronized List<String> servicesOn(int c) {
        List<String> out = new ArrayList<>();
        placed.forEach((s, core) -> {
            if (core == c) out.add(s);
        });
        return out;
    }
}
