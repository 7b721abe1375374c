package io.barreleye.cli;

import io.barreleye.kernel.Machine;
import io.barreleye.runtime.Latencies;
import io.barreleye.runtime.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Several workloads at once on one machine, every protocol installed side by side. */
final class MixWorkload implements Workload {
    private final List<Workload> parts;

    MixWorkload(List<Workload> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public String name() {
        List<String> names = new ArrayList<>();
        for (Workload w : parts) names.add(w.name());
        return "mix(" + String.join(" + ", names) + ")";
    }

    @Override
    public CompletableFuture<Void> start(Machine m) {
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (Workload w : parts) fs.add(w.start(m));
        return CompletableFuture.allOf(fs.toArray(new CompletableFuture[0]));
    }

    @Override
    public List<Latencies> latencies() {
        List<Latencies> all = new ArrayList<>();
        for (Workload w : parts) all.addAll(w.latencies());
        return all;
    }
}
