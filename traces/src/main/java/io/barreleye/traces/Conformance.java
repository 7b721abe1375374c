package io.barreleye.traces;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.modelcheck.CheckResult;
import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.search.Bfs;
import io.barreleye.modelcheck.trace.Trace;
import io.barreleye.modelcheck.trace.TraceCheck;
import io.barreleye.modelcheck.trace.TraceValidator;
import io.barreleye.runtime.CoreRuntime;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.runtime.ThreadRuntime;
import io.barreleye.topology.Machines;
import io.barreleye.vm.TreeShape;
import io.barreleye.vm.Vm;
import io.barreleye.vm.VmWorkload;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code barreleye verify} adds to model checking: it runs the implementation's workloads
 * (several seeds in the simulation, and on threads), records them through the refinement mappings,
 * validates every trace against its spec, and reports verdicts, divergences and spec coverage.
 */
public final class Conformance {
    /** One recorded and validated run. */
    public record Run(String spec, String model, String runtime, long seed, Path file, TraceValidator.Result result) {}

    /** Coverage of one model by all its runs: actions taken, and distinct spec states visited out of the model's. */
    public record Coverage(String spec, String model, Set<String> actionsTaken, Set<String> allActions, long statesVisited,
                           long modelDistinct) {}

    public static final int CORES = 3;
    public static final int FRAMES_PER_CORE = 1;
    public static final int ROUNDS = 10;

    private Conformance() {}

    /** Runs, records and validates; traces are written under {@code outDir}. */
    public static List<Run> runAll(Path specsDir, Path outDir, int seeds) throws IOException {
        Files.createDirectories(outDir);
        List<Run> runs = new ArrayList<>();
        for (TreeShape shape : new TreeShape[] {TreeShape.BROADCAST, TreeShape.UNICAST}) {
            for (long seed = 1; seed <= seeds; seed++) runs.add(vmRun(specsDir, outDir, shape, new SimRuntime(seed), seed));
            runs.add(vmRun(specsDir, outDir, shape, new ThreadRuntime(), 0));
        }
        return runs;
    }

    static Run vmRun(Path specsDir, Path outDir, TreeShape shape, CoreRuntime rt, long seed) throws IOException {
        Machine m = Machine.boot(Machines.named("amd-4x4"), CORES, Generation.EPOCH_ACK, 8, rt.clock());
        Vm.install(m, shape, Set.of(), FRAMES_PER_CORE);
        String model = ShootdownMapping.modelFor(shape);
        ShootdownMapping map = new ShootdownMapping(CORES, FRAMES_PER_CORE, model);
        Vm.setRecorder(m, map.observe(m));
        VmWorkload w = new VmWorkload(ROUNDS, shape);
        boolean done = rt.run(m, w.start(m), rt instanceof SimRuntime ? 5_000_000 : 60_000);
        Path f = outDir.resolve("shootdown-" + shape.name().toLowerCase() + "-" + rt.name() + (seed > 0 ? "-" + seed : "") + ".ndjson");
        Files.write(f, map.lines());
        TraceValidator.Result r = TraceCheck.check(Trace.read(f), specsDir);
        if (!done) {
            r = new TraceValidator.Result(false, r.eventsChecked(), r.totalEvents(), "the workload did not complete", r.actions(), r.states());
        }
        return new Run("Shootdown.tla", model, rt.name(), seed, f, r);
    }

    /** Per model: the actions the runs took and the states they visited, against a full check of the same model. */
    public static List<Coverage> coverage(List<Run> runs, Path specsDir, int workers) throws IOException {
        List<Coverage> out = new ArrayList<>();
        TreeMap<String, List<Run>> byModel = new TreeMap<>();
        for (Run r : runs) byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r);
        for (var e : byModel.entrySet()) {
            Trace t = Trace.read(e.getValue().get(0).file());
            CompiledSpec spec = TraceCheck.compile(t, specsDir);
            Set<String> taken = new TreeSet<>();
            Set<Long> states = new HashSet<>();
            for (Run r : e.getValue()) {
                taken.addAll(r.result().actions().keySet());
                states.addAll(r.result().states());
            }
            Set<String> all = new TreeSet<>();
            spec.actions().forEach(l -> all.add(l.name()));
            CheckResult full = new CheckResult();
            new Bfs(spec, workers, new PrintStream(OutputStream.nullOutputStream()), 0).run(full);
            out.add(new Coverage(e.getValue().get(0).spec(), e.getKey(), taken, all, states.size(), full.distinct));
        }
        return out;
    }
}
