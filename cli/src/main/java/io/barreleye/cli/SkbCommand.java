package io.barreleye.cli;

import io.barreleye.skb.Placement;
import io.barreleye.skb.PlacementQuery;
import io.barreleye.skb.Skb;
import io.barreleye.skb.SkbReport;
import io.barreleye.skb.SystemServices;
import io.barreleye.skb.TreePlan;
import io.barreleye.skb.TreeQuery;
import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code barreleye skb facts|tree|place}: ask the system knowledge base about a machine. */
@Command(name = "skb", mixinStandardHelpOptions = true,
        description = "Ask the system knowledge base: its facts about a machine, the multicast tree it would use, "
                + "or where it would place the system's services.")
final class SkbCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "QUERY", description = "facts, tree or place.")
    String query;

    @Option(names = "--machine", defaultValue = "amd-4x4",
            description = "host, or a synthetic machine: intel-2x4, amd-4x4, amd-8x4, amd-8x8, single-16, hetero-8, hetero-32 (default: ${DEFAULT-VALUE}).")
    String machine;

    @Option(names = "--cores", description = "Only the machine's first N cores (default: all).")
    Integer cores;

    @Option(names = "--root", defaultValue = "0", description = "tree: the sending core (default: ${DEFAULT-VALUE}).")
    int root;

    @Option(names = "--fanout", defaultValue = "" + TreeQuery.DEFAULT_FAN_OUT,
            description = "tree: most children per core (default: ${DEFAULT-VALUE}).")
    int fanOut;

    @Option(names = "--apps", description = "place: applications to place (default: one per accelerator core, at least 2).")
    Integer apps;

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Topology t;
        try {
            t = Machines.named(machine);
            if (cores != null) t = t.firstCores(cores);
        } catch (IllegalArgumentException e) {
            System.err.println("barreleye skb: " + e.getMessage());
            return 2;
        }
        Skb skb = Skb.of(t);
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < t.size(); c++) all.add(c);
        switch (query) {
            case "facts" -> System.out.print(json ? SkbReport.factsJson(skb) : SkbReport.factsText(skb));
            case "tree" -> {
                if (root < 0 || root >= t.size() || fanOut < 1) {
                    System.err.println("barreleye skb: --root must be a core of " + t.name() + " (0.." + (t.size() - 1)
                            + ") and --fanout at least 1");
                    return 2;
                }
                TreeQuery q = TreeQuery.of(skb.facts().latencies(), root, all).withFanOut(fanOut);
                TreePlan plan = skb.multicastTree(q);
                TreePlan greedy = skb.greedyTree(q);
                System.out.print(json ? SkbReport.treeJson(q, plan, greedy) : SkbReport.treeText(q, plan, greedy));
            }
            case "place" -> {
                if (apps != null && apps < 0) {
                    System.err.println("barreleye skb: --apps must be 0 or more");
                    return 2;
                }
                PlacementQuery q = apps == null ? SystemServices.standard(t, all) : SystemServices.standard(t, all, apps);
                Placement p = skb.place(q);
                System.out.print(json ? SkbReport.placementJson(q, p) : SkbReport.placementText(t, q, p));
                return p.satisfiable() ? 0 : 1;
            }
            default -> {
                System.err.println("barreleye skb: unknown query '" + query + "'; known: facts, tree, place");
                return 2;
            }
        }
        return 0;
    }
}
