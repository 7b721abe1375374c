package io.barreleye.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TopologyTest {

    static List<Topology> machines() {
        List<Topology> out = new ArrayList<>();
        for (String n : Machines.names()) {
            out.add(Machines.named(n));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("machines")
    void idsInOrderAndGroupsPartitionCores(Topology t) {
        assertTrue(t.size() >= 1);
        assertEquals(t.size(), t.cores().size());
        for (int i = 0; i < t.size(); i++) {
            assertEquals(i, t.core(i).id());
            assertSame(t.cores().get(i), t.core(i));
        }
        assertPartition(t, t.cacheGroups());
        assertPartition(t, t.packageCores());
        assertEquals(t.packages(), t.packageCores().size());
        assertTrue(t.numaNodes() >= 1);
    }

    private static void assertPartition(Topology t, List<List<Integer>> groups) {
        Set<Integer> seen = new HashSet<>();
        for (List<Integer> g : groups) {
            assertFalse(g.isEmpty());
            for (int id : g) {
                assertTrue(seen.add(id), "core " + id + " in two groups");
            }
        }
        assertEquals(t.size(), seen.size());
    }

    @ParameterizedTest
    @MethodSource("machines")
    void hopsSymmetricZeroOnDiagonalAndOrdered(Topology t) {
        for (int a = 0; a < t.size(); a++) {
            assertEquals(0, t.hops(a, a));
            assertEquals(0, t.estimatedLatencyNanos(a, a));
            for (int b = 0; b < t.size(); b++) {
                int h = t.hops(a, b);
                assertEquals(h, t.hops(b, a));
                assertEquals(t.estimatedLatencyNanos(a, b), t.estimatedLatencyNanos(b, a));
                if (a != b) {
                    assertTrue(h >= 1);
                    assertEquals(t.shareCache(a, b), h == 1);
                    if (!t.shareCache(a, b)) {
                        assertEquals(t.samePackage(a, b), h == 2);
                    }
                    if (!t.samePackage(a, b)) {
                        assertTrue(h >= 3);
                        assertEquals(t.core(a).numaNode() == t.core(b).numaNode(), h == 3);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("machines")
    void shareCacheMatchesCacheGroups(Topology t) {
        for (List<Integer> g : t.cacheGroups()) {
            for (int a : g) {
                for (int b = 0; b < t.size(); b++) {
                    assertEquals(g.contains(b), t.shareCache(a, b), a + "," + b);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("machines")
    void samePackageMatchesPackageCores(Topology t) {
        for (List<Integer> g : t.packageCores()) {
            for (int a : g) {
                for (int b = 0; b < t.size(); b++) {
                    assertEquals(g.contains(b), t.samePackage(a, b));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("machines")
    void firstCoresIsAPrefix(Topology t) {
        for (int n = 1; n <= t.size(); n++) {
            Topology sub = t.firstCores(n);
            assertEquals(n, sub.size());
            assertEquals(t.name(), sub.name());
            for (int a = 0; a < n; a++) {
                assertEquals(t.core(a), sub.core(a));
                for (int b = 0; b < n; b++) {
                    assertEquals(t.hops(a, b), sub.hops(a, b));
                }
            }
        }
        assertSame(t, t.firstCores(t.size()));
        assertThrows(IllegalArgumentException.class, () -> t.firstCores(0));
        assertThrows(IllegalArgumentException.class, () -> t.firstCores(-1));
        assertThrows(IllegalArgumentException.class, () -> t.firstCores(t.size() + 1));
    }

    @ParameterizedTest
    @MethodSource("machines")
    void describeMentionsStructure(Topology t) {
        String d = t.describe();
        assertTrue(d.startsWith("machine " + t.name() + ": " + t.size() + " core"), d);
        assertTrue(d.contains("package 0"), d);
        assertTrue(d.contains("last-level cache"), d);
        assertTrue(d.contains("NUMA"), d);
        assertTrue(d.contains("core types"), d);
        assertTrue(d.lines().count() > 3);
        assertTrue(t.toString().contains(t.name()));
    }

    @Test
    void coreOutOfRange() {
        Topology t = Machines.named("single-16");
        assertThrows(IndexOutOfBoundsException.class, () -> t.core(16));
        assertThrows(IndexOutOfBoundsException.class, () -> t.core(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> t.hops(0, 99));
    }

    @Test
    void latencyModel() {
        assertEquals(0, Topology.latencyForHops(0));
        assertEquals(40, Topology.latencyForHops(1));
        assertEquals(80, Topology.latencyForHops(2));
        assertEquals(120, Topology.latencyForHops(3));
        assertEquals(150, Topology.latencyForHops(4));
        assertEquals(210, Topology.latencyForHops(5));
        assertEquals(330, Topology.latencyForHops(7));
        for (int h = 0; h < 10; h++) {
            assertTrue(Topology.latencyForHops(h) < Topology.latencyForHops(h + 1));
        }
    }

    @Test
    void constructorValidates() {
        Core c0 = new Core(0, 0, 0, 0, CoreType.BIG);
        Core c1 = new Core(1, 0, 1, 0, CoreType.BIG);
        assertThrows(IllegalArgumentException.class, () -> new Topology("x", List.of(), null));
        assertThrows(IllegalArgumentException.class,
                () -> new Topology("x", List.of(c1), null)); // id 1 at position 0
        assertThrows(IllegalArgumentException.class,
                () -> new Topology("x", List.of(c0, c1), new int[][] {{0}})); // node 1 missing
        assertThrows(IllegalArgumentException.class,
                () -> new Topology("x", List.of(c0, c1), new int[][] {{0, 1}, {2, 0}})); // asymmetric
        assertThrows(IllegalArgumentException.class,
                () -> new Topology("x", List.of(c0, c1), new int[][] {{0, 0}, {0, 0}})); // zero off-diagonal
        assertThrows(IllegalArgumentException.class,
                () -> new Topology("x", List.of(c0, c1), new int[][] {{0, 1}, {1}})); // not square
        Topology t = new Topology("x", List.of(c0, c1), null);
        assertEquals(2, t.numaNodes());
        assertEquals(1, t.hops(0, 1)); // same cache group wins over NUMA
    }

    @Test
    void ranges() {
        assertEquals("0-3,8", Topology.ranges(List.of(3, 2, 1, 0, 8)));
        assertEquals("5", Topology.ranges(List.of(5)));
        assertEquals("", Topology.ranges(List.of()));
        assertEquals("0,2,4-5", Topology.ranges(List.of(0, 2, 4, 5)));
    }
}
