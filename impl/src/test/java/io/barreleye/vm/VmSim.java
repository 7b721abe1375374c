package io.barreleye.vm;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Invariant;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.ScenarioOp;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.topology.Machines;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/** A small stateful driver: random ops at fixed gaps, one simulation step at a time, every invariant after every step. */
final class VmSim {
    static final int GAP = 15;
    static final int SETTLE = 20_000;

    /** What went wrong, or null. */
    record Result(String failure, long steps, int ops, int succeeded) {}

    private VmSim() {}

    static Result run(VmScenario sc, long seed, String machine, int cores, int opCount, boolean crash) {
        SplittableRandom r = new SplittableRandom(seed);
        SimRuntime rt = new SimRuntime(r.nextLong());
        long crashStep = 20 + r.nextInt(400);
        int crashCore = 1 + r.nextInt(cores - 1);
        if (crash) rt.crashAt(crashStep, crashCore);
        Machine m = Machine.boot(Machines.named(machine), cores, r.nextBoolean() ? Generation.EPOCH_ACK : Generation.USED_BIT,
                4, rt.clock());
        sc.install(m);
        List<ScenarioOp> ops = new ArrayList<>();
        for (int i = 0; i < opCount; i++) ops.add(sc.randomOp(r, m));
        List<Invariant> invs = sc.invariants();
        List<CompletableFuture<? extends Outcome<?>>> fs = new ArrayList<>();
        List<ScenarioOp> started = new ArrayList<>();
        CompletableFuture<Void> never = new CompletableFuture<>();
        String where = "seed " + seed + " (" + machine + ", " + cores + " cores, " + sc.name()
                + (crash ? ", core " + crashCore + " crashes at step " + crashStep : "") + ")";
        int next = 0;
        long end = (long) opCount * GAP + SETTLE;
        for (long step = 0; step < end; step++) {
            while (next < ops.size() && (long) next * GAP <= step) {
                ScenarioOp op = ops.get(next++);
                if (!m.isAlive(op.core())) continue;
                fs.add(sc.start(m, op));
                started.add(op);
            }
            rt.run(m, never, 1);
            for (Invariant inv : invs) {
                String bad = inv.check(m);
                if (bad != null) return new Result(inv.name() + " broken at step " + rt.steps() + ", " + where + ": " + bad,
                        rt.steps(), fs.size(), 0);
            }
            if (next == ops.size() && resolved(m, fs, started)) break;
        }
        List<String> hanging = new ArrayList<>();
        int ok = 0;
        for (int i = 0; i < fs.size(); i++) {
            if (!fs.get(i).isDone() && m.isAlive(started.get(i).core())) hanging.add(started.get(i).toString());
            if (fs.get(i).isDone() && fs.get(i).join().succeeded()) ok++;
        }
        return new Result(hanging.isEmpty() ? null : "unresolved after " + rt.steps() + " steps, " + where + ": " + hanging,
                rt.steps(), fs.size(), ok);
    }

    private static boolean resolved(Machine m, List<CompletableFuture<? extends Outcome<?>>> fs, List<ScenarioOp> ops) {
        for (int i = 0; i < fs.size(); i++) {
            if (!fs.get(i).isDone() && m.isAlive(ops.get(i).core())) return false;
        }
        return true;
    }
}
