package io.barreleye.cli;

import io.barreleye.skb.Skb;
import io.barreleye.skb.SkbReport;
import io.barreleye.skb.SystemServices;
import io.barreleye.skb.TreePlan;
import io.barreleye.topology.Topology;
import io.barreleye.vm.TreeShape;
import java.util.List;

/** What {@code run} says about the SKB: where the system services went, and which tree unmap used. */
final class SkbRunSummary {
    private final Skb skb;

    /** Asks the SKB of {@code t} (told of the booted cores by the boot view) to place the standard services. */
    SkbRunSummary(Topology t) {
        this.skb = Skb.of(t);
        skb.placeServices(live -> SystemServices.standard(t, live));
    }

    /** The lines to print after the run: placement, re-placements, and (when unmap ran) its tree. */
    String lines(TreeShape tree, boolean unmapRan) {
        StringBuilder sb = new StringBuilder(SkbReport.placementLine(skb.placement())).append('\n');
        List<String> moves = skb.replacements();
        if (moves.size() > 3) sb.append("  services re-placed ").append(moves.size()).append(" times as cores left and joined; the last 3:\n");
        for (String r : moves.subList(Math.max(0, moves.size() - 3), moves.size())) {
            sb.append("  re-placed after ").append(r).append('\n');
        }
        if (unmapRan) {
            sb.append("unmap tree: ").append(tree);
            List<Integer> live = skb.facts().liveCores();
            if (tree == TreeShape.SKB && !live.isEmpty()) {
                TreePlan p = skb.unmapTree(live.get(0), live);
                sb.append(String.format(java.util.Locale.ROOT,
                        " (from core %d over %d cores: latest delivery %d ns, depth %d, fan-out %d; %s)",
                        p.root(), live.size(), p.latestDelivery(), p.depth(), p.maxFanOut(), p.method().label()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
