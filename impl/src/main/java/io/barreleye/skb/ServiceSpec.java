package io.barreleye.skb;

import io.barreleye.topology.Service;
import java.util.Objects;

/**
 * One service instance to place.
 *
 * @param name       unique name in its request (e.g. "memory-server", "monitor.3")
 * @param kind       what it is: decides which core types may run it ({@code CoreType.canRun})
 * @param load       capacity units it takes on its core (at least 1)
 * @param numaNode   the NUMA node it must run on (a device driver: its device's node), or -1
 * @param pinnedCore the core it must run on (a monitor: its own core), or -1
 */
public record ServiceSpec(String name, Service kind, int load, int numaNode, int pinnedCore) {
    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (name.isBlank()) throw new IllegalArgumentException("a service needs a name");
        if (load < 1) throw new IllegalArgumentException("service " + name + ": load must be at least 1, not " + load);
    }

    /** The monitor of core {@code core}: pinned there, one unit. */
    public static ServiceSpec monitor(int core) {
        return new ServiceSpec("monitor." + core, Service.MONITOR, 1, -1, core);
    }

    /** A service of {@code kind} that may go on any core able to run it. */
    public static ServiceSpec of(String name, Service kind, int load) {
        return new ServiceSpec(name, kind, load, -1, -1);
    }

    /** A device driver for a device attached to NUMA node {@code node}: it runs on that node. */
    public static ServiceSpec driver(String name, int node) {
        return new ServiceSpec(name, Service.DEVICE_DRIVER, 2, node, -1);
    }
}
