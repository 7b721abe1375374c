package io.barreleye.skb;

import io.barreleye.topology.Core;
import io.barreleye.topology.CoreType;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each service of a {@link PlacementQuery} may go (the cores its type, pin and NUMA node
 * allow), and, when a request cannot be met, the constraint that cannot hold, in words: found
 * before any search by checking each service alone and then every group of services that
 * compete for the same cores against those cores' capacity.
 */
final class PlacementDomains {
    private final Topology topology;
    private final PlacementQuery q;
    private final List<List<Integer>> allowed = new ArrayList<>();

    PlacementDomains(Topology topology, PlacementQuery q) {
        this.topology = topology;
        this.q = q;
        for (ServiceSpec s : q.services()) {
            List<Integer> ok = new ArrayList<>();
            for (int c : q.cores()) {
                Core core = topology.core(c);
                if (core.canRun(s.kind()) && (s.numaNode() < 0 || core.numaNode() == s.numaNode())
                        && (s.pinnedCore() < 0 || s.pinnedCore() == c)) {
                    ok.add(c);
                }
            }
            allowed.add(ok);
        }
    }

    /** The cores service i may run on, ascending. */
    List<Integer> allowed(int i) {
        return allowed.get(i);
    }

    /** The first constraint that cannot hold, or null when none is found without search. */
    String unsatisfiable() {
        for (int i = 0; i < q.services().size(); i++) {
            String why = alone(q.services().get(i), allowed.get(i));
            if (why != null) return why;
        }
        // Hall's condition for capacity: the services that can only use cores S must fit in S.
        Map<Set<Integer>, Boolean> seen = new LinkedHashMap<>();
        for (List<Integer> a : allowed) seen.put(new TreeSet<>(a), true);
        for (Set<Integer> cores : seen.keySet()) {
            List<String> names = new ArrayList<>();
            int load = 0;
            for (int i = 0; i < q.services().size(); i++) {
                if (cores.containsAll(allowed.get(i))) {
                    names.add(q.services().get(i).name());
                    load += q.services().get(i).load();
                }
            }
            int room = cores.size() * q.capacity();
            if (load > room) {
                String who = names.size() <= 6 ? String.join(", ", names)
                        : names.size() + " services (" + String.join(", ", names.subList(0, 4)) + ", ...)";
                return "capacity: " + who + " need " + load + " units but can only run on core"
                        + (cores.size() == 1 ? " " : "s ") + ranges(cores) + ", which hold " + room + " (capacity "
                        + q.capacity() + " per core)";
            }
        }
        return null;
    }

    private String alone(ServiceSpec s, List<Integer> ok) {
        if (!ok.isEmpty() && s.load() <= q.capacity()) return null;
        if (s.load() > q.capacity()) {
            return "capacity: " + s.name() + " needs " + s.load() + " units, more than a core holds (" + q.capacity() + ")";
        }
        Set<CoreType> able = EnumSet.noneOf(CoreType.class);
        for (CoreType t : CoreType.values()) if (t.canRun(s.kind())) able.add(t);
        if (s.pinnedCore() >= 0) {
            if (!q.cores().contains(s.pinnedCore())) {
                return "pinned: " + s.name() + " must run on core " + s.pinnedCore() + ", which is not live";
            }
            Core c = topology.core(s.pinnedCore());
            if (!c.canRun(s.kind())) {
                return "core type: " + s.name() + " must run on core " + c.id() + ", a " + c.type()
                        + " core, which cannot run " + s.kind() + " (only " + able + " can)";
            }
            return "NUMA node: " + s.name() + " must run on core " + c.id() + " (node " + c.numaNode()
                    + ") and on NUMA node " + s.numaNode();
        }
        if (s.numaNode() >= 0) {
            List<Integer> onNode = q.cores().stream().filter(c -> topology.core(c).numaNode() == s.numaNode()).toList();
            if (onNode.isEmpty()) {
                return "NUMA node: " + s.name() + " must run on NUMA node " + s.numaNode() + ", which has no live core";
            }
            return "core type: " + s.name() + " must run on NUMA node " + s.numaNode() + ", whose live cores "
                    + ranges(onNode) + " cannot run " + s.kind() + " (only " + able + " can)";
        }
        return "core type: no live core can run " + s.name() + " (" + s.kind() + "; only " + able + " can)";
    }

    static String ranges(java.util.Collection<Integer> ids) {
        List<Integer> sorted = ids.stream().sorted().toList();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sorted.size(); i++) {
            int start = sorted.get(i);
            int end = start;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == end + 1) end = sorted.get(++i);
            if (sb.length() > 0) sb.append(',');
            sb.append(start);
            if (end != start) sb.append('-').append(end);
        }
        return sb.toString();
    }
}
