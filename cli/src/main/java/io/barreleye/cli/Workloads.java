package io.barreleye.cli;

import io.barreleye.caps.CapsWorkload;
import io.barreleye.runtime.PingPongWorkload;
import io.barreleye.runtime.StormWorkload;
import io.barreleye.runtime.Workload;
import io.barreleye.vm.TreeShape;
import io.barreleye.vm.VmWorkload;
import java.util.List;

/** The workloads {@code barreleye run} knows, by name: the one place that knows every protocol package. */
final class Workloads {
    private Workloads() {}

    static List<String> names() {
        return List.of("ping-pong", "storm", "map-unmap", "caps", "membership", "mix");
    }

    static Workload named(String name, int rounds, TreeShape shape) {
        return switch (name) {
            case "ping-pong" -> new PingPongWorkload(rounds);
            case "storm" -> new StormWorkload(rounds);
            case "map-unmap" -> new VmWorkload(rounds, shape);
            case "caps" -> new CapsWorkload(rounds);
            case "membership" -> new io.barreleye.membership.MembershipWorkload(rounds);
            case "mix" -> new MixWorkload(List.of(new VmWorkload(rounds, shape), new CapsWorkload(rounds),
                    new io.barreleye.membership.MembershipWorkload(rounds)));
            default -> throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + String.join(", ", names()));
        };
    }
}
