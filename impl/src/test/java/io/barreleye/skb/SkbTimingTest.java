package io.barreleye.skb;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.runtime.Latencies;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import io.barreleye.vm.TreeShape;
import io.barreleye.vm.VmWorkload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The numbers in the README's SKB section: solve time per query on 16, 32 and 64 cores, and unmap
 * latency in the simulation along all five trees on amd-4x4 and amd-8x4:
 * {@code mvn -B -o -pl impl test -Pslow -Djacoco.skip=true -Dtest=SkbTimingTest}.
 */
@Tag("slow")
class SkbTimingTest {
    private static final int REPEATS = 5;

    @Test
    void solveTimes() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%nSKB solve time per query (median of %d, warm JVM, %d CPUs)%n", REPEATS, Runtime.getRuntime().availableProcessors()));
        sb.append(String.format(Locale.ROOT, "%-10s %5s  %-34s %-34s %-34s%n", "machine", "cores", "tree (CLI budget)",
                "tree (unmap budget)", "placement"));
        for (String name : List.of("single-16", "amd-4x4", "amd-8x4", "hetero-32", "amd-8x8")) {
            Topology t = Machines.named(name);
            Skb skb = Skb.of(t);
            List<Integer> all = new ArrayList<>();
            for (int c = 0; c < t.size(); c++) all.add(c);
            String cli = timed(() -> SolverTree.plan(TreeQuery.of(skb.facts().latencies(), 0, all)));
            String unmap = timed(() -> SolverTree.plan(TreeQuery.forUnmap(skb.facts().latencies(), 0, all)));
            long[] ns = new long[REPEATS];
            Placement p = null;
            for (int i = 0; i < REPEATS; i++) {
                p = skb.place(SystemServices.standard(t, all));
                ns[i] = p.solveNanos();
            }
            assertTrue(p.satisfiable(), p.unsatisfiable());
            String place = String.format(Locale.ROOT, "%7.1f ms, cost %d, %s", median(ns) / 1e6, p.cost(), p.method().name());
            sb.append(String.format(Locale.ROOT, "%-10s %5d  %-34s %-34s %-34s%n", name, t.size(), cli, unmap, place));
        }
        System.out.println(sb);
    }

    private static String timed(java.util.function.Supplier<TreePlan> q) {
        long[] ns = new long[REPEATS];
        TreePlan p = null;
        for (int i = 0; i < REPEATS; i++) {
            p = q.get();
            ns[i] = p.solveNanos();
        }
        return String.format(Locale.ROOT, "%7.1f ms, %d ns, %s", median(ns) / 1e6, p.latestDelivery(), p.method().name());
    }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    @Test
    void unmapLatencyAlongEveryTree() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%nsimulated unmap latency (median, simulation steps), seed 1%n%-16s", "tree"));
        String[] machines = {"amd-4x4", "amd-8x4"};
        for (String m : machines) sb.append(String.format(Locale.ROOT, "%16s%16s", m + " core 0", m + " all"));
        sb.append('\n');
        for (TreeShape s : TreeShape.values()) {
            sb.append(String.format(Locale.ROOT, "%-16s", s));
            for (String m : machines) {
                for (boolean all : new boolean[] {false, true}) {
                    SimRuntime rt = new SimRuntime(1);
                    Machine mach = Machine.boot(Machines.named(m), Machines.named(m).size(), Generation.EPOCH_ACK, 8, rt.clock());
                    VmWorkload w = all ? new VmWorkload(10, s) : VmWorkload.singleInitiator(50, s);
                    assertTrue(rt.run(mach, w.start(mach), 50_000_000L), m + " " + s);
                    sb.append(String.format(Locale.ROOT, "%16d", Latencies.percentile(Latencies.merge(w.latencies()), 50)));
                }
            }
            sb.append('\n');
        }
        System.out.println(sb);
    }
}
