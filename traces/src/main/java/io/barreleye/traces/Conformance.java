package io.barreleye.traces;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.membership.Membership;
import io.barreleye.membership.MembershipWorkload;
import io.barreleye.modelcheck.CheckResult;
import io.barreleye.modelcheck.config.ConfigParser;
import io.barreleye.modelcheck.config.ModelConfig;
import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.search.Bfs;
import io.barreleye.modelcheck.trace.Trace;
import io.barreleye.modelcheck.trace.TraceCheck;
import io.barreleye.modelcheck.trace.TraceValidator;
import io.barreleye.modelcheck.value.Value;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code barreleye verify} adds to model checking: it runs the implementation's workloads
 * (several seeds in the simulation, and on threads), records them through the refinement mappings,
 * validates every trace against its spec, and reports verdicts, divergences and spec coverage.
 *
 * <p>The workloads: the URPC channel on its own (both generations); unmap along the broadcast and
 * chain trees (specs/Shootdown.tla) and the multicast trees (specs/ShootdownTree.tla); the
 * capability protocols on one region (CapCommitDriver); membership with a leave, a crash or a
 * join during an operation (MembershipDriver), and the membership churn workload. Every
 * kernel-to-kernel channel of those machines is recorded too and validated against
 * specs/Urpc.tla, one line per run. On threads every channel is recorded per core, taking no lock
 * ({@link PerCoreUrpcRecorder}), so its two sides race as they do unobserved.
 */
public final class Conformance {
    /**
     * One recorded and validated run of {@code workload}: one trace, or several (the channels of
     * one machine) with their results merged. {@code inModel}: the run's constants are small enough
     * to count its states against the model's full state space.
     */
    public record Run(String workload, String spec, String model, String runtime, long seed, Path file, int traces,
                      TraceValidator.Result result, boolean inModel) {}

    /**
     * Coverage of one model by its runs: actions taken, and distinct spec states visited out of the
     * model's ({@code modelDistinct} -1: not enumerated, the runs' constants make it too large).
     */
    public record Coverage(String spec, String model, Set<String> actionsTaken, Set<String> allActions, long statesVisited,
                           long modelDistinct) {
        /** The untaken actions that {@link UntakenActions} explains, with the reason. */
        public Map<String, UntakenActions.Entry> explained() {
            Set<String> untaken = new TreeSet<>(allActions);
            untaken.removeAll(actionsTaken);
            return UntakenActions.of(spec, model, untaken);
        }

        /** The untaken actions nothing explains: a workload is missing, or a reason is. */
        public Set<String> unexplained() {
            Set<String> out = new TreeSet<>(allActions);
            out.removeAll(actionsTaken);
            out.removeAll(explained().keySet());
            return out;
        }

        /** Actions that {@link UntakenActions} lists as untaken but some run took: the list is stale. */
        public Set<String> takenThoughListed() {
            return UntakenActions.of(spec, model, actionsTaken).keySet();
        }

        /** The visited share of the model's distinct states, as a percentage; NaN when not counted. */
        public double statesPercent() {
            return statesVisited < 0 || modelDistinct <= 0 ? Double.NaN : 100.0 * statesVisited / modelDistinct;
        }
    }

    public static final int CORES = 3;
    public static final int FRAMES_PER_CORE = 1;
    public static final int ROUNDS = 10;
    /** Operations per capability run; copies bounded as in CapCommit_large.cfg. */
    public static final int CAP_OPS = 30;
    public static final int CAP_MAX_COPIES = 2;
    /** Retypes of the region in this many parts, as CapCommit_large.cfg's Ranges. */
    public static final int CAP_PARTS = 2;
    /** URPC runs within Urpc_large.cfg (gen A: 3 slots, 3 messages each way) and Urpc_B_large.cfg (3 slots, 6). */
    static final Map<Generation, int[]> URPC_MODEL = Map.of(Generation.EPOCH_ACK, new int[] {3, 3},
            Generation.USED_BIT, new int[] {3, 6});

