package io.barreleye.topology;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machines Barreleye knows: the running host (read from Linux sysfs) and synthetic
 * machines modelled on those in the Barrelfish papers.
 *
 * <p>Synthetic machines are plain data: a list of last-level-cache clusters (package, NUMA
 * node, core types) and a list of interconnect links between NUMA nodes. NUMA distances are
 * the shortest path over the links (breadth-first search), so the interconnect lives in one
 * table, not in conditionals.
 *
 * <table>
 *   <caption>Synthetic machines</caption>
 *   <tr><th>name</th><th>shape</th></tr>
 *   <tr><td>intel-2x4</td><td>2 packages x 4 BIG cores, one shared last-level cache per
 *       package, 1 NUMA node (the paper's Intel box: both packages on one front-side bus, so
 *       cross-package hops are 3)</td></tr>
 *   <tr><td>amd-4x4</td><td>4 packages x 4 BIG cores, shared L3 per package, 4 NUMA nodes on a
 *       HyperTransport square 0-1-3-2-0: each node 1 hop from two neighbours and 2 hops from
 *       the diagonal (0-3, 1-2)</td></tr>
 *   <tr><td>amd-8x4</td><td>8 packages x 4 BIG cores, shared L3 per package, 8 NUMA nodes on a
 *       HyperTransport ladder: rails 0-1-2-3 and 4-5-6-7, rungs 0-4, 1-5, 2-6, 3-7; distances
 *       1..4 hops (corner to opposite corner, e.g. 0-7, is 4)</td></tr>
 *   <tr><td>amd-8x8</td><td>amd-8x4's ladder with 8 BIG cores per package: 64 cores (the
 *       largest machine an unmap's 64-bit member mask covers)</td></tr>
 *   <tr><td>single-16</td><td>1 package, 16 BIG cores, one shared L3, 1 NUMA node</td></tr>
 *   <tr><td>hetero-8</td><td>1 package, 1 NUMA node: a BIG cluster (cores 0-3, shared L2), a
 *       LITTLE cluster (cores 4-7, shared L2) and 2 ACCEL cores (8, 9, each with its own
 *       cache); 10 cores in all, 8 of them general-purpose</td></tr>
 *   <tr><td>hetero-32</td><td>2 packages, each its own NUMA node (1 hop apart), each with a BIG
 *       cluster (4 cores, shared L2), a LITTLE cluster (8 cores, shared L2) and 4 ACCEL cores
 *       sharing one cache: package 0 is cores 0-15, package 1 cores 16-31</td></tr>
 * </table>
 */
public final class Machines {

    /** The name of the running machine. */
    public static final String HOST = "host";

    /** One last-level cache and the cores behind it. */
    private record Cluster(int pkg, int numaNode, CoreType... types) {
        static Cluster of(int pkg, int numaNode, int count, CoreType type) {
            CoreType[] ts = new CoreType[count];
            Arrays.fill(ts, type);
            return new Cluster(pkg, numaNode, ts);
        }
    }

    /** A synthetic machine as data: its cache clusters and its NUMA interconnect links. */
    private record Spec(String name, List<Cluster> clusters, int[][] links) {
    }

    private static final Map<String, Spec> SYNTHETIC = new LinkedHashMap<>();

