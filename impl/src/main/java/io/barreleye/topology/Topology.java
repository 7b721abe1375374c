package io.barreleye.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable description of a machine: its cores, which packages, last-level caches and
 * NUMA nodes they belong to, their types, and the interconnect distance between NUMA nodes.
 *
 * <h2>Hops</h2>
 * {@link #hops(int, int)} orders core pairs by how far a cache line has to travel:
 * <pre>
 *   0                 same core
 *   1                 same last-level cache group
 *   2                 same package (different cache)
 *   3                 same NUMA node, other package (e.g. a shared front-side bus)
 *   3 + d             different NUMA nodes, d = interconnect hops between the nodes (d >= 1)
 * </pre>
 *
 * <h2>Latency model</h2>
 * {@link #estimatedLatencyNanos(int, int)} turns hops into a plausible one-way cache-line
 * transfer latency using the constants below (round numbers in line with the Barrelfish
 * paper's measurements on the 2x4 Intel and 4x4/8x4 AMD machines).
 */
public final class Topology {

    /** Same core: the line is already in the core's own cache. */
    public static final long SAME_CORE_NANOS = 0;
    /** Two cores sharing a last-level cache. */
    public static final long SAME_CACHE_NANOS = 40;
    /** Same package, different last-level cache. */
    public static final long SAME_PACKAGE_NANOS = 80;
    /** Other package on the same NUMA node (shared bus / memory controller). */
    public static final long SAME_NODE_NANOS = 120;
    /** Other NUMA node, one interconnect hop away. */
    public static final long ONE_INTERCONNECT_HOP_NANOS = 150;
    /** Added for each interconnect hop beyond the first. */
    public static final long PER_EXTRA_HOP_NANOS = 60;

    private final String name;
    private final List<Core> cores;
    /** numaHops[i][j]: interconnect hops between NUMA nodes i and j (0 on the diagonal). */
    private final int[][] numaHops;

    /**
     * @param name     the machine's name
     * @param cores    cores with ids 0..n-1 in order, at least one
     * @param numaHops square, symmetric matrix of interconnect hops between NUMA nodes, 0 on the
     *                 diagonal and at least 1 elsewhere, covering every numaNode used by a core;
     *                 {@code null} means every pair of distinct nodes is 1 hop apart
     */
    Topology(String name, List<Core> cores, int[][] numaHops) {
        this.name = Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cores, "cores");
        if (cores.isEmpty()) {
            throw new IllegalArgumentException("a topology needs at least one core");
        }
        int maxNode = 0;
        for (int i = 0; i < cores.size(); i++) {
            Core c = Objects.requireNonNull(cores.get(i), "core " + i);
            if (c.id() != i) {
                throw new IllegalArgumentException("core ids must be 0..n-1 in order; position " + i
                        + " holds core " + c.id());
            }
            maxNode = Math.max(maxNode, c.numaNode());
        }
        this.cores = List.copyOf(cores);
        if (numaHops == null) {
            numaHops = new int[maxNode + 1][maxNode + 1];
            for (int i = 0; i <= maxNode; i++) {
                for (int j = 0; j <= maxNode; j++) {
                    numaHops[i][j] = i == j ? 0 : 1;
                }
            }
        }
        if (numaHops.length <= maxNode) {
            throw new IllegalArgumentException("NUMA distance matrix has " + numaHops.length
                    + " nodes but a core is on node " + maxNode);
        }
        int[][] copy = new int[numaHops.length][];
        for (int i = 0; i < numaHops.length; i++) {
            if (numaHops[i].length != numaHops.length) {
                throw new IllegalArgumentException("NUMA distance matrix is not square (row " + i + ")");
            }
            copy[i] = numaHops[i].clone();
        }
        for (int i = 0; i < copy.length; i++) {
            for (int j = 0; j < copy.length; j++) {
                if (copy[i][j] != copy[j][i]) {
                    throw new IllegalArgumentException("NUMA distance matrix is not symmetric at " + i + "," + j);
                }
                if (i == j ? copy[i][j] != 0 : copy[i][j] < 1) {
                    throw new IllegalArgumentException("bad NUMA distance " + copy[i][j] + " at " + i + "," + j);
                }
            }
        }
        this.numaHops = copy;
    }

    /** The machine's name (e.g. "amd-4x4", "host"). */
    public String name() {
        return name;
    }

    /** All cores, ids 0..n-1 in order (unmodifiable). */
    public List<Core> cores() {
        return cores;
    }

    /** Number of cores. */
    public int size() {
        return cores.size();
    }

    /** The core with the given id. */
    public Core core(int id) {
        if (id < 0 || id >= cores.size()) {
            throw new IndexOutOfBoundsException("core " + id + " not in 0.." + (cores.size() - 1)
                    + " of machine " + name);
        }
        return cores.get(id);
    }

    /** Number of distinct packages (sockets). */
    public int packages() {
        return (int) cores.stream().mapToInt(Core::pkg).distinct().count();
    }

    /** Number of distinct NUMA nodes with at least one core. */
    public int numaNodes() {
        return (int) cores.stream().mapToInt(Core::numaNode).distinct().count();
    }

    /** Whether cores a and b share a last-level cache (a core shares with itself). */
    public boolean shareCache(int a, int b) {
        return core(a).cacheGroup() == core(b).cacheGroup();
    }

    /** Whether cores a and b are in the same package. */
    public boolean samePackage(int a, int b) {
        return core(a).pkg() == core(b).pkg();
    }

    /** Interconnect hops between two NUMA nodes (0 for the same node). */
    int numaDistance(int nodeA, int nodeB) {
        return numaHops[nodeA][nodeB];
    }

    /**
     * Distance class between two cores: 0 same core, 1 same cache group, 2 same package,
     * 3 same NUMA node in another package, 3 + interconnect hops otherwise. Symmetric.
     */
    public int hops(int a, int b) {
        Core ca = core(a);
        Core cb = core(b);
        if (a == b) {
            return 0;
        }
        if (ca.cacheGroup() == cb.cacheGroup()) {
            return 1;
        }
        if (ca.pkg() == cb.pkg()) {
            return 2;
        }
        return 3 + numaHops[ca.numaNode()][cb.numaNode()];
    }

    /**
     * A plausible one-way cache-line transfer latency between two cores, from {@link #hops}:
     * 0 ns same core, {@value #SAME_CACHE_NANOS} ns same cache, {@value #SAME_PACKAGE_NANOS} ns
     * same package, {@value #SAME_NODE_NANOS} ns same NUMA node, {@value #ONE_INTERCONNECT_HOP_NANOS}
     * ns one interconnect hop, +{@value #PER_EXTRA_HOP_NANOS} ns for each further hop.
     */
    public long estimatedLatencyNanos(int a, int b) {
        return latencyForHops(hops(a, b));
    }

    /** The latency model behind {@link #estimatedLatencyNanos}, by hop count. */
    static long latencyForHops(int hops) {
        return switch (hops) {
            case 0 -> SAME_CORE_NANOS;
            case 1 -> SAME_CACHE_NANOS;
            case 2 -> SAME_PACKAGE_NANOS;
            case 3 -> SAME_NODE_NANOS;
            default -> ONE_INTERCONNECT_HOP_NANOS + (long) (hops - 4) * PER_EXTRA_HOP_NANOS;
        };
    }

    /**
     * The sub-machine made of cores 0..n-1 (for {@code --cores N}); same name, same
     * packages/caches/NUMA ids for the cores kept, same interconnect.
     *
     * @throws IllegalArgumentException if n &lt; 1 or n &gt; size()
     */
    public Topology firstCores(int n) {
        if (n < 1 || n > cores.size()) {
            throw new IllegalArgumentException("cannot take the first " + n + " cores of machine " + name
                    + ": it has " + cores.size() + " (need 1.." + cores.size() + ")");
        }
        if (n == cores.size()) {
            return this;
        }
        return new Topology(name, cores.subList(0, n), numaHops);
    }

    /** Core ids grouped by shared last-level cache, groups ordered by cache group id. */
    public List<List<Integer>> cacheGroups() {
        return groupBy(Core::cacheGroup);
    }

    /** Core ids grouped by package, ordered by package id. */
    public List<List<Integer>> packageCores() {
        return groupBy(Core::pkg);
    }

    /** Core ids grouped by NUMA node, ordered by node id. */
    List<List<Integer>> numaNodeCores() {
        return groupBy(Core::numaNode);
    }

    private List<List<Integer>> groupBy(java.util.function.ToIntFunction<Core> key) {
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (Core c : cores) {
            groups.computeIfAbsent(key.applyAsInt(c), k -> new ArrayList<>()).add(c.id());
        }
        List<List<Integer>> out = new ArrayList<>(groups.size());
        for (List<Integer> g : groups.values()) {
            out.add(List.copyOf(g));
        }
        return Collections.unmodifiableList(out);
    }

    /** A multi-line human summary: packages, cores per package, caches, NUMA, core types. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("machine ").append(name).append(": ")
                .append(size()).append(size() == 1 ? " core, " : " cores, ")
                .append(packages()).append(packages() == 1 ? " package, " : " packages, ")
                .append(numaNodes()).append(numaNodes() == 1 ? " NUMA node" : " NUMA nodes").append('\n');
        for (List<Integer> pkgCores : packageCores()) {
            Core first = core(pkgCores.get(0));
            sb.append("  package ").append(first.pkg()).append(": ").append(pkgCores.size())
                    .append(pkgCores.size() == 1 ? " core " : " cores ").append(ranges(pkgCores))
                    .append(", NUMA node(s) ").append(ranges(distinct(pkgCores, Core::numaNode)))
                    .append(", types ").append(typeSummary(pkgCores)).append('\n');
            for (List<Integer> cache : cacheGroups()) {
                if (core(cache.get(0)).pkg() == first.pkg()) {
                    sb.append("    last-level cache ").append(core(cache.get(0)).cacheGroup())
                            .append(": cores ").append(ranges(cache)).append('\n');
                }
            }
        }
        List<List<Integer>> nodes = numaNodeCores();
        sb.append("  NUMA nodes:\n");
        for (List<Integer> node : nodes) {
            sb.append("    node ").append(core(node.get(0)).numaNode()).append(": cores ")
                    .append(ranges(node)).append('\n');
        }
        if (nodes.size() > 1) {
            sb.append("  interconnect hops between NUMA nodes:\n");
            sb.append("        ");
            for (List<Integer> node : nodes) {
                sb.append(String.format("%4s", "n" + core(node.get(0)).numaNode()));
            }
            sb.append('\n');
            for (List<Integer> from : nodes) {
                int f = core(from.get(0)).numaNode();
                sb.append(String.format("    %4s", "n" + f));
                for (List<Integer> to : nodes) {
                    sb.append(String.format("%4d", numaHops[f][core(to.get(0)).numaNode()]));
                }
                sb.append('\n');
            }
        }
        List<Integer> all = new ArrayList<>();
        cores.forEach(c -> all.add(c.id()));
        sb.append("  core types: ").append(typeSummary(all)).append('\n');
        return sb.toString();
    }

    private List<Integer> distinct(List<Integer> ids, java.util.function.ToIntFunction<Core> key) {
        return ids.stream().map(i -> key.applyAsInt(core(i))).distinct().sorted().toList();
    }

    private String typeSummary(List<Integer> ids) {
        Map<CoreType, List<Integer>> byType = new EnumMap<>(CoreType.class);
        for (int id : ids) {
            byType.computeIfAbsent(core(id).type(), t -> new ArrayList<>()).add(id);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<CoreType, List<Integer>> e : byType.entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getValue().size()).append(' ').append(e.getKey())
                    .append(" (").append(ranges(e.getValue())).append(')');
        }
        return sb.toString();
    }

    /** Formats sorted ids as ranges, e.g. [0,1,2,3,8] -> "0-3,8". */
    static String ranges(List<Integer> ids) {
        List<Integer> sorted = ids.stream().sorted().toList();
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int start = sorted.get(i);
            int end = start;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == end + 1) {
                end = sorted.get(++i);
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(start);
            if (end != start) {
                sb.append('-').append(end);
            }
            i++;
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "Topology[" + name + ", " + size() + " cores, " + packages() + " packages, "
                + numaNodes() + " NUMA nodes]";
    }
}
