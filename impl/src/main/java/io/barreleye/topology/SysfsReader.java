package io.barreleye.topology;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a machine's topology from a Linux sysfs tree rooted at a given path (normally
 * {@code /sys}). Everything is best-effort: an unreadable or malformed file falls back to a
 * default for that fact, and a missing CPU directory falls back to a flat machine.
 *
 * <ul>
 *   <li>CPUs: {@code devices/system/cpu/online} (or the {@code cpuN} directories); the online
 *       CPUs, in increasing OS id, become cores 0..n-1.</li>
 *   <li>Package: {@code cpuN/topology/physical_package_id} (missing or negative: 0).</li>
 *   <li>Last-level cache: among {@code cpuN/cache/index*}, the highest {@code level} that is not
 *       an instruction cache; CPUs with the same {@code shared_cpu_list} share it. No cache
 *       information: one cache group per package.</li>
 *   <li>NUMA: {@code devices/system/node/nodeM/cpulist}; distances from
 *       {@code nodeM/distance} (ACPI SLIT units, 10 = local), converted to interconnect hops as
 *       {@code max(1, round((d - local) / 10))}, so 20 or 21 is 1 hop, 30 or 31 is 2 hops, and
 *       the AMD-style 16/22 are 1 hop.</li>
 *   <li>Core types: {@code cpuN/cpu_capacity} (Arm big.LITTLE: below the maximum is LITTLE) and
 *       {@code devices/cpu_atom/cpus} (Intel hybrid: E-cores are LITTLE); otherwise BIG.</li>
 * </ul>
 * Package, cache-group and NUMA ids are renumbered densely in order of first appearance.
 */
final class SysfsReader {

    private static final Pattern CPU_DIR = Pattern.compile("cpu(\\d+)");
    private static final Pattern NODE_DIR = Pattern.compile("node(\\d+)");
    private static final Pattern INDEX_DIR = Pattern.compile("index\\d+");

    private SysfsReader() {
    }

