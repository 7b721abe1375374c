package io.barreleye.skb;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The placement question: put every service on one of {@code cores} so that the core's type can
 * run it, pinned services and NUMA-bound drivers go where they must, no core carries more than
 * {@code capacity} units of load, and the traffic-weighted latency between communicating
 * services is least.
 */
public record PlacementQuery(List<ServiceSpec> services, List<Traffic> traffic, List<Integer> cores, int capacity,
                             Duration timeLimit, long nodeLimit) {
    /** Load units a core can carry when a request does not say. */
    public static final int DEFAULT_CAPACITY = 4;

    public PlacementQuery {
        services = List.copyOf(services);
        traffic = List.copyOf(traffic);
        cores = List.copyOf(new TreeSet<>(cores));
        Set<String> names = new HashSet<>();
        for (ServiceSpec s : services) {
            if (!names.add(s.name())) throw new IllegalArgumentException("service " + s.name() + " is requested twice");
        }
        for (Traffic t : traffic) {
            for (String n : List.of(t.a(), t.b())) {
                if (!names.contains(n)) throw new IllegalArgumentException("traffic names an unknown service: " + n);
            }
        }
        if (capacity < 1) throw new IllegalArgumentException("core capacity must be at least 1: " + capacity);
        if (timeLimit.isNegative() || timeLimit.isZero() || nodeLimit < 1) {
            throw new IllegalArgumentException("solver limits must be positive");
        }
    }

    public static PlacementQuery of(List<ServiceSpec> services, List<Traffic> traffic, List<Integer> cores) {
        return new PlacementQuery(services, traffic, cores, DEFAULT_CAPACITY, TreeQuery.DEFAULT_TIME_LIMIT,
                TreeQuery.DEFAULT_NODE_LIMIT);
    }

    public PlacementQuery withCapacity(int c) {
        return new PlacementQuery(services, traffic, cores, c, timeLimit, nodeLimit);
    }

    int indexOf(String name) {
        for (int i = 0; i < services.size(); i++) if (services.get(i).name().equals(name)) return i;
        throw new IllegalArgumentException(name);
    }
}
