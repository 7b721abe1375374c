package io.barreleye.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.barreleye.channel.Generation;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.ScenarioOp;
import io.barreleye.kernel.View;
import io.barreleye.runtime.SimRuntime;
import io.barreleye.runtime.ThreadRuntime;
import io.barreleye.topology.Machines;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Membership and the view-aware single-phase commit under the deterministic simulation (and once on threads). */
class MembershipTest {
    static final int CHUNK = 1; // invariants are checked after every simulation step

    record Sim(SimRuntime rt, Machine m, long seed) {}

    static Sim boot(long seed, int cores, Set<MembershipFault> faults, Generation g) {
        return boot(seed, "single-16", cores, faults, g);
    }

    static Sim boot(long seed, String machine, int cores, Set<MembershipFault> faults, Generation g) {
        SimRuntime rt = new SimRuntime(seed);
        Machine m = Machine.boot(Machines.named(machine), cores, g, 4, rt.clock());
        Membership.install(m, faults);
        return new Sim(rt, m, seed);
    }

    static Sim boot(long seed, int cores) {
        return boot(seed, cores, Set.of(), seed % 2 == 0 ? Generation.USED_BIT : Generation.EPOCH_ACK);
    }

    /**
     * Runs the simulation CHUNK steps at a time until {@code until} holds, checking every
     * invariant between chunks; returns the first violation ("Name: what"), or null.
     */
    static String runChecked(Sim s, BooleanSupplier until, long budget) {
        long start = s.rt().steps();
        CompletableFuture<Void> never = new CompletableFuture<>();
        while (!until.getAsBoolean() && s.rt().steps() - start < budget) {
            long before = s.rt().steps();
            s.rt().run(s.m(), never, CHUNK);
            String v = MembershipInvariants.violation(s.m());
            if (v != null) return v;
            if (s.rt().steps() == before) break; // nothing is live
        }
        return MembershipInvariants.violation(s.m());
    }

    static void runOk(Sim s, BooleanSupplier until, long budget) {
        String v = runChecked(s, until, budget);
        assertNull(v, "seed " + s.seed() + ": " + v);
        assertTrue(until.getAsBoolean(), "seed " + s.seed() + ": did not get there in " + budget + " steps");
    }

    static <T> CompletableFuture<Outcome<T>> onCore(Kernel k, java.util.function.Supplier<CompletableFuture<Outcome<T>>> s) {
        CompletableFuture<Outcome<T>> f = new CompletableFuture<>();
        k.post(() -> s.get().thenAccept(f::complete));
        return f;
    }

    static void assertSameViewOnEveryMember(Sim s, View expected) {
        for (int c : expected.members()) {
            assertEquals(expected, s.m().kernel(c).view(), "seed " + s.seed() + ": core " + c + "'s view");
        }
    }

    @Test
    void aJoinInstallsTheSameViewEverywhere() {
        for (long seed = 1; seed <= 30; seed++) {
            Sim s = boot(seed, 4);
            Kernel added = s.m().addCore();
            CompletableFuture<Outcome<View>> f = onCore(added, () -> Membership.of(added).requestJoin());
            runOk(s, f::isDone, 100_000);
            Outcome<View> o = f.join();
            assertTrue(o.succeeded(), "seed " + seed + ": " + o);
            View v = ((Outcome.Success<View>) o).value();
            assertEquals(new View(2, List.of(0, 1, 2, 3, 4)), v, "seed " + seed);
            // the others install it once the commit reaches them
            runOk(s, () -> allAt(s, v), 100_000);
            assertSameViewOnEveryMember(s, v);
        }
    }

    static boolean allAt(Sim s, View v) {
        for (int c : v.members()) if (!v.equals(s.m().kernel(c).view())) return false;
        return true;
    }

