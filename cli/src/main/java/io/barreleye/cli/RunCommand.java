package io.barreleye.cli;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.runtime.CoreRuntime;
import io.barreleye.runtime.RunResult;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.runtime.ThreadRuntime;
import io.barreleye.runtime.Workload;
import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code barreleye run}: boot a machine, run a workload, print what happened. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Boot the multikernel on a machine and run a workload (simulated or on threads).")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--machine", defaultValue = "amd-4x4",
            description = "host, or a synthetic machine: intel-2x4, amd-4x4, amd-8x4, single-16, hetero-8 (default: ${DEFAULT-VALUE}).")
    String machine;

    @Option(names = "--cores", description = "Cores to boot (default: all of the machine).")
    Integer cores;

    @Option(names = "--runtime", defaultValue = "sim", description = "sim (deterministic, seeded) or threads (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--seed", description = "Simulation seed (default: random, printed).")
    Long seed;

    @Option(names = "--workload", defaultValue = "storm",
            description = "ping-pong, storm, map-unmap (TLB shootdown storm), caps (capability churn) or membership (joins, leaves and view-aware operations) (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--tree", defaultValue = "NUMA_MULTICAST",
            description = "Unmap tree: BROADCAST, UNICAST, MULTICAST or NUMA_MULTICAST (default: ${DEFAULT-VALUE}).")
    io.barreleye.vm.TreeShape tree;

    @Option(names = "--rounds", defaultValue = "1000",
            description = "Round trips per pair (ping-pong) or messages per pair of cores (storm) (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--generation", defaultValue = "EPOCH_ACK",
            description = "URPC generation: EPOCH_ACK (Barrelfish A) or USED_BIT (B) (default: ${DEFAULT-VALUE}).")
    Generation generation;

    @Option(names = "--slots", defaultValue = "16", description = "Slots per ring (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--crash", paramLabel = "STEP:CORE",
            description = "Simulation only: crash CORE at simulation step STEP (repeatable).")
    java.util.List<String> crashes = new java.util.ArrayList<>();

    @Option(names = "--sharing", defaultValue = "auto",
            description = "Replicated objects per cache group: auto (calibrate at boot, share when faster), messages or shared (default: ${DEFAULT-VALUE}).")
    String sharing;

    @Override
    public Integer call() {
        Topology t;
        Workload w;
        try {
            t = Machines.named(machine);
            w = Workloads.named(workload, rounds, tree);
        } catch (IllegalArgumentException e) {
            System.err.println("barreleye run: " + e.getMessage());
            return 2;
        }
        int n = cores == null ? t.size() : cores;
        if (n < 2 || n > t.size()) {
            System.err.println("barreleye run: --cores must be between 2 and " + t.size() + " for " + t.name());
            return 2;
        }
        if (rounds < 1 || slots < 3) {
            System.err.println("barreleye run: --rounds must be positive and --slots at least 3");
            return 2;
        }
        CoreRuntime rt;
        Long usedSeed = null;
        switch (runtime) {
            case "sim" -> {
                usedSeed = seed != null ? seed : new java.util.Random().nextLong();
                SimRuntime sim = new SimRuntime(usedSeed);
                for (String c : crashes) {
                    String[] parts = c.split(":");
                    long step;
                    int core;
                    try {
                        step = Long.parseLong(parts[0]);
                        core = Integer.parseInt(parts[1]);
                    } catch (RuntimeException e) {
                        System.err.println("barreleye run: --crash takes STEP:CORE, e.g. --crash 500:2, not '" + c + "'");
                        return 2;
                    }
                    if (parts.length != 2 || step < 0 || core < 1 || core >= n) {
                        System.err.println("barreleye run: --crash " + c + ": the step must be >= 0 and the core between 1 and "
                                + (n - 1) + " (core 0 drives the workloads)");
                        return 2;
                    }
                    sim.crashAt(step, core);
                }
                rt = sim;
            }
            case "threads" -> {
                if (!crashes.isEmpty()) {
                    System.err.println("barreleye run: --crash is for the simulation (--runtime sim)");
                    return 2;
                }
                rt = new ThreadRuntime();
            }
            default -> {
                System.err.println("barreleye run: --runtime must be sim or threads, not '" + runtime + "'");
                return 2;
            }
        }
        io.barreleye.sharing.SharingPolicy sharingPolicy;
        try {
            sharingPolicy = io.barreleye.sharing.SharingPolicy.parse(sharing);
        } catch (IllegalArgumentException e) {
            System.err.println("barreleye run: " + e.getMessage());
            return 2;
        }
        Machine m = Machine.boot(t, n, generation, slots, rt.clock());
        long t0;
        boolean ok;
        try (SharingAtBoot shared = SharingAtBoot.boot(t, n, sharingPolicy)) {
            t0 = System.nanoTime(); // the calibration at boot is not the workload's time
            ok = rt.run(m, w.start(m), rt instanceof SimRuntime ? 500_000_000L : 600_000L);
            shared.countMessages(m);
        } catch (IllegalArgumentException e) {
            System.err.println("barreleye run: " + e.getMessage());
            return 2;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.print(RunResult.of(m, rt, usedSeed, w, ok, ms).format());
        if (usedSeed != null) {
            System.out.println("Replay: ./barreleye run --machine " + machine + " --cores " + n + " --runtime sim --seed "
                    + usedSeed + " --workload " + workload + " --rounds " + rounds
                    + (workload.equals("map-unmap") ? " --tree " + tree : "")
                    + (crashes.isEmpty() ? "" : " --crash " + String.join(" --crash ", crashes)));
        }
        return ok ? 0 : 1;
    }
}
