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
            description = "host, or a synthetic machine: intel-2x4, amd-4x4, amd-8x4, amd-8x8, single-16, hetero-8, hetero-32 (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--tree", defaultValue = "SKB",
            description = "Unmap tree: SKB (the knowledge base's solved tree), BROADCAST, UNICAST, MULTICAST or NUMA_MULTICAST (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between progress lines on long runs (default: ${DEFAULT-VALUE}).")
    double progress;

    /** The most simulation steps a run takes, and the most wall time on threads. */
    static final long SIM_BUDGET = 500_000_000L;
    static final long THREADS_BUDGET_MS = 600_000L;
    /** Generation A acknowledges ring positions modulo 2N in 16 bits. */
    static final int MAX_SLOTS = 1 << 15;
    /** A slot is one cache line. */
    private static final int SLOT_BYTES = 64;

    /** The step of each --crash, in order. */
    private final java.util.List<Long> crashSteps = new java.util.ArrayList<>();

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
        if (rounds < 1 || rounds > SIM_BUDGET) {
            System.err.println("barreleye run: --rounds must be from 1 to " + SIM_BUDGET
                    + " (every round takes at least one simulation step, and a run has at most " + SIM_BUDGET + ")");
            return 2;
        }
        if (slots < 3 || slots > MAX_SLOTS) {
            System.err.println("barreleye run: --slots must be from 3 to " + MAX_SLOTS + " (the ring positions fit the"
                    + " 16-bit acknowledgement of generation A), not " + slots);
            return 2;
        }
        long ringBytes = (long) n * (n - 1) * slots * SLOT_BYTES;
        if (ringBytes > Runtime.getRuntime().maxMemory() / 2) {
            System.err.printf("barreleye run: --slots %d on %d cores needs %d MiB of rings, more than half of the heap"
                    + " (%d MiB); use fewer slots or give the JVM more (BARRELEYE_JAVA_OPTS=-Xmx8g)%n", slots, n,
                    ringBytes >> 20, Runtime.getRuntime().maxMemory() >> 20);
            return 2;
        }
        if (progress <= 0) {
            System.err.println("barreleye run: --progress must be a positive number of seconds");
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
                    crashSteps.add(step);
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
        SkbRunSummary skb = new SkbRunSummary(t);
        long t0;
        boolean ok;
        CoreRuntime r = rt;
        try (SharingAtBoot shared = SharingAtBoot.boot(t, n, sharingPolicy)) {
            t0 = System.nanoTime(); // the calibration at boot is not the workload's time
            ok = Progress.run(() -> r.run(m, w.start(m), r instanceof SimRuntime ? SIM_BUDGET : THREADS_BUDGET_MS),
                    (long) (progress * 1000), ms -> progressLine(r, ms), System.out);
            shared.countMessages(m);
        } catch (IllegalArgumentException e) {
            System.err.println("barreleye run: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("barreleye run: " + Barreleye.describe(e));
            return 1;
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.print(RunResult.of(m, rt, usedSeed, w, ok, ms).format());
        System.out.print(skb.lines(tree, workload.equals("map-unmap") || workload.equals("mix")));
        int missed = 0;
        if (rt instanceof SimRuntime sim) {
            for (int i = 0; i < crashes.size(); i++) {
                if (crashSteps.get(i) >= sim.steps()) {
                    missed++;
                    System.err.println("barreleye run: --crash " + crashes.get(i) + " never happened: the run ended at step "
                            + sim.steps());
                }
            }
        }
        if (usedSeed != null) {
            System.out.println("Replay: ./barreleye run --machine " + machine + " --cores " + n + " --runtime sim --seed "
                    + usedSeed + " --workload " + workload + " --rounds " + rounds
                    + (workload.equals("map-unmap") ? " --tree " + tree : "")
                    + (crashes.isEmpty() ? "" : " --crash " + String.join(" --crash ", crashes)));
        }
        return missed > 0 ? 2 : ok ? 0 : 1;
    }

    private static String progressLine(CoreRuntime rt, long ms) {
        // the simulation's step count is read from this thread without a lock: a progress line may lag a little
        return String.format(java.util.Locale.ROOT, "Progress: %.0f s%s", ms / 1000.0,
                rt instanceof SimRuntime sim ? ", " + sim.steps() + " of at most " + SIM_BUDGET + " simulation steps"
                        : " of at most " + THREADS_BUDGET_MS / 1000 + " s");
    }
}
