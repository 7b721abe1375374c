package io.barreleye.skb;

import io.barreleye.topology.Core;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The SKB's facts and answers as text for people and as JSON for programs ({@code barreleye skb}). */
public final class SkbReport {
    private SkbReport() {
    }

    // ------------------------------------------------------------------ facts

    public static String factsText(Skb skb) {
        SkbFacts f = skb.facts();
        Topology t = f.topology();
        StringBuilder sb = new StringBuilder(t.describe());
        List<Integer> live = f.liveCores();
        sb.append("  live cores: ").append(PlacementDomains.ranges(live)).append('\n');
        for (String c : f.changes()) sb.append("    ").append(c).append('\n');
        sb.append("  cache groups (live): ");
        List<String> groups = new ArrayList<>();
        for (List<Integer> g : skb.cacheGroups(live)) groups.add("{" + PlacementDomains.ranges(g) + "}");
        sb.append(String.join(" ", groups)).append('\n');
        LatencyMatrix lat = f.latencies();
        sb.append("  one-way latency (ns), ").append(lat.source()).append(":\n");
        if (t.size() <= 16) {
            String cell = "%" + Math.max(5, String.valueOf(lat.max()).length() + 1) + "d"; // measured values can be long
            sb.append("      ");
            for (int j = 0; j < t.size(); j++) sb.append(String.format(Locale.ROOT, cell, j));
            sb.append('\n');
            for (int i = 0; i < t.size(); i++) {
                sb.append(String.format(Locale.ROOT, "  %3d ", i));
                for (int j = 0; j < t.size(); j++) sb.append(String.format(Locale.ROOT, cell, lat.nanos(i, j)));
                sb.append('\n');
            }
        } else {
            Map<Long, Integer> classes = new TreeMap<>();
            for (int i = 0; i < t.size(); i++) for (int j = 0; j < t.size(); j++) if (i != j) classes.merge(lat.nanos(i, j), 1, Integer::sum);
            classes.forEach((ns, pairs) -> sb.append(String.format(Locale.ROOT, "    %6d ns: %d ordered pairs%n", ns, pairs)));
            sb.append("    (the full matrix: --json)\n");
        }
        Map<String, Integer> placed = f.placements();
        if (!placed.isEmpty()) {
            sb.append("  services:\n");
            new TreeMap<>(placed).forEach((s, c) -> sb.append("    ").append(s).append(" on core ").append(c).append('\n'));
        }
        return sb.toString();
    }

