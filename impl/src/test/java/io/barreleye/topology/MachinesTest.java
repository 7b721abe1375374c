package io.barreleye.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachinesTest {

    @Test
    void names() {
        assertEquals(List.of("host", "intel-2x4", "amd-4x4", "amd-8x4", "amd-8x8", "single-16", "hetero-8", "hetero-32"),
                Machines.names());
        for (String n : Machines.names()) {
            assertEquals(n, Machines.named(n).name());
        }
    }

    @Test
    void unknownNameListsKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Machines.named("x"));
        assertEquals("unknown machine 'x'; known: host, intel-2x4, amd-4x4, amd-8x4, amd-8x8, single-16, hetero-8, hetero-32",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Machines.named(null));
    }

    @Test
    void intel2x4() {
        Topology t = Machines.named("intel-2x4");
        assertEquals(8, t.size());
        assertEquals(2, t.packages());
        assertEquals(1, t.numaNodes());
        assertEquals(List.of(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7)), t.cacheGroups());
        assertEquals(t.cacheGroups(), t.packageCores());
        assertEquals(1, t.hops(0, 3));
        assertEquals(3, t.hops(0, 4)); // same NUMA node (shared FSB), other package
        assertEquals(120, t.estimatedLatencyNanos(0, 4));
    }

    @Test
    void amd4x4IsASquare() {
        Topology t = Machines.named("amd-4x4");
        assertEquals(16, t.size());
        assertEquals(4, t.packages());
        assertEquals(4, t.numaNodes());
        assertEquals(4, t.cacheGroups().size());
        assertEquals(1, t.hops(0, 1));
        assertEquals(4, t.hops(0, 4));   // node 0 -> node 1: neighbour
        assertEquals(4, t.hops(0, 8));   // node 0 -> node 2: neighbour
        assertEquals(5, t.hops(0, 12));  // node 0 -> node 3: diagonal
        assertEquals(5, t.hops(4, 8));   // node 1 -> node 2: diagonal
        assertEquals(150, t.estimatedLatencyNanos(0, 4));
        assertEquals(210, t.estimatedLatencyNanos(0, 12));
        for (int node = 0; node < 4; node++) {
            int neighbours = 0;
            int diagonal = 0;
            for (int other = 0; other < 4; other++) {
                if (other != node) {
                    int d = t.numaDistance(node, other);
                    neighbours += d == 1 ? 1 : 0;
                    diagonal += d == 2 ? 1 : 0;
                }
            }
            assertEquals(2, neighbours);
            assertEquals(1, diagonal);
        }
    }

    @Test
    void amd8x4IsALadder() {
        Topology t = Machines.named("amd-8x4");
        assertEquals(32, t.size());
        assertEquals(8, t.packages());
        assertEquals(8, t.numaNodes());
        int max = 0;
        for (int a = 0; a < 8; a++) {
            for (int b = 0; b < 8; b++) {
                max = Math.max(max, t.numaDistance(a, b));
            }
        }
        assertEquals(4, max);
        assertEquals(1, t.numaDistance(0, 4)); // rung
        assertEquals(3, t.numaDistance(0, 3)); // along a rail
        assertEquals(4, t.numaDistance(0, 7)); // opposite corner
        assertEquals(3 + 4, t.hops(0, 31));
    }

    @Test
    void single16() {
        Topology t = Machines.named("single-16");
        assertEquals(16, t.size());
        assertEquals(1, t.packages());
        assertEquals(1, t.numaNodes());
        assertEquals(1, t.cacheGroups().size());
        assertTrue(t.shareCache(0, 15));
    }

    @Test
    void hetero8() {
        Topology t = Machines.named("hetero-8");
        assertEquals(1, t.packages());
        long big = t.cores().stream().filter(c -> c.type() == CoreType.BIG).count();
        long little = t.cores().stream().filter(c -> c.type() == CoreType.LITTLE).count();
        long accel = t.cores().stream().filter(c -> c.type() == CoreType.ACCEL).count();
        assertEquals(4, big);
        assertEquals(4, little);
        assertEquals(2, accel);
        assertTrue(t.core(0).canRun(Service.DEVICE_DRIVER));
        assertFalse(t.core(4).canRun(Service.DEVICE_DRIVER));
        assertFalse(t.core(8).canRun(Service.MONITOR));
        assertTrue(t.core(9).canRun(Service.APPLICATION));
        assertEquals(1, t.hops(0, 3));
        assertEquals(2, t.hops(0, 4));
        assertTrue(t.describe().contains("ACCEL"));
    }

    @Test
    void hetero32() {
        Topology t = Machines.named("hetero-32");
        assertEquals(32, t.size());
        assertEquals(2, t.packages());
        assertEquals(2, t.numaNodes());
        assertEquals(8, t.cores().stream().filter(c -> c.type() == CoreType.ACCEL).count());
        assertEquals(CoreType.BIG, t.core(16).type());
        assertEquals(CoreType.ACCEL, t.core(31).type());
        assertEquals(1, t.hops(4, 11));
        assertEquals(4, t.hops(0, 16));
    }

    @Test
    void shortestPaths() {
        assertArrayEquals(new int[][] {{0, 1, 2}, {1, 0, 1}, {2, 1, 0}},
                Machines.shortestPaths(3, new int[][] {{0, 1}, {1, 2}}));
        assertThrows(IllegalStateException.class, () -> Machines.shortestPaths(2, new int[][] {}));
    }

    @Test
    void hostWorksHere() {
        Topology t = Machines.host();
        assertEquals("host", t.name());
        assertTrue(t.size() >= 1);
        assertTrue(t.packages() >= 1);
        assertTrue(t.numaNodes() >= 1);
        assertFalse(t.describe().isBlank());
        assertEquals(t.size(), Machines.named("host").size());
    }
}