    @Test
    void aLeaveRemovesTheCoreEverywhereAndPowersItOff() {
        for (long seed = 1; seed <= 30; seed++) {
            Sim s = boot(seed, 4);
            int leaver = (int) (seed % 4); // core 0 is the coordinator: it proposes its own removal
            Kernel k = s.m().kernel(leaver);
            CompletableFuture<Outcome<View>> f = onCore(k, () -> Membership.of(k).leave());
            runOk(s, f::isDone, 100_000);
            Outcome<View> o = f.join();
            assertTrue(o.succeeded(), "seed " + seed + ": " + o);
            View v = ((Outcome.Success<View>) o).value();
            List<Integer> expected = new ArrayList<>(List.of(0, 1, 2, 3));
            expected.remove(Integer.valueOf(leaver));
            assertEquals(new View(2, expected), v, "seed " + seed);
            assertFalse(Membership.of(k).isMember(), "seed " + seed);
            runOk(s, () -> allAt(s, v), 100_000);
            assertSameViewOnEveryMember(s, v);
            // and it can join again
            CompletableFuture<Outcome<View>> back = onCore(k, () -> Membership.of(k).requestJoin());
            runOk(s, back::isDone, 100_000);
            assertEquals(new View(3, List.of(0, 1, 2, 3)), ((Outcome.Success<View>) back.join()).value(), "seed " + seed);
        }
    }

    @Test
    void anOperationCompletesWithEveryAck() {
        for (long seed = 1; seed <= 20; seed++) {
            Sim s = boot(seed, 5);
            Kernel k = s.m().kernel((int) (seed % 5));
            CompletableFuture<Outcome<Void>> f = onCore(k, () -> ViewOp.of(k).startOp());
            runOk(s, f::isDone, 100_000);
            assertTrue(f.join().succeeded(), "seed " + seed + ": " + f.join());
        }
    }

    /** OperationResolves: a member crashes before acking; the operation aborts and the crashed member is removed. */
    @Test
    void aCrashDuringAnOperationResolvesIt() {
        for (long seed = 1; seed <= 40; seed++) {
            Sim s = boot(seed, 4);
            s.rt().stopAt(0, 3, 1_000_000).crashAt(5 + seed, 3);
            Kernel k = s.m().kernel((int) (seed % 3));
            CompletableFuture<Outcome<Void>> f = onCore(k, () -> ViewOp.of(k).startOp());
            runOk(s, f::isDone, 100_000);
            Outcome<Void> o = f.join();
            assertTrue(o instanceof Outcome.Failure<Void> fl
                    && (fl.reason() == Outcome.Reason.CORE_FAILED || fl.reason() == Outcome.Reason.ABORTED),
                    "seed " + seed + ": " + o);
            View after = new View(2, List.of(0, 1, 2));
            String v = runChecked(s, () -> allAt(s, after), 100_000);
            assertNull(v, "seed " + seed + ": " + v);
            assertTrue(allAt(s, after), "seed " + seed + ": the crashed member is removed; views " + views(s));
        }
    }

    /** Crashes at random steps during joins, leaves and operations: whatever did not crash resolves. */
    @Test
    void invariantsHoldAfterEveryStepOverManySeeds() {
        int resolved = 0;
        for (long seed = 1; seed <= 300; seed++) {
            String v = randomRun(seed, Set.of(), true);
            assertNull(v, "seed " + seed + ": " + v);
            resolved++;
        }
        assertEquals(300, resolved);
        System.out.println("300 random runs: " + STATS[0] + " steps, " + STATS[1] + " views installed (beyond view 1), "
                + STATS[2] + " operations completed, " + STATS[3] + " aborted");
        assertTrue(STATS[1] > 300 && STATS[2] > 300 && STATS[3] > 30, java.util.Arrays.toString(STATS));
    }

    /** Totals over random runs: steps, views installed past view 1 (on their proposer), completed and aborted operations. */
    static final long[] STATS = new long[4];

    static void count(Sim s) {
        STATS[0] += s.rt().steps();
        int maxView = 1;
        for (int c = 0; c < s.m().size(); c++) {
            View v = s.m().kernel(c).view();
            if (v != null) maxView = Math.max(maxView, v.number());
            for (ViewOp.Op op : ViewOp.of(s.m().kernel(c)).history()) {
                if (op.state() == ViewOp.State.COMPLETED) STATS[2]++;
                if (op.state() == ViewOp.State.ABORTED) STATS[3]++;
            }
        }
        STATS[1] += maxView - 1;
    }

    /**
     * One random run: batches of up to three concurrent scenario operations, crashes both from the
     * scenario and from SimRuntime.crashAt. Returns the first invariant violation, or
     * "unresolved ..." when an operation whose core is alive did not resolve; null if all is well.
     */
    static String randomRun(long seed, Set<MembershipFault> faults, boolean crashes) {
        return randomRun(seed, faults, crashes, io.barreleye.kernel.Recorder.OFF);
    }