    public static String factsJson(Skb skb) {
        SkbFacts f = skb.facts();
        Topology t = f.topology();
        StringBuilder sb = new StringBuilder("{\"machine\":").append(q(t.name())).append(",\"cores\":[");
        for (Core c : t.cores()) {
            if (c.id() > 0) sb.append(',');
            sb.append("{\"id\":").append(c.id()).append(",\"package\":").append(c.pkg()).append(",\"numaNode\":")
                    .append(c.numaNode()).append(",\"cacheGroup\":").append(c.cacheGroup()).append(",\"type\":")
                    .append(q(c.type().name())).append('}');
        }
        sb.append("],\"liveCores\":").append(f.liveCores()).append(",\"changes\":").append(strings(f.changes()));
        sb.append(",\"hops\":[");
        for (int i = 0; i < t.size(); i++) {
            sb.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < t.size(); j++) sb.append(j == 0 ? "" : ",").append(t.hops(i, j));
            sb.append(']');
        }
        sb.append("],\"latencySource\":").append(q(f.latencies().source())).append(",\"latencyNanos\":[");
        for (int i = 0; i < t.size(); i++) {
            sb.append(i == 0 ? "[" : ",[");
            for (int j = 0; j < t.size(); j++) sb.append(j == 0 ? "" : ",").append(f.latencies().nanos(i, j));
            sb.append(']');
        }
        sb.append("],\"cacheGroups\":").append(skb.cacheGroups(f.liveCores()));
        sb.append(",\"services\":").append(where(f.placements())).append("}\n");
        return sb.toString();
    }

    // ------------------------------------------------------------------ tree

    public static String treeText(TreeQuery query, TreePlan plan, TreePlan greedy) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "multicast tree from core %d over %d cores (fan-out at most %d, %d ns per send)%n",
                plan.root(), query.members().size(), query.fanOut(), query.sendCostNanos()));
        sb.append(String.format(Locale.ROOT, "  objective: latest delivery %d ns (greedy tree: %d ns), depth %d%n",
                plan.latestDelivery(), greedy.latestDelivery(), plan.depth()));
        sb.append(String.format(Locale.ROOT, "  answered by: %s in %.1f ms%n", plan.method().label(), plan.solveNanos() / 1e6));
        appendTree(sb, query, plan, plan.root(), 0, 0);
        return sb.toString();
    }

    private static void appendTree(StringBuilder sb, TreeQuery q, TreePlan p, int c, long at, int depth) {
        sb.append("  ").append("  ".repeat(depth)).append("core ").append(c).append(" at ").append(at).append(" ns\n");
        List<Integer> kids = p.children().get(c);
        for (int i = 0; i < kids.size(); i++) {
            int k = kids.get(i);
            appendTree(sb, q, p, k, at + (i + 1) * q.sendCostNanos() + q.lat(c, k), depth + 1);
        }
    }

    public static String treeJson(TreeQuery query, TreePlan plan, TreePlan greedy) {
        StringBuilder sb = new StringBuilder("{\"root\":").append(plan.root()).append(",\"members\":").append(query.members())
                .append(",\"fanOut\":").append(query.fanOut()).append(",\"sendCostNanos\":").append(query.sendCostNanos())
                .append(",\"latestDeliveryNanos\":").append(plan.latestDelivery())
                .append(",\"greedyLatestDeliveryNanos\":").append(greedy.latestDelivery())
                .append(",\"method\":").append(q(plan.method().name())).append(",\"solveMillis\":")
                .append(String.format(Locale.ROOT, "%.3f", plan.solveNanos() / 1e6)).append(",\"children\":{");
        boolean first = true;
        for (Map.Entry<Integer, List<Integer>> e : plan.children().entrySet()) {
            sb.append(first ? "" : ",").append(q(String.valueOf(e.getKey()))).append(':').append(e.getValue());
            first = false;
        }
        return sb.append("}}\n").toString();
    }

    // ------------------------------------------------------------------ placement

    public static String placementText(Topology t, PlacementQuery query, Placement p) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "placement of %d services on cores %s (capacity %d per core)%n",
                query.services().size(), PlacementDomains.ranges(query.cores()), query.capacity()));
        if (!p.satisfiable()) {
            return sb.append("  unsatisfiable: ").append(p.unsatisfiable()).append('\n').toString();
        }
        sb.append(String.format(Locale.ROOT, "  objective: traffic-weighted latency %d%n", p.cost()));
        sb.append(String.format(Locale.ROOT, "  answered by: %s in %.1f ms%n", p.method().label(), p.solveNanos() / 1e6));
        Map<Integer, List<String>> byCore = new TreeMap<>();
        new TreeMap<>(p.where()).forEach((s, c) -> byCore.computeIfAbsent(c, k -> new ArrayList<>()).add(s));
        byCore.forEach((c, s) -> sb.append(String.format(Locale.ROOT, "  core %2d (%s, node %d): %s%n", c, t.core(c).type(),
                t.core(c).numaNode(), String.join(", ", s))));
        return sb.toString();
    }

    public static String placementJson(PlacementQuery query, Placement p) {
        StringBuilder sb = new StringBuilder("{\"cores\":").append(query.cores()).append(",\"capacity\":").append(query.capacity())
                .append(",\"satisfiable\":").append(p.satisfiable());
        if (!p.satisfiable()) return sb.append(",\"unsatisfiable\":").append(q(p.unsatisfiable())).append("}\n").toString();
        return sb.append(",\"cost\":").append(p.cost()).append(",\"method\":").append(q(p.method().name()))
                .append(",\"solveMillis\":").append(String.format(Locale.ROOT, "%.3f", p.solveNanos() / 1e6))
                .append(",\"where\":").append(where(p.where())).append("}\n").toString();
    }

    /** One line for {@code run}: where the services went. */
    public static String placementLine(Placement p) {
        if (!p.satisfiable()) return "services: not placed: " + p.unsatisfiable();
        Map<Integer, List<String>> byCore = new TreeMap<>();
        new TreeMap<>(p.where()).forEach((s, c) -> {
            if (!s.startsWith("monitor.")) byCore.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
        });
        List<String> parts = new ArrayList<>();
        byCore.forEach((c, s) -> parts.add("core " + c + ": " + String.join(", ", s)));
        long monitors = p.where().keySet().stream().filter(s -> s.startsWith("monitor.")).count();
        return "services placed by the SKB (" + p.method().label() + ", cost " + p.cost() + "): " + String.join("; ", parts)
                + "; a monitor on each of " + monitors + " cores";
    }

    private static String where(Map<String, Integer> w) {
        StringBuilder sb = new StringBuilder("{");
        new TreeMap<>(w).forEach((s, c) -> sb.append(sb.length() > 1 ? "," : "").append(q(s)).append(':').append(c));
        return sb.append('}').toString();
    }

    private static String strings(List<String> xs) {
        List<String> out = new ArrayList<>();
        for (String x : xs) out.add(q(x));
        return "[" + String.join(",", out) + "]";
    }

    static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (ch < 0x20) sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    else sb.append(ch);
                }
            }
        }
        return sb.append('"').toString();
    }
}
