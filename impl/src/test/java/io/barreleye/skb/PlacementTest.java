package io.barreleye.skb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.topology.CoreType;
import io.barreleye.topology.Machines;
import io.barreleye.topology.Service;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlacementTest {
    static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) out.add(i);
        return out;
    }

    /** The reference: every assignment of allowed cores, within capacity, with the least cost. */
    static long exhaustive(Topology t, LatencyMatrix lat, PlacementQuery q) {
        PlacementDomains d = new PlacementDomains(t, q);
        int n = q.services().size();
        int[] pick = new int[n];
        long best = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) if (d.allowed(i).isEmpty()) return best;
        while (true) {
            Map<String, Integer> where = new HashMap<>();
            Map<Integer, Integer> load = new HashMap<>();
            boolean ok = true;
            for (int i = 0; i < n; i++) {
                int c = d.allowed(i).get(pick[i]);
                where.put(q.services().get(i).name(), c);
                ok &= load.merge(c, q.services().get(i).load(), Integer::sum) <= q.capacity();
            }
            if (ok) best = Math.min(best, Placement.cost(q, lat, where));
            int k = 0;
            while (k < n && ++pick[k] == d.allowed(k).size()) pick[k++] = 0;
            if (k == n) return best;
        }
    }

    /** Random requests of 4..6 services on the synthetic machines of up to 16 cores (restricted to 6 cores), against exhaustive search. */
    @Test
    void solverPlacementIsOptimalOnEnumerableInstances() {
        long seed = 7;
        Random rnd = new Random(seed);
        Service[] kinds = {Service.MEMORY_SERVER, Service.NAME_SERVER, Service.DEVICE_DRIVER, Service.APPLICATION};
        int checked = 0;
        for (String name : List.of("intel-2x4", "amd-4x4", "single-16", "hetero-8")) {
            Topology t = Machines.named(name);
            LatencyMatrix lat = LatencyMatrix.fromHopModel(t);
            for (int k = 0; k < 10; k++) {
                List<Integer> cores = new ArrayList<>(range(0, t.size()));
                java.util.Collections.shuffle(cores, rnd);
                cores = cores.subList(0, 6);
                List<ServiceSpec> s = new ArrayList<>();
                int n = 4 + rnd.nextInt(3);
                for (int i = 0; i < n; i++) s.add(ServiceSpec.of("s" + i, kinds[rnd.nextInt(kinds.length)], 1 + rnd.nextInt(2)));
                List<Traffic> tr = new ArrayList<>();
                for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (rnd.nextInt(3) == 0) tr.add(new Traffic("s" + i, "s" + j, 1 + rnd.nextInt(5)));
                PlacementQuery q = PlacementQuery.of(s, tr, cores).withCapacity(2);
                Placement p = SolverPlacement.place(t, lat, q);
                long best = exhaustive(t, lat, q);
                String what = "seed " + seed + ", " + name + " cores " + cores + ": " + s + " " + tr;
                if (best == Long.MAX_VALUE) {
                    assertFalse(p.satisfiable(), what);
                    assertNotNull(p.unsatisfiable());
                } else {
                    assertTrue(p.satisfiable(), what + ": " + p.unsatisfiable());
                    assertEquals(Method.SOLVER_OPTIMAL, p.method(), what);
                    assertEquals(best, p.cost(), what);
                    assertEquals(p.cost(), Placement.cost(q, lat, p.where()));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 20, "only " + checked + " satisfiable instances");
    }

    @Test
    void acceleratorCoresOnlyGetApplications() {
        for (String name : List.of("hetero-8", "hetero-32")) {
            Topology t = Machines.named(name);
            Skb skb = Skb.of(t);
            Placement p = skb.place(SystemServices.standard(t, range(0, t.size())));
            assertTrue(p.satisfiable(), p.unsatisfiable());
            p.where().forEach((svc, core) -> {
                CoreType type = t.core(core).type();
                if (type == CoreType.ACCEL) assertTrue(svc.startsWith("app."), svc + " on accelerator core " + core);
                if (type != CoreType.BIG) assertFalse(svc.endsWith("driver"), svc + " on " + type + " core " + core);
            });
            System.out.println(name + ": " + new java.util.TreeMap<>(p.where()) + " cost " + p.cost() + " " + p.method());
        }
    }

    @Test
    void unsatisfiableRequestsNameTheConstraint() {
        Topology t = Machines.named("hetero-8");
        Skb skb = Skb.of(t);
        // only LITTLE and ACCEL cores offered: no core can run a driver
        Placement p = skb.place(PlacementQuery.of(List.of(ServiceSpec.driver("nic", 0)), List.of(), range(4, 10)));
        assertEquals("core type: nic must run on NUMA node 0, whose live cores 4-9 cannot run DEVICE_DRIVER (only [BIG] can)",
                p.unsatisfiable());
        p = skb.place(PlacementQuery.of(List.of(ServiceSpec.monitor(8)), List.of(), range(0, 10)));
        assertEquals("core type: monitor.8 must run on core 8, a ACCEL core, which cannot run MONITOR (only [BIG, LITTLE] can)",
                p.unsatisfiable());
        p = skb.place(PlacementQuery.of(List.of(ServiceSpec.monitor(3)), List.of(), range(4, 10)));
        assertEquals("pinned: monitor.3 must run on core 3, which is not live", p.unsatisfiable());
        p = skb.place(PlacementQuery.of(List.of(ServiceSpec.driver("disk", 1)), List.of(), range(0, 10)));
        assertEquals("NUMA node: disk must run on NUMA node 1, which has no live core", p.unsatisfiable());
        List<ServiceSpec> apps = new ArrayList<>();
        for (int i = 0; i < 5; i++) apps.add(ServiceSpec.of("a" + i, Service.APPLICATION, 1));
        p = skb.place(PlacementQuery.of(apps, List.of(), List.of(8, 9)).withCapacity(2));
        assertEquals("capacity: a0, a1, a2, a3, a4 need 5 units but can only run on cores 8-9, which hold 4 (capacity 2 per core)",
                p.unsatisfiable());
        p = skb.place(PlacementQuery.of(List.of(ServiceSpec.of("big", Service.APPLICATION, 3)), List.of(), List.of(8)).withCapacity(2));
        assertEquals("capacity: big needs 3 units, more than a core holds (2)", p.unsatisfiable());
        // packing: three 2-unit services on two 3-unit cores pass Hall's check but cannot be packed
        List<ServiceSpec> pairs = List.of(ServiceSpec.of("x", Service.APPLICATION, 2), ServiceSpec.of("y", Service.APPLICATION, 2),
                ServiceSpec.of("z", Service.APPLICATION, 2));
        p = skb.place(PlacementQuery.of(pairs, List.of(new Traffic("x", "y", 1)), List.of(8, 9)).withCapacity(3));
        assertFalse(p.satisfiable());
        assertTrue(p.unsatisfiable().startsWith("capacity: no packing"), p.unsatisfiable());
    }

    @Test
    void departedCoresLoseTheirServicesWhichArePlacedAgain() {
        Topology t = Machines.named("hetero-8").firstCores(10);
        Topology fresh = Machines.named("hetero-8");
        Skb skb = Skb.of(fresh);
        skb.viewInstalled(1, range(0, 10)); // the boot view
        Placement first = skb.placeServices(live -> SystemServices.standard(fresh, live));
        assertTrue(first.satisfiable());
        int victim = first.where().get("memory-server");
        List<Integer> rest = new ArrayList<>(range(0, 10));
        rest.remove(Integer.valueOf(victim));
        skb.viewInstalled(2, rest);
        Placement after = skb.placement();
        assertTrue(after.satisfiable(), after.unsatisfiable());
        assertTrue(after.where().get("memory-server") != victim);
        assertFalse(after.where().containsKey("monitor." + victim));
        assertTrue(skb.facts().servicesOn(victim).isEmpty());
        assertEquals(List.of("core " + victim + " left the view (view 2)"), skb.facts().changes());
        assertEquals(1, skb.replacements().size());
        assertTrue(skb.replacements().get(0).contains("memory-server " + victim + " -> "), skb.replacements().toString());
        assertEquals(10, t.size());
    }
}
