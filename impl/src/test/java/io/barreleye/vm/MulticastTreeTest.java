package io.barreleye.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MulticastTreeTest {
    static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(i);
        return out;
    }

    @Test
    void everyShapeSpansEveryMemberOnce() {
        for (String name : List.of("amd-4x4", "amd-8x4")) {
            Topology t = Machines.named(name);
            for (TreeShape s : TreeShape.values()) {
                for (int i : List.of(0, 5, t.size() - 1)) {
                    MulticastTree tree = MulticastTree.build(t, s, i, range(t.size()));
                    Set<Integer> reached = new HashSet<>(tree.descendants(i));
                    assertEquals(t.size() - 1, tree.descendants(i).size(), tree.toString());
                    assertEquals(t.size() - 1, reached.size(), tree.toString());
                    assertEquals(i, tree.parent(i));
                    for (int c : range(t.size())) {
                        if (c != i) assertTrue(tree.children(tree.parent(c)).contains(c), tree.toString());
                    }
                }
            }
        }
    }

    @Test
    void shapes() {
        Topology t = Machines.named("amd-8x4");
        assertEquals(31, MulticastTree.build(t, TreeShape.BROADCAST, 0, range(32)).children(0).size());
        MulticastTree chain = MulticastTree.build(t, TreeShape.UNICAST, 30, range(32));
        assertEquals(List.of(31), chain.children(30));
        assertEquals(List.of(0), chain.children(31));
        assertEquals(31, chain.depth());
        MulticastTree mc = MulticastTree.build(t, TreeShape.MULTICAST, 1, range(32));
        // 7 remote package leaders, then 3 package mates
        assertEquals(List.of(4, 8, 12, 16, 20, 24, 28, 0, 2, 3), mc.children(1));
        assertEquals(List.of(9, 10, 11), mc.children(8));
        assertEquals(2, mc.depth());
        MulticastTree numa = MulticastTree.build(t, TreeShape.NUMA_MULTICAST, 0, range(32));
        List<Integer> kids = numa.children(0);
        for (int j = 1; j < 7; j++) {
            assertTrue(t.hops(0, kids.get(j - 1)) >= t.hops(0, kids.get(j)), "farthest first: " + numa);
        }
        assertEquals(28, kids.get(0), "package 7 is the farthest from package 0 on the ladder: " + numa);
        // a partial membership (a view without some cores): leaders are the lowest live member
        MulticastTree part = MulticastTree.build(t, TreeShape.MULTICAST, 0, List.of(0, 5, 6, 9));
        assertEquals(List.of(5, 9), part.children(0));
        assertEquals(List.of(6), part.children(5));
        assertEquals(0b1001100001L, MulticastTree.mask(List.of(0, 5, 6, 9)));
    }
}
