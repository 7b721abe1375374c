package io.barreleye.runtime;

import io.barreleye.kernel.Machine;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Work for the kernels of a machine: started on the cores, done when the future completes. */
public interface Workload {
    String name();

    /** Installs handlers and starts the work on the cores (through their control hand-off). */
    CompletableFuture<Void> start(Machine m);

    /** Latency samples per core, for the report. */
    List<Latencies> latencies();
}