    /** {@link #randomRun(long, Set, boolean)}, every core's protocol steps told to {@code recorder}. */
    static String randomRun(long seed, Set<MembershipFault> faults, boolean crashes, io.barreleye.kernel.Recorder recorder) {
        SplittableRandom rnd = new SplittableRandom(seed * 7919);
        Sim s = boot(seed, 3 + rnd.nextInt(3), faults, seed % 2 == 0 ? Generation.USED_BIT : Generation.EPOCH_ACK);
        Membership.setRecorder(s.m(), recorder);
        // the scenario is already installed by boot (same fault set)
        MembershipScenario sc = new MembershipScenario(faults);
        if (crashes && rnd.nextInt(3) == 0) s.rt().crashAt(50 + rnd.nextInt(2000), 1 + rnd.nextInt(2));
        for (int batch = 0; batch < 8; batch++) {
            List<ScenarioOp> ops = new ArrayList<>();
            List<CompletableFuture<? extends Outcome<?>>> fs = new ArrayList<>();
            int n = 1 + rnd.nextInt(3);
            for (int i = 0; i < n; i++) {
                ScenarioOp op = sc.randomOp(rnd, s.m());
                if (!crashes && op.kind().equals("crash")) continue;
                ops.add(op);
                fs.add(sc.start(s.m(), op));
            }
            String v = runChecked(s, () -> resolvedOrDead(s, ops, fs), 200_000);
            if (v != null) return v + " (batch " + batch + ", ops " + ops + ")";
            if (!resolvedOrDead(s, ops, fs)) {
                return "unresolved: " + ops + " -> " + fs + " views " + views(s);
            }
        }
        if (faults.isEmpty()) count(s);
        return null;
    }

    static boolean resolvedOrDead(Sim s, List<ScenarioOp> ops, List<CompletableFuture<? extends Outcome<?>>> fs) {
        for (int i = 0; i < ops.size(); i++) {
            if (fs.get(i).isDone()) continue;
            int c = ops.get(i).core();
            if (c < 0 || s.m().isAlive(c)) return false; // a hot-plugged core's join: the new core is the last one
        }
        return true;
    }