    /** How long a workload may take: simulation steps, or their time on threads (a minute). */
    static final long WORKLOAD_STEPS = 30_000_000;

    /** A URPC run within the model is tiny (a few dozen events): many more seeds of it than of the protocols. */
    static final int URPC_SEEDS_PER_SEED = 20;

    private Conformance() {}

    /** Runs, records and validates every workload; traces are written under {@code outDir}. */
    public static List<Run> runAll(Path specsDir, Path outDir, int seeds) throws IOException {
        Files.createDirectories(outDir);
        List<Run> runs = new ArrayList<>();
        try {
            urpcRuns(specsDir, outDir, seeds, runs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running the URPC channel on threads", e);
        }
        for (TreeShape shape : TreeShape.values()) {
            for (long seed = 1; seed <= seeds; seed++) vmRun(specsDir, outDir, shape, new SimRuntime(seed), seed, runs);
            vmRun(specsDir, outDir, shape, new ThreadRuntime(), 0, runs);
        }
        for (long seed = 1; seed <= seeds; seed++) capsRun(specsDir, outDir, new SimRuntime(seed), seed, runs);
        capsRun(specsDir, outDir, new ThreadRuntime(), 0, runs);
        for (MembershipDriver.Change change : MembershipDriver.Change.values()) {
            for (long seed = 1; seed <= seeds; seed++) membershipRun(specsDir, outDir, new SimRuntime(seed), seed, change, runs);
            if (change != MembershipDriver.Change.CRASH) membershipRun(specsDir, outDir, new ThreadRuntime(), 0, change, runs);
        }
        for (MembershipFaultsDriver.Scenario sc : MembershipFaultsDriver.Scenario.values()) {
            for (long seed = 1; seed <= seeds; seed++) membershipFaultsRun(specsDir, outDir, seed, sc, runs);
        }
        for (long seed = 1; seed <= seeds; seed++) churnRun(specsDir, outDir, new SimRuntime(seed), seed, runs);
        churnRun(specsDir, outDir, new ThreadRuntime(), 0, runs);
        return runs;
    }

    private static String fileName(String workload, CoreRuntime rt, long seed) {
        return workload + "-" + rt.name() + (seed > 0 ? "-" + seed : "");
    }

    /** The channel on its own: both generations, within their large models, simulated and on two threads. */
    static void urpcRuns(Path specsDir, Path outDir, int seeds, List<Run> runs) throws IOException, InterruptedException {
        for (Generation g : Generation.values()) {
            int[] nm = URPC_MODEL.get(g);
            String model = g == Generation.EPOCH_ACK ? "Urpc_large.cfg" : "Urpc_B_large.cfg";
            String w = "urpc-" + UrpcMapping.gen(g);
            for (long seed = 1; seed <= URPC_SEEDS_PER_SEED * seeds; seed++) {
                UrpcMapping map = UrpcDriver.simulate(g, nm[0], nm[1], seed).model(model);
                runs.add(validated(w, "sim", seed, outDir.resolve(w + "-sim-" + seed + ".ndjson"), map.lines(), specsDir, true));
            }
            // on threads the channel is recorded per core, without a lock: a run fails too when its logs admit no order
            UrpcMapping map = UrpcDriver.threads(g, nm[0], nm[1], 60_000).model(model);
            Run r = validated(w, "threads", 0, outDir.resolve(w + "-threads.ndjson"), map.lines(), specsDir, true);
            runs.add(withResult(r, map.checked(r.result())));
            // and a long run, wrapping the rings many times (its MaxMsgs is larger than any model's)
            UrpcMapping longRun = UrpcDriver.threads(g, 4, 2_000, 60_000);
            Run lr = validated(w + "-long", "threads", 0, outDir.resolve(w + "-long-threads.ndjson"), longRun.lines(), specsDir, false);
            runs.add(withResult(lr, longRun.checked(lr.result())));
        }
    }

    private static Run validated(String workload, String runtime, long seed, Path f, List<String> lines, Path specsDir, boolean inModel)
            throws IOException {
        Files.write(f, lines);
        Trace t = Trace.read(f);
        return new Run(workload, t.spec(), t.model(), runtime, seed, f, 1, TraceCheck.check(t, specsDir), inModel);
    }

    /** A run that did not finish its work fails, whatever its trace says. */
    private static TraceValidator.Result unfinished(TraceValidator.Result r, String why) {
        return new TraceValidator.Result(false, r.eventsChecked(), r.totalEvents(), why, r.actions(), r.states());
    }

    /**
     * Unmap rounds from every core. The broadcast and chain trees run on three cores within the
     * bounds of Shootdown.tla's models; the multicast trees need several packages to differ from
     * broadcast, so they run on six cores of intel-2x4 (two packages), validated against
     * ShootdownTree.tla with the machine's trees as its table, their states not counted.
     */
    static void vmRun(Path specsDir, Path outDir, TreeShape shape, CoreRuntime rt, long seed, List<Run> runs) throws IOException {
        boolean small = shape == TreeShape.BROADCAST || shape == TreeShape.UNICAST;
        String machine = small ? "amd-4x4" : "intel-2x4";
        int cores = small ? CORES : 6;
        ChannelTraces channels = ChannelTraces.on(rt, Generation.EPOCH_ACK, 8);
        Machine m = Machine.boot(Machines.named(machine), cores, Generation.EPOCH_ACK, 8, rt.clock(), channels);
        Vm.install(m, shape, Set.of(), FRAMES_PER_CORE);
        ShootdownMapping map = ShootdownMapping.forTrees(m.topology(), shape, cores, cores, FRAMES_PER_CORE);
        Vm.setRecorder(m, map.observe(m));
        VmWorkload w = new VmWorkload(ROUNDS, shape);
        boolean done = rt.run(m, w.start(m), rt.budget(WORKLOAD_STEPS));
        String workload = "unmap-" + shape.name().toLowerCase();
        Run r = validated(workload, rt.name(), seed, outDir.resolve("shootdown-" + fileName(shape.name().toLowerCase(), rt, seed)
                + ".ndjson"), map.lines(), specsDir, small);
        if (!done) r = withResult(r, unfinished(r.result(), "the workload did not complete"));
        runs.add(r);
        addChannels(runs, channelsRun(workload, rt, seed, channels, outDir, specsDir));
    }

    static void capsRun(Path specsDir, Path outDir, CoreRuntime rt, long seed, List<Run> runs) throws IOException {
        CapCommitDriver.Rig rig;
        try {
            rig = CapCommitDriver.drive(rt, seed == 0 ? 1 : seed, CAP_OPS, CAP_MAX_COPIES, CAP_PARTS);
        } catch (IllegalStateException e) {
            TraceValidator.Result failed = new TraceValidator.Result(false, 0, 0, e.getMessage(), Map.of(), Set.of());
            runs.add(new Run("caps", "CapCommit.tla", "CapCommit.cfg", rt.name(), seed, outDir, 0, failed, true));
            return;
        }
        List<String> extra = rig.map.unmapped();
        Run r = validated("caps", rt.name(), seed, outDir.resolve("capcommit-" + fileName("region", rt, seed) + ".ndjson"),
                rig.map.model("CapCommit_large.cfg").lines(), specsDir, true);
        if (!extra.isEmpty()) r = withResult(r, unfinished(r.result(), "steps the spec has no action for: " + extra));
        runs.add(r);
        addChannels(runs, channelsRun("caps", rt, seed, rig.channels, outDir, specsDir));
    }

    static void membershipRun(Path specsDir, Path outDir, CoreRuntime rt, long seed, MembershipDriver.Change change, List<Run> runs)
            throws IOException {
        MembershipDriver.Run run = MembershipDriver.run(rt, seed == 0 ? 1 : seed, change, Set.of());
        String workload = "membership-" + change.name().toLowerCase();
        runs.add(validated(workload, rt.name(), seed, outDir.resolve(fileName(workload, rt, seed) + ".ndjson"), run.map().lines(),
                specsDir, true));
        addChannels(runs, channelsRun(workload, rt, seed, run.channels(), outDir, specsDir));
    }

    /** A recovery scenario of the agreement protocol (simulation only), validated with the run's own bounds. */
    static void membershipFaultsRun(Path specsDir, Path outDir, long seed, MembershipFaultsDriver.Scenario sc, List<Run> runs)
            throws IOException {
        SimRuntime rt = new SimRuntime(seed);
        MembershipDriver.Run run = MembershipFaultsDriver.run(rt, seed, sc);
        String workload = "membership-" + sc.name().toLowerCase().replace('_', '-');
        runs.add(validated(workload, rt.name(), seed, outDir.resolve(fileName(workload, rt, seed) + ".ndjson"), run.map().lines(),
                specsDir, false));
        addChannels(runs, channelsRun(workload, rt, seed, run.channels(), outDir, specsDir));
    }

    /**
     * The membership churn of {@code run --workload membership} on four cores: operations from
     * every core at once, leaves and rejoins, a hot-plugged core, and in the simulation on even
     * seeds a crash; validated against Membership.tla with the run's own bounds (so its states are
     * not counted against a model).
     */
    static void churnRun(Path specsDir, Path outDir, CoreRuntime rt, long seed, List<Run> runs) throws IOException {
        int cores = 4;
        ChannelTraces channels = ChannelTraces.on(rt, Generation.EPOCH_ACK, 8);
        Machine m = Machine.boot(Machines.named("amd-4x4"), cores, Generation.EPOCH_ACK, 8, rt.clock(), channels);
        MembershipMapping map = MembershipMapping.forMachine(m.topology().size(), cores, "Membership.cfg").observe(m);
        Membership.install(m, Set.of(), map);
        if (rt instanceof SimRuntime sim && seed % 2 == 0) sim.crashAt(150 + 40 * seed, 1 + (int) (seed % (cores - 1)));
        MembershipWorkload w = new MembershipWorkload(ROUNDS);
        boolean done = rt.run(m, w.start(m), rt.budget(WORKLOAD_STEPS));
        Run r = validated("membership-churn", rt.name(), seed, outDir.resolve(fileName("membership-churn", rt, seed) + ".ndjson"),
                map.lines(), specsDir, false);
        if (!done) r = withResult(r, unfinished(r.result(), "the workload did not complete"));
        runs.add(r);
        addChannels(runs, channelsRun("membership-churn", rt, seed, channels, outDir, specsDir));
    }

    private static Run withResult(Run r, TraceValidator.Result res) {
        return new Run(r.workload(), r.spec(), r.model(), r.runtime(), r.seed(), r.file(), r.traces(), res, r.inModel());
    }

    /** Adds the line of a machine's channels, unless none of them carried a message (a core crashed at once). */
    private static void addChannels(List<Run> runs, Run channels) {
        if (channels.traces() > 0) runs.add(channels);
    }

    /** Every channel of one machine, validated against specs/Urpc.tla, as one line: verdicts and counts merged. */
    private static Run channelsRun(String workload, CoreRuntime rt, long seed, ChannelTraces channels, Path outDir, Path specsDir)
            throws IOException {
        Path dir = outDir.resolve("channels");
        Files.createDirectories(dir);
        List<ChannelTraces.Checked> checked = channels.checkAll(dir, fileName(workload, rt, seed) + "-", specsDir);
        boolean ok = true;
        int events = 0;
        String diagnosis = null;
        Path file = checked.isEmpty() ? dir : checked.get(0).file();
        Map<String, Long> actions = new TreeMap<>();
        Set<Long> states = new HashSet<>();
        String model = "Urpc.cfg";
        for (ChannelTraces.Checked c : checked) {
            events += c.result().totalEvents();
            c.result().actions().forEach((a, n) -> actions.merge(a, n, Long::sum));
            model = Trace.read(c.file()).model();
            if (!c.result().conforms() && ok) {
                ok = false;
                file = c.file();
                diagnosis = "the channel between cores " + c.channel().a() + " and " + c.channel().b() + ": " + c.result().diagnosis();
            }
        }
        TraceValidator.Result merged = new TraceValidator.Result(ok, events, events, diagnosis, actions, states);
        return new Run(workload + " (channels)", "Urpc.tla", model, rt.name(), seed, file, checked.size(), merged, false);
    }

    /**
     * Per model: the actions the runs took and the states they visited, against the model's distinct
     * states. Only runs within a model's bounds count states; the denominator is the pinned
     * {@code DISTINCT:} count of a model under specs/ with the runs' constants, else a full check of
     * the spec with those constants.
     */
    public static List<Coverage> coverage(List<Run> runs, Path specsDir, int workers) throws IOException {
        return coverage(runs, specsDir, workers, true);
    }

    /** As {@link #coverage(List, Path, int)}; {@code countStates} false: actions only (statesVisited -1). */
    public static List<Coverage> coverage(List<Run> runs, Path specsDir, int workers, boolean countStates) throws IOException {
        List<Coverage> out = new ArrayList<>();
        TreeMap<String, List<Run>> byModel = new TreeMap<>();
        for (Run r : runs) {
            if (r.traces() > 0) byModel.computeIfAbsent(r.spec() + " " + r.model(), k -> new ArrayList<>()).add(r);
        }
        for (List<Run> group : byModel.values()) {
            Set<String> taken = new TreeSet<>();
            Set<Long> states = new HashSet<>();
            Run sample = null;
            for (Run r : group) {
                taken.addAll(r.result().actions().keySet());
                if (countStates && r.inModel() && r.traces() == 1) {
                    states.addAll(r.result().states());
                    if (sample == null) sample = r;
                }
            }
            Run any = sample != null ? sample : group.get(0);
            Trace t = Files.isRegularFile(any.file()) ? Trace.read(any.file()) : null;
            Set<String> all = new TreeSet<>();
            long distinct = -1;
            if (t != null) {
                CompiledSpec spec = TraceCheck.compile(t, specsDir);
                spec.actions().forEach(l -> all.add(l.name()));
                taken.retainAll(all); // a stuttering check a trace ends with (CapCommit's Quiescent) is no action of Next
                if (sample != null) {
                    Long pinned = pinnedDistinct(t, specsDir);
                    if (pinned != null) {
                        distinct = pinned;
                    } else {
                        CheckResult full = new CheckResult();
                        new Bfs(spec, workers, new PrintStream(OutputStream.nullOutputStream()), 0).run(full);
                        distinct = full.distinct;
                    }
                }
            }
            out.add(new Coverage(any.spec(), any.model(), taken, all, sample != null ? states.size() : -1, distinct));
        }
        return out;
    }

    private static final Pattern DISTINCT = Pattern.compile("\\\\\\*\\s*DISTINCT:\\s*(\\d+)");

    /** The distinct count pinned in the trace's model file, when the trace's constants are the model's own. */
    static Long pinnedDistinct(Trace t, Path specsDir) throws IOException {
        Path cfg = specsDir.resolve(t.model());
        if (!Files.isRegularFile(cfg)) return null;
        String text = Files.readString(cfg, StandardCharsets.UTF_8);
        Matcher m = DISTINCT.matcher(text);
        if (!m.find()) return null;
        ModelConfig mc = ConfigParser.parse(cfg.getFileName().toString(), text);
        for (Map.Entry<String, Value> c : t.constants().entrySet()) {
            Object own = mc.constants.get(c.getKey());
            if (!c.getValue().equals(own)) return null;
        }
        return Long.parseLong(m.group(1));
    }
}
