package io.barreleye.skb;

import io.barreleye.topology.Core;
import io.barreleye.topology.Service;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * The services a booted Barreleye machine runs, as a {@link PlacementQuery} over its live cores:
 * a monitor pinned to every live core that can run one (an accelerator core cannot: its
 * applications are driven from a general-purpose core), a memory server, a name server, a disk
 * driver for a disk on the lowest NUMA node and a NIC driver for a NIC on the highest, and
 * applications (by default one per live accelerator core, at least two). Traffic: every monitor
 * talks to the memory and name servers; applications talk to both servers (more to memory) and
 * to the NIC; the drivers talk to the memory server (DMA buffers).
 */
public final class SystemServices {
    private SystemServices() {
    }

    /** The standard request for {@code live} cores of {@code t}, with the default number of applications. */
    public static PlacementQuery standard(Topology t, List<Integer> live) {
        long accel = live.stream().filter(c -> !t.core(c).canRun(Service.MONITOR)).count();
        return standard(t, live, (int) Math.max(2, accel));
    }

    /** The standard request with {@code applications} applications. */
    public static PlacementQuery standard(Topology t, List<Integer> live, int applications) {
        List<ServiceSpec> s = new ArrayList<>();
        List<Traffic> traffic = new ArrayList<>();
        s.add(ServiceSpec.of("memory-server", Service.MEMORY_SERVER, 2));
        s.add(ServiceSpec.of("name-server", Service.NAME_SERVER, 1));
        int low = Integer.MAX_VALUE;
        int high = -1;
        for (int c : live) {
            Core core = t.core(c);
            low = Math.min(low, core.numaNode());
            high = Math.max(high, core.numaNode());
            if (core.canRun(Service.MONITOR)) {
                ServiceSpec m = ServiceSpec.monitor(c);
                s.add(m);
                traffic.add(new Traffic(m.name(), "memory-server", 1));
                traffic.add(new Traffic(m.name(), "name-server", 1));
            }
        }
        if (!live.isEmpty()) {
            s.add(ServiceSpec.driver("disk-driver", low));
            s.add(ServiceSpec.driver("nic-driver", high));
            traffic.add(new Traffic("disk-driver", "memory-server", 2));
            traffic.add(new Traffic("nic-driver", "memory-server", 2));
        }
        for (int a = 0; a < applications; a++) {
            String name = "app." + a;
            s.add(ServiceSpec.of(name, Service.APPLICATION, 1));
            traffic.add(new Traffic(name, "memory-server", 4));
            traffic.add(new Traffic(name, "name-server", 2));
            if (!live.isEmpty()) traffic.add(new Traffic(name, "nic-driver", 3));
        }
        return PlacementQuery.of(s, traffic, live);
    }
}