    static String dump(Machine m) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < m.size(); c++) {
            Membership ms = Membership.of(m.kernel(c));
            sb.append(c).append(": ").append(m.kernel(c).view()).append(" member=").append(ms.isMember())
                    .append(" joining=").append(ms.isJoining()).append(" leaving=").append(ms.isLeaving())
                    .append(" running=").append(ms.viewOp().hasRunning()).append(' ').append(ms.debug()).append('\n');
        }
        return sb.toString();
    }

    static String views(Sim s) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < s.m().size(); c++) {
            sb.append(c).append(s.m().isAlive(c) ? "" : "(dead)").append('=').append(s.m().kernel(c).view()).append(' ');
        }
        return sb.toString();
    }

    /**
     * As the randomized stateful suite drives a scenario: 20 operations generated up front against
     * the booted machine, one started every 7 steps, a crash at a random step in a third of the
     * seeds, invariants after every step, and every operation whose core is alive resolved.
     */
    @Test
    void scenarioWithOperationsGeneratedUpFront() {
        int seeds = Integer.getInteger("barreleye.seeds", 200);
        for (long seed = 1; seed <= seeds; seed++) {
            String v = upFrontRun(seed, Set.of());
            assertNull(v, "seed " + seed + ": " + v);
        }
    }

    static String upFrontRun(long seed, Set<MembershipFault> faults) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String machine = new String[] {"amd-4x4", "amd-8x4", "intel-2x4", "single-16"}[rnd.nextInt(4)];
        int cores = 3 + rnd.nextInt(4);
        Sim s = boot(seed, machine, cores, faults, rnd.nextBoolean() ? Generation.USED_BIT : Generation.EPOCH_ACK);
        if (rnd.nextInt(3) == 0) s.rt().crashAt(20 + rnd.nextInt(400), 1 + rnd.nextInt(cores - 1));
        MembershipScenario sc = new MembershipScenario(faults);
        List<ScenarioOp> ops = new ArrayList<>();
        for (int i = 0; i < 20; i++) ops.add(sc.randomOp(rnd, s.m()));
        List<ScenarioOp> started = new ArrayList<>();
        List<CompletableFuture<? extends Outcome<?>>> fs = new ArrayList<>();
        CompletableFuture<Void> never = new CompletableFuture<>();
        int next = 0;
        for (long step = 0; step < 20 * 7 + 20_000; step++) {
            while (next < ops.size() && next * 7L <= step) {
                ScenarioOp op = ops.get(next++);
                if (!s.m().isAlive(op.core())) continue;
                started.add(op);
                fs.add(sc.start(s.m(), op));
            }
            s.rt().run(s.m(), never, 1);
            String bad = MembershipInvariants.violation(s.m());
            if (bad != null) return bad + " at step " + s.rt().steps();
            if (next == ops.size() && resolvedOrDead(s, started, fs)) return null;
        }
        return "unresolved: " + started + " -> " + fs + " views " + views(s);
    }

    /** As the randomized stateful suite checks fault switches: each is caught in some of 300 seeds. */
    @Test
    void everyFaultSwitchIsCaughtWithOperationsGeneratedUpFront() {
        for (MembershipFault f : MembershipFault.values()) {
            List<String> caught = new ArrayList<>();
            for (long seed = 1; seed <= 300 && caught.size() < 3; seed++) {
                String v = upFrontRun(seed, EnumSet.of(f));
                if (v != null) caught.add("seed " + seed + ": " + v.substring(0, Math.min(60, v.length())));
            }
            System.out.println(f + " (operations generated up front): " + caught);
            assertFalse(caught.isEmpty(), f + " was not caught in seeds 1..300");
        }
    }

    /** The scenario's join powers a core that left back on; only with nobody out does it hot-plug a spare. */
    @Test
    void theScenariosJoinRejoinsACoreThatLeftBeforeHotPluggingASpare() {
        Sim s = boot(1, 4);
        MembershipScenario sc = new MembershipScenario(Set.of());
        Kernel k2 = s.m().kernel(2);
        CompletableFuture<Outcome<View>> left = onCore(k2, () -> Membership.of(k2).leave());
        runOk(s, left::isDone, 100_000);
        assertTrue(left.join().succeeded(), left.join().toString());
        CompletableFuture<? extends Outcome<?>> rejoin = sc.start(s.m(), new ScenarioOp(0, "join", 0, 0));
        runOk(s, rejoin::isDone, 100_000);
        assertTrue(rejoin.join().succeeded(), rejoin.join().toString());
        assertTrue(Membership.of(k2).isMember(), "core 2, which left, joined again");
        assertEquals(4, s.m().size(), "no spare was hot-plugged");
        CompletableFuture<? extends Outcome<?>> spare = sc.start(s.m(), new ScenarioOp(1, "join", 0, 0));
        runOk(s, spare::isDone, 100_000);
        assertTrue(spare.join().succeeded(), spare.join().toString());
        assertEquals(5, s.m().size(), "with nobody out, a spare core was hot-plugged");
        assertTrue(Membership.of(s.m().kernel(4)).isMember());
    }

    @Test
    void theScenariosJoinFailsWhenEveryCoreIsInUse() {
        Sim s = boot(2, "single-16", 16, Set.of(), Generation.USED_BIT);
        CompletableFuture<? extends Outcome<?>> f = new MembershipScenario(Set.of()).start(s.m(), new ScenarioOp(3, "join", 0, 0));
        assertTrue(f.isDone());
        assertTrue(f.join() instanceof Outcome.Failure<?> fl && fl.reason() == Outcome.Reason.NO_SUCH_CORE, f.join().toString());
    }

    /**
     * AgreedViews as a check: it holds while every core installed view 1 as booted, and names the
     * view and both cores once one core installed other members under the same number (the
     * protocol's own tests reach that only through the planted INSTALL_WITHOUT_AGREEMENT).
     */
    @Test
    void agreedViewsNamesTwoCoresThatInstalledOneViewWithDifferentMembers() {
        Sim agreeing = boot(1, 3);
        assertNull(MembershipInvariants.agreedViews().check(agreeing.m()));
        SimRuntime rt = new SimRuntime(1);
        Machine m = Machine.boot(Machines.named("single-16"), 3, Generation.USED_BIT, 4, rt.clock());
        m.kernel(2).installView(new View(1, List.of(0, 2)));
        Membership.install(m, Set.of());
        assertEquals("view 1 installed as [0, 1, 2] on core 0 but as [0, 2] on core 2", MembershipInvariants.agreedViews().check(m));
    }

    /**
     * Membership.tla's Withdraw cannot occur in the implementation (verify's report says so:
     * UntakenActions). A member rejects a proposal only when it is not for the view after the one
     * the member installed, or when it accepted another live proposer's for that view. The first
     * cannot happen: a proposer sends the view it installed (COMMIT) before its proposal, on the
     * same FIFO channel, so the member installs it first. Nor the second: only the coordinator of
     * an agreed view proposes (its first live member, the same for every core that installed it,
     * since views agree and every core sees a crash), and a crashed proposer's acceptance is
     * forgotten, not defended. So no proposer is ever rejected: 300 random runs with leaves,
     * joins and crashes propose, accept and commit views, forget a crashed proposer's acceptance,
     * and no step withdraws.
     */
    @Test
    void noProposerIsEverRejectedSoNoneWithdraws() {
        java.util.Map<String, Integer> steps = new java.util.TreeMap<>();
        io.barreleye.kernel.Recorder count = (event, core, args) -> steps.merge(event, 1, Integer::sum); // one thread: the simulation
        for (long seed = 1; seed <= 300; seed++) assertNull(randomRun(seed, Set.of(), true, count), "seed " + seed);
        assertNull(steps.get("Withdraw"), steps.toString());
        for (String taken : List.of("Propose", "Accept", "Commit", "Install", "Leave", "Forget")) {
            assertTrue(steps.getOrDefault(taken, 0) > 0, taken + " never taken: " + steps);
        }
        System.out.println("membership steps in 300 random runs: " + steps);
    }

    @Test
    void ackFromAnyViewIsCaughtByAcksFromViewMembers() {
        assertCaught(MembershipFault.ACK_FROM_ANY_VIEW, "AcksFromViewMembers");
    }

    @Test
    void installWithoutAgreementIsCaughtByAgreedViews() {
        assertCaught(MembershipFault.INSTALL_WITHOUT_AGREEMENT, "AgreedViews");
    }

    /**
     * The suite's end-of-run check: a core with a leave under way, or an operation running, is not
     * at rest; once the leave's view is installed everywhere and the operation resolved, every
     * live core is.
     */
    @Test
    void aRunIsQuiescentOnlyOnceItsChangesAndOperationsAreOver() {
        Sim s = boot(11, 4);
        MembershipScenario sc = new MembershipScenario(Set.of());
        assertNull(sc.quiescent(s.m()), "a booted machine is at rest");
        CompletableFuture<Outcome<View>> leave = onCore(s.m().kernel(3), () -> Membership.of(s.m().kernel(3)).leave());
        CompletableFuture<Outcome<Void>> op = onCore(s.m().kernel(1), () -> ViewOp.of(s.m().kernel(1)).startOp());
        String busy = null;
        for (int step = 0; step < 1000 && busy == null; step++) { // until a core has taken its request up
            s.rt().run(s.m(), new CompletableFuture<Void>(), 1);
            busy = sc.quiescent(s.m());
        }
        assertTrue(busy != null && (busy.contains("leaving") || busy.contains("operation") || busy.contains("queued")), String.valueOf(busy));
        runOk(s, () -> leave.isDone() && op.isDone() && sc.quiescent(s.m()) == null, 200_000);
        assertTrue(leave.join().succeeded(), leave.join().toString());
    }

    /** Nothing in the spec sees listener order (its Install is one step): ListenersHeardView does, between steps. */
    @Test
    void viewBeforeListenersIsCaughtByListenersHeardView() {
        assertCaught(MembershipFault.VIEW_BEFORE_LISTENERS, "ListenersHeardView");
    }

    static void assertCaught(MembershipFault fault, String invariant) {
        List<Long> caught = new ArrayList<>();
        for (long seed = 1; seed <= 300 && caught.size() < 3; seed++) {
            String v = randomRun(seed, EnumSet.of(fault), false);
            if (v != null && v.startsWith(invariant)) caught.add(seed);
        }
        assertFalse(caught.isEmpty(), fault + " was never caught by " + invariant + " in seeds 1..300");
        System.out.println(fault + " caught by " + invariant + " in seeds " + caught);
    }

    /**
     * NO_ABORT_ON_CRASH: the coordinator (core 0) is stopped, so no view change can remove the
     * crashed member; the correct protocol aborts on the crash itself, the faulty one hangs.
     */
    @Test
    void noAbortOnCrashLeavesTheOperationUnresolved() {
        List<Long> hung = new ArrayList<>();
        for (long seed = 1; seed <= 6; seed++) {
            for (boolean faulty : new boolean[] {false, true}) {
                Sim s = boot(seed, 4, faulty ? EnumSet.of(MembershipFault.NO_ABORT_ON_CRASH) : Set.of(),
                        Generation.USED_BIT);
                s.rt().stopAt(0, 0, 10_000_000).stopAt(0, 3, 10_000_000).crashAt(20 + seed, 3);
                Kernel k = s.m().kernel(1);
                CompletableFuture<Outcome<Void>> f = onCore(k, () -> ViewOp.of(k).startOp());
                String v = runChecked(s, f::isDone, 20_000);
                if (!faulty) {
                    assertNull(v, "seed " + seed + ": " + v);
                    assertTrue(f.isDone(), "seed " + seed + ": the correct protocol resolves the operation");
                    assertTrue(f.join() instanceof Outcome.Failure<Void> fl && fl.reason() == Outcome.Reason.CORE_FAILED,
                            "seed " + seed + ": " + f.join());
                } else {
                    // the step-bounded invariant sees it at once, and the operation indeed never resolves
                    assertTrue(v != null && v.startsWith("OperationResolves"), "seed " + seed + ": " + v);
                    s.rt().run(s.m(), f, 20_000);
                    if (!f.isDone()) hung.add(seed);
                }
            }
        }
        assertFalse(hung.isEmpty(), "NO_ABORT_ON_CRASH never left an operation unresolved");
        System.out.println("NO_ABORT_ON_CRASH: OperationResolves violated (operation still running) in seeds " + hung);
    }

    @Test
    void sameSeedSameRun() {
        List<String> a = recorded(17);
        List<String> b = recorded(17);
        assertEquals(a, b, "seed 17 replays identically");
        assertTrue(a.stream().anyMatch(e -> e.startsWith("Commit")), a.toString());
        assertTrue(a.stream().anyMatch(e -> e.startsWith("CompleteOp") || e.startsWith("AbortOp")), a.toString());
    }

    static List<String> recorded(long seed) {
        SimRuntime rt = new SimRuntime(seed);
        Machine m = Machine.boot(Machines.named("single-16"), 4, Generation.USED_BIT, 4, rt.clock());
        List<String> events = new ArrayList<>();
        Membership.install(m, Set.of(), (event, core, args) -> events.add(event + " " + core + " " + java.util.Arrays.toString(args)));
        Sim s = new Sim(rt, m, seed);
        Kernel added = m.addCore();
        CompletableFuture<Outcome<View>> j = onCore(added, () -> Membership.of(added).requestJoin());
        Kernel k = m.kernel(1);
        CompletableFuture<Outcome<Void>> o = onCore(k, () -> ViewOp.of(k).startOp());
        runOk(s, () -> j.isDone() && o.isDone(), 100_000);
        return events;
    }

    @Test
    void workloadUnderSimulationWithCrashes() {
        for (long seed = 1; seed <= 10; seed++) {
            SimRuntime rt = new SimRuntime(seed).crashAt(300 + 37 * seed, (int) (1 + seed % 4));
            Machine m = Machine.boot(Machines.named("single-16"), 5, Generation.USED_BIT, 4, rt.clock());
            MembershipWorkload w = new MembershipWorkload(30);
            CompletableFuture<Void> done = w.start(m);
            Sim s = new Sim(rt, m, seed);
            runOk(s, done::isDone, 2_000_000);
            assertTrue(w.resolved() > 0, "seed " + seed);
        }
    }

    // Under load this run used to hang: leaving and joining cores repeated their requests every 128
    // steps, and on threads the copies flooded the send queues ahead of the messages that mattered.
    @Test
    void workloadOnThreadsCompletesWithTheInvariantsHolding() {
        ThreadRuntime rt = new ThreadRuntime();
        Machine m = Machine.boot(Machines.named("amd-4x4"), 6, Generation.USED_BIT, 16, rt.clock());
        MembershipWorkload w = new MembershipWorkload(100);
        boolean ok = rt.run(m, w.start(m), 60_000);
        assertTrue(rt.failures().isEmpty(), rt.failures().toString());
        assertTrue(ok, "the membership workload completes on threads (" + w.resolved() + " steps resolved)\n" + dump(m));
        assertNull(MembershipInvariants.violation(m));
        assertTrue(w.resolved() >= 6 * 100, "resolved " + w.resolved());
        // every live member agrees on the last view
        View last = null;
        for (Kernel k : m.live()) {
            if (!Membership.of(k).isMember()) continue;
            if (last == null || k.view().number() > last.number()) last = k.view();
        }
        if (last == null) fail("no member left");
    }
}
