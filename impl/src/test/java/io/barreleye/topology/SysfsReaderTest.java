package io.barreleye.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsReaderTest {

    @TempDir
    Path root;

    private void write(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content + "\n");
    }

    /** cpu: per-cpu L1d/L1i/L2 private, L3 shared by the package. */
    private void cpu(int cpu, int pkg, String llcList) throws IOException {
        String d = "devices/system/cpu/cpu" + cpu + "/";
        write(d + "topology/physical_package_id", Integer.toString(pkg));
        write(d + "topology/core_id", Integer.toString(cpu % 4));
        write(d + "cache/index0/level", "1");
        write(d + "cache/index0/type", "Data");
        write(d + "cache/index0/shared_cpu_list", Integer.toString(cpu));
        write(d + "cache/index1/level", "1");
        write(d + "cache/index1/type", "Instruction");
        write(d + "cache/index1/shared_cpu_list", Integer.toString(cpu));
        write(d + "cache/index2/level", "2");
        write(d + "cache/index2/type", "Unified");
        write(d + "cache/index2/shared_cpu_list", Integer.toString(cpu));
        write(d + "cache/index3/level", "3");
        write(d + "cache/index3/type", "Unified");
        write(d + "cache/index3/shared_cpu_list", llcList);
    }

    @Test
    void twoPackagesEightCpusTwoNodes() throws IOException {
        write("devices/system/cpu/online", "0-7");
        write("devices/system/cpu/possible", "0-7");
        for (int c = 0; c < 8; c++) {
            cpu(c, c < 4 ? 0 : 1, c < 4 ? "0-3" : "4-7");
        }
        write("devices/system/node/node0/cpulist", "0-3");
        write("devices/system/node/node0/distance", "10 21");
        write("devices/system/node/node1/cpulist", "4-7");
        write("devices/system/node/node1/distance", "21 10");

        Topology t = Machines.host(root);
        assertEquals("host", t.name());
        assertEquals(8, t.size());
        assertEquals(2, t.packages());
        assertEquals(2, t.numaNodes());
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7)), t.cacheGroups());
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7)), t.packageCores());
        assertEquals(0, t.hops(2, 2));
        assertEquals(1, t.hops(0, 3));
        assertEquals(4, t.hops(0, 4)); // one interconnect hop
        assertEquals(4, t.hops(7, 1));
        assertEquals(1, t.core(5).numaNode());
        assertTrue(t.cores().stream().allMatch(c -> c.type() == CoreType.BIG));
        assertEquals(4, t.firstCores(4).size());
        assertEquals(1, t.firstCores(4).packages());
    }

    @Test
    void sparseIdsAreRenumberedAndOfflineCpusSkipped() throws IOException {
        // cpus 0,1 and 8,9 online; 2 exists but offline; package ids 3 and 7; nodes 0 and 2
        write("devices/system/cpu/online", "0-1,8-9");
        cpu(0, 3, "0-1");
        cpu(1, 3, "0-1");
        cpu(2, 3, "0-2");
        cpu(8, 7, "8-9");
        cpu(9, 7, "8-9");
        write("devices/system/node/node0/cpulist", "0-2");
        write("devices/system/node/node0/distance", "10 32");
        write("devices/system/node/node2/cpulist", "8-9");
        write("devices/system/node/node2/distance", "32 10");

        Topology t = Machines.host(root);
        assertEquals(4, t.size());
        assertEquals(List.of(0, 0, 1, 1), t.cores().stream().map(Core::pkg).toList());
        assertEquals(List.of(0, 0, 1, 1), t.cores().stream().map(Core::numaNode).toList());
        assertEquals(3 + 2, t.hops(0, 2)); // SLIT 32 -> 2 hops
    }

    @Test
    void sysfsMissingFallsBackToAvailableProcessors() {
        Topology t = Machines.host(root.resolve("does-not-exist"));
        assertEquals(Runtime.getRuntime().availableProcessors(), t.size());
        assertEquals(1, t.packages());
        assertEquals(1, t.numaNodes());
        assertEquals(1, t.cacheGroups().size());
        assertEquals("host", t.name());
    }

    @Test
    void minimalSysfsWithoutCachesOrNodes() throws IOException {
        // only cpu directories: no online file, no topology, no cache, no node directory
        for (int c = 0; c < 3; c++) {
            Files.createDirectories(root.resolve("devices/system/cpu/cpu" + c));
        }
        write("devices/system/cpu/cpu1/topology/physical_package_id", "garbage");
        Topology t = Machines.host(root);
        assertEquals(3, t.size());
        assertEquals(1, t.packages());
        assertEquals(1, t.cacheGroups().size()); // one group per package when caches are unknown
        assertEquals(1, t.numaNodes());
    }

    @Test
    void heterogeneousCoresFromCpuCapacityAndAtom() throws IOException {
        for (int c = 0; c < 4; c++) {
            cpu(c, 0, "0-3");
            write("devices/system/cpu/cpu" + c + "/cpu_capacity", c < 2 ? "1024" : "446");
        }
        Topology arm = Machines.host(root);
        assertEquals(List.of(CoreType.BIG, CoreType.BIG, CoreType.LITTLE, CoreType.LITTLE),
                arm.cores().stream().map(Core::type).toList());

        for (int c = 0; c < 4; c++) {
            Files.delete(root.resolve("devices/system/cpu/cpu" + c + "/cpu_capacity"));
        }
        write("devices/cpu_atom/cpus", "3");
        Topology intel = Machines.host(root);
        assertEquals(CoreType.LITTLE, intel.core(3).type());
        assertEquals(CoreType.BIG, intel.core(0).type());
    }

    @Test
    void parseCpuList() {
        assertEquals(List.of(0, 1, 2, 3, 8, 9, 10, 11), SysfsReader.parseCpuList("0-3,8-11"));
        assertEquals(List.of(5), SysfsReader.parseCpuList(" 5\n"));
        assertEquals(List.of(), SysfsReader.parseCpuList(""));
        assertEquals(List.of(0, 2, 4), SysfsReader.parseCpuList("0,2,4"));
        assertEquals(List.of(0, 1, 4, 5), SysfsReader.parseCpuList("0-7:2/4"));
        assertThrows(IllegalArgumentException.class, () -> SysfsReader.parseCpuList("a-b"));
        assertThrows(IllegalArgumentException.class, () -> SysfsReader.parseCpuList("3-1"));
        assertThrows(IllegalArgumentException.class, () -> SysfsReader.parseCpuList("0-7:2"));
        assertThrows(IllegalArgumentException.class, () -> SysfsReader.parseCpuList("0-7:5/4"));
    }

    @Test
    void flat() {
        assertEquals(1, SysfsReader.flat("h", 0).size());
        assertEquals(6, SysfsReader.flat("h", 6).size());
    }
}