    /** Reads the topology under {@code sysRoot}, or a flat {@code fallbackCpus}-core machine. */
    static Topology read(String name, Path sysRoot, int fallbackCpus) {
        Path cpuRoot = sysRoot.resolve("devices/system/cpu");
        List<Integer> cpus = onlineCpus(cpuRoot);
        if (cpus.isEmpty()) {
            return flat(name, fallbackCpus);
        }

        Map<Integer, Integer> cpuToNode = new HashMap<>();
        TreeMap<Integer, int[]> nodeDistances = new TreeMap<>();
        readNodes(sysRoot.resolve("devices/system/node"), cpuToNode, nodeDistances);
        List<Integer> nodeOrder = new ArrayList<>(nodeDistances.keySet());

        Map<Integer, Integer> capacity = new HashMap<>();
        for (int cpu : cpus) {
            readInt(cpuRoot.resolve("cpu" + cpu + "/cpu_capacity")).ifPresent(c -> capacity.put(cpu, c));
        }
        int maxCapacity = capacity.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        TreeSet<Integer> atoms = new TreeSet<>(
                readString(sysRoot.resolve("devices/cpu_atom/cpus")).map(SysfsReader::safeParse).orElse(List.of()));

        Map<Integer, Integer> pkgIds = new LinkedHashMap<>();
        Map<Object, Integer> cacheIds = new LinkedHashMap<>();
        Map<Integer, Integer> nodeIds = new LinkedHashMap<>();
        List<Core> cores = new ArrayList<>();
        for (int cpu : cpus) {
            Path dir = cpuRoot.resolve("cpu" + cpu);
            int rawPkg = readInt(dir.resolve("topology/physical_package_id")).filter(p -> p >= 0).orElse(0);
            int pkg = pkgIds.computeIfAbsent(rawPkg, k -> pkgIds.size());
            Object cacheKey = lastLevelCache(dir).map(s -> (Object) s).orElse("package " + rawPkg);
            int cache = cacheIds.computeIfAbsent(cacheKey, k -> cacheIds.size());
            int rawNode = cpuToNode.getOrDefault(cpu, nodeOrder.isEmpty() ? 0 : nodeOrder.get(0));
            int node = nodeIds.computeIfAbsent(rawNode, k -> nodeIds.size());
            CoreType type = CoreType.BIG;
            Integer cap = capacity.get(cpu);
            if ((cap != null && cap < maxCapacity) || atoms.contains(cpu)) {
                type = CoreType.LITTLE;
            }
            cores.add(new Core(cores.size(), pkg, node, cache, type));
        }

        // Interconnect hops between the NUMA nodes that have cores, in their new numbering.
        List<Integer> rawNodes = new ArrayList<>(nodeIds.keySet());
        int n = rawNodes.size();
        int[][] hops = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    hops[i][j] = Math.max(
                            slitHops(nodeDistances, nodeOrder, rawNodes.get(i), rawNodes.get(j)),
                            slitHops(nodeDistances, nodeOrder, rawNodes.get(j), rawNodes.get(i)));
                }
            }
        }
        return new Topology(name, cores, hops);
    }

    /** A machine with {@code cpus} BIG cores in one package, one cache, one NUMA node. */
    static Topology flat(String name, int cpus) {
        List<Core> cores = new ArrayList<>();
        for (int i = 0; i < Math.max(1, cpus); i++) {
            cores.add(new Core(i, 0, 0, 0, CoreType.BIG));
        }
        return new Topology(name, cores, null);
    }

    /** Interconnect hops from raw node a to raw node b (a != b), 1 when unknown. */
    private static int slitHops(Map<Integer, int[]> distances, List<Integer> order, int a, int b) {
        int[] row = distances.get(a);
        int ia = order.indexOf(a);
        int ib = order.indexOf(b);
        if (row == null || ia < 0 || ib < 0 || ia >= row.length || ib >= row.length) {
            return 1;
        }
        int local = row[ia] > 0 ? row[ia] : 10;
        return (int) Math.max(1, Math.round((row[ib] - local) / 10.0));
    }

    private static List<Integer> onlineCpus(Path cpuRoot) {
        if (!Files.isDirectory(cpuRoot)) {
            return List.of();
        }
        TreeSet<Integer> present = new TreeSet<>();
        for (Path p : list(cpuRoot)) {
            Matcher m = CPU_DIR.matcher(p.getFileName().toString());
            if (m.matches() && Files.isDirectory(p)) {
                present.add(Integer.parseInt(m.group(1)));
            }
        }
        Optional<List<Integer>> online = readString(cpuRoot.resolve("online")).map(SysfsReader::safeParse);
        if (online.isPresent() && !online.get().isEmpty()) {
            List<Integer> out = new ArrayList<>();
            for (int cpu : new TreeSet<>(online.get())) {
                if (present.contains(cpu)) {
                    out.add(cpu);
                }
            }
            if (!out.isEmpty()) {
                return out;
            }
        }
        return new ArrayList<>(present);
    }

    private static void readNodes(Path nodeRoot, Map<Integer, Integer> cpuToNode, Map<Integer, int[]> distances) {
        if (!Files.isDirectory(nodeRoot)) {
            return;
        }
        for (Path p : list(nodeRoot)) {
            Matcher m = NODE_DIR.matcher(p.getFileName().toString());
            if (!m.matches() || !Files.isDirectory(p)) {
                continue;
            }
            int node = Integer.parseInt(m.group(1));
            for (int cpu : readString(p.resolve("cpulist")).map(SysfsReader::safeParse).orElse(List.of())) {
                cpuToNode.putIfAbsent(cpu, node);
            }
            distances.put(node, readString(p.resolve("distance")).map(SysfsReader::parseInts).orElse(new int[0]));
        }
    }

    /** The sorted CPU list of the highest-level data/unified cache of a CPU, if any. */
    private static Optional<List<Integer>> lastLevelCache(Path cpuDir) {
        Path cacheDir = cpuDir.resolve("cache");
        if (!Files.isDirectory(cacheDir)) {
            return Optional.empty();
        }
        int bestLevel = -1;
        List<Integer> best = null;
        for (Path idx : list(cacheDir)) {
            if (!INDEX_DIR.matcher(idx.getFileName().toString()).matches()) {
                continue;
            }
            if (readString(idx.resolve("type")).map(t -> t.equalsIgnoreCase("Instruction")).orElse(false)) {
                continue;
            }
            Optional<Integer> level = readInt(idx.resolve("level"));
            Optional<List<Integer>> shared = readString(idx.resolve("shared_cpu_list")).map(SysfsReader::safeParse);
            if (level.isPresent() && shared.isPresent() && !shared.get().isEmpty() && level.get() > bestLevel) {
                bestLevel = level.get();
                best = List.copyOf(new TreeSet<>(shared.get()));
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Parses a Linux CPU list such as {@code "0-3,8-11"}, {@code "5"}, {@code ""} or the
     * strided form {@code "0-15:2/4"} (in each group of 4 starting at 0, the first 2).
     *
     * @throws IllegalArgumentException if the text is malformed
     */
    static List<Integer> parseCpuList(String text) {
        List<Integer> out = new ArrayList<>();
        String t = text.trim();
        if (t.isEmpty()) {
            return out;
        }
        for (String part : t.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                int used = 1;
                int group = 1;
                int colon = p.indexOf(':');
                if (colon >= 0) {
                    String[] ug = p.substring(colon + 1).split("/");
                    if (ug.length != 2) {
                        throw new IllegalArgumentException("bad cpu list part '" + p + "'");
                    }
                    used = Integer.parseInt(ug[0].trim());
                    group = Integer.parseInt(ug[1].trim());
                    p = p.substring(0, colon);
                    if (used < 1 || group < 1 || used > group) {
                        throw new IllegalArgumentException("bad cpu list stride in '" + part + "'");
                    }
                }
                int dash = p.indexOf('-');
                int lo = Integer.parseInt((dash < 0 ? p : p.substring(0, dash)).trim());
                int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).trim());
                if (lo < 0 || hi < lo) {
                    throw new IllegalArgumentException("bad cpu range '" + part + "'");
                }
                for (int c = lo; c <= hi; c++) {
                    if ((c - lo) % group < used) {
                        out.add(c);
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad cpu list part '" + part.trim() + "' in '" + t + "'", e);
            }
        }
        return out;
    }

    private static List<Integer> safeParse(String text) {
        try {
            return parseCpuList(text);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    private static int[] parseInts(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] parts = t.split("\\s+");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                return new int[0];
            }
        }
        return out;
    }

    private static Optional<String> readString(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> readInt(Path file) {
        return readString(file).flatMap(s -> {
            try {
                return Optional.of(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (IOException | RuntimeException e) {
            // unreadable directory: treat as empty
        }
        return out;
    }
}