    static {
        add(new Spec("intel-2x4",
                List.of(Cluster.of(0, 0, 4, CoreType.BIG), Cluster.of(1, 0, 4, CoreType.BIG)),
                new int[][] {}));
        add(new Spec("amd-4x4", perPackage(4, 4),
                // HyperTransport square: 0-1, 1-3, 3-2, 2-0 (diagonals 0-3 and 1-2 are 2 hops)
                new int[][] {{0, 1}, {1, 3}, {3, 2}, {2, 0}}));
        add(new Spec("amd-8x4", perPackage(8, 4),
                // HyperTransport ladder: rails 0-1-2-3 and 4-5-6-7, rungs i-(i+4)
                new int[][] {{0, 1}, {1, 2}, {2, 3}, {4, 5}, {5, 6}, {6, 7},
                    {0, 4}, {1, 5}, {2, 6}, {3, 7}}));
        add(new Spec("amd-8x8", perPackage(8, 8),
                // amd-8x4's ladder with eight cores per package: 64 cores, the most a member mask holds
                new int[][] {{0, 1}, {1, 2}, {2, 3}, {4, 5}, {5, 6}, {6, 7},
                    {0, 4}, {1, 5}, {2, 6}, {3, 7}}));
        add(new Spec("single-16", List.of(Cluster.of(0, 0, 16, CoreType.BIG)), new int[][] {}));
        add(new Spec("hetero-8",
                List.of(Cluster.of(0, 0, 4, CoreType.BIG), Cluster.of(0, 0, 4, CoreType.LITTLE),
                        Cluster.of(0, 0, 1, CoreType.ACCEL), Cluster.of(0, 0, 1, CoreType.ACCEL)),
                new int[][] {}));
        // two packages, each on its own NUMA node: a BIG cluster (4), a LITTLE cluster (8) and 4 ACCEL cores
        add(new Spec("hetero-32", List.of(
                Cluster.of(0, 0, 4, CoreType.BIG), Cluster.of(0, 0, 8, CoreType.LITTLE),
                Cluster.of(0, 0, 4, CoreType.ACCEL),
                Cluster.of(1, 1, 4, CoreType.BIG), Cluster.of(1, 1, 8, CoreType.LITTLE),
                Cluster.of(1, 1, 4, CoreType.ACCEL)),
                new int[][] {{0, 1}}));
    }

    private Machines() {
    }

    private static void add(Spec spec) {
        SYNTHETIC.put(spec.name(), spec);
    }

    /** One cluster per package, package p on NUMA node p. */
    private static List<Cluster> perPackage(int packages, int coresPerPackage) {
        List<Cluster> out = new ArrayList<>();
        for (int p = 0; p < packages; p++) {
            out.add(Cluster.of(p, p, coresPerPackage, CoreType.BIG));
        }
        return out;
    }

    /** All known machine names: "host" first, then the synthetic machines. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        out.add(HOST);
        out.addAll(SYNTHETIC.keySet());
        return List.copyOf(out);
    }

    /**
     * The machine with the given name ("host" or a synthetic machine).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Topology named(String name) {
        if (HOST.equals(name)) {
            return host();
        }
        Spec spec = name == null ? null : SYNTHETIC.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown machine '" + name + "'; known: "
                    + String.join(", ", names()));
        }
        return build(spec);
    }

    /**
     * The running machine, read from Linux sysfs under {@code /sys}; when sysfs is absent,
     * {@link Runtime#availableProcessors()} BIG cores in one package, one cache, one NUMA node.
     */
    public static Topology host() {
        return host(Path.of("/sys"));
    }

    /** As {@link #host()}, reading sysfs under {@code sysRoot} (for tests). */
    static Topology host(Path sysRoot) {
        return SysfsReader.read(HOST, sysRoot, Runtime.getRuntime().availableProcessors());
    }

    private static Topology build(Spec spec) {
        List<Core> cores = new ArrayList<>();
        int maxNode = 0;
        for (int g = 0; g < spec.clusters().size(); g++) {
            Cluster c = spec.clusters().get(g);
            for (CoreType t : c.types()) {
                cores.add(new Core(cores.size(), c.pkg(), c.numaNode(), g, t));
            }
            maxNode = Math.max(maxNode, c.numaNode());
        }
        return new Topology(spec.name(), cores, shortestPaths(maxNode + 1, spec.links()));
    }

    /** All-pairs hop counts over undirected links (BFS from every node). */
    static int[][] shortestPaths(int nodes, int[][] links) {
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            adj.add(new ArrayList<>());
        }
        for (int[] l : links) {
            adj.get(l[0]).add(l[1]);
            adj.get(l[1]).add(l[0]);
        }
        int[][] dist = new int[nodes][nodes];
        for (int s = 0; s < nodes; s++) {
            Arrays.fill(dist[s], -1);
            dist[s][s] = 0;
            Deque<Integer> q = new ArrayDeque<>();
            q.add(s);
            while (!q.isEmpty()) {
                int u = q.poll();
                for (int v : adj.get(u)) {
                    if (dist[s][v] < 0) {
                        dist[s][v] = dist[s][u] + 1;
                        q.add(v);
                    }
                }
            }
            for (int v = 0; v < nodes; v++) {
                if (dist[s][v] < 0) {
                    throw new IllegalStateException("NUMA node " + v + " unreachable from node " + s);
                }
            }
        }
        return dist;
    }
}
