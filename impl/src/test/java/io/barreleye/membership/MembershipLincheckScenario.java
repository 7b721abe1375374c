package io.barreleye.membership;

import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.View;
import io.barreleye.runtime.CallerDrivenMachine;
import io.barreleye.runtime.MachineClient;
import io.barreleye.runtime.RunningMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;

/**
 * Lincheck over the membership protocol's client operations on 4 cores: cores 1..3 leave and join again
 * (split-phase, each completing once the core installed the view that decides it), and each core
 * reads its own installed view. Against {@link Spec}, one set of members: a core's own view holds
 * it exactly while it is a member, and a leave answers NOT_MEMBER exactly when it is not. Busy
 * answers (a view change is running on the core) are retried by the client. Each core's operations
 * run on one Lincheck thread ({@code nonParallelGroup}), as one power manager per core would call
 * them: a second leave while one is running joins it (the same future), which a sequential
 * specification cannot express; the three cores' changes run concurrently and must agree.
 *
 * <p>Reads of another core's view are not in the scenario because they are not linearizable, by
 * design: cores install an agreed view at different moments. A first version read core 0's (the
 * coordinator's) view and Lincheck found core 0 showing core 2 joined while core 2 itself, not yet
 * installed, still answered a leave with NOT_MEMBER.
 *
 * <p>Two runtimes run it: stress mode on {@link RunningMachine} (one
 * {@link io.barreleye.runtime.ThreadRuntime} thread per core, outside Lincheck's control), and
 * model checking on {@link CallerDrivenMachine} (the {@code CallerDriven} subclasses: Lincheck's
 * threads run the kernels, so the model checker schedules every core's message handling).
 */
public class MembershipLincheckScenario {
    static final int CORES = 4;
    static final int OK = 0, NOT_MEMBER = 1;

    final MachineClient rm;

    public MembershipLincheckScenario() {
        this(RunningMachine::replacing, Set.of());
    }

    MembershipLincheckScenario(MachineClient.Boot boot, Set<MembershipFault> faults) {
        rm = boot.boot(CORES, m -> Membership.install(m, faults));
    }

    private static boolean busy(Outcome<View> o) {
        return o instanceof Outcome.Failure<View> f && f.reason() == Outcome.Reason.BUSY;
    }

    /** Core {@code c} leaves: OK once it installed a view without itself, NOT_MEMBER when it is in none. */
    private int leave(int c) {
        Outcome<View> o = rm.callUntil(c, k -> Membership.of(k).leave(), MembershipLincheckScenario::busy);
        if (o.succeeded()) return OK;
        if (o instanceof Outcome.Failure<View> f && f.reason() == Outcome.Reason.NOT_MEMBER) return NOT_MEMBER;
        throw new AssertionError("leave: " + o);
    }

    /** Core {@code c} joins: OK once it installed a view that holds it (at once if it is a member). */
    private int join(int c) {
        Outcome<View> o = rm.callUntil(c, k -> Membership.of(k).requestJoin(), MembershipLincheckScenario::busy);
        if (o instanceof Outcome.Success<View> s && s.value().contains(c)) return OK;
        throw new AssertionError("join: " + o);
    }

    /** Whether core {@code c}'s installed view holds {@code c}. */
    private boolean ownView(int c) {
        return rm.read(c, k -> k.view().contains(c));
    }

    // one group of operations per core (Lincheck passes no parameter that would pin a thread to a core)

    @Operation(nonParallelGroup = "core1")
    public int leave1() {
        return leave(1);
    }

    @Operation(nonParallelGroup = "core1")
    public int join1() {
        return join(1);
    }

    @Operation(nonParallelGroup = "core1")
    public boolean ownView1() {
        return ownView(1);
    }

    @Operation(nonParallelGroup = "core2")
    public int leave2() {
        return leave(2);
    }

    @Operation(nonParallelGroup = "core2")
    public int join2() {
        return join(2);
    }

    @Operation(nonParallelGroup = "core2")
    public boolean ownView2() {
        return ownView(2);
    }

    @Operation(nonParallelGroup = "core3")
    public int leave3() {
        return leave(3);
    }

    @Operation(nonParallelGroup = "core3")
    public int join3() {
        return join(3);
    }

    @Operation(nonParallelGroup = "core3")
    public boolean ownView3() {
        return ownView(3);
    }

    static StressOptions options(int iterations, int invocations) {
        return new StressOptions().iterations(iterations).invocationsPerIteration(invocations).threads(3).actorsPerThread(3)
                .actorsBefore(1).actorsAfter(1).sequentialSpecification(Spec.class);
    }

    /**
     * Model checking on a {@link CallerDrivenMachine}: the clients run the kernels, so Lincheck
     * decides which core handles its messages when.
     */
    static ModelCheckingOptions modelChecking(int iterations, int invocations) {
        return CallerDrivenMachine.modelCheckingOptions().iterations(iterations).invocationsPerIteration(invocations).threads(3).actorsPerThread(2)
                .actorsBefore(1).actorsAfter(1).sequentialSpecification(Spec.class);
    }

    /**
     * The scenario on a {@link CallerDrivenMachine}, for the model checker, with the protocol's own
     * invariant AgreedViews checked over every core's history of installed views at the end of
     * each scenario. The operations' answers are each core's view of itself, which stays that of
     * one set of members even when cores disagree about each other (reads across cores are left
     * out: see above): a protocol that installs views without agreement answers every operation as
     * the specification does, and only the histories show it. (On a caller-driven machine no core
     * runs while the validation reads them; in stress mode the cores' threads would.) The cores'
     * protocols are found once, at boot: under the model checker a validation function sees other
     * identity hash codes than the code it checks, so a kernel's lookup by class misses there.
     */
    public static class CallerDriven extends MembershipLincheckScenario {
        private final List<Membership> cores = new ArrayList<>();

        public CallerDriven() {
            this(Set.of());
        }

        CallerDriven(Set<MembershipFault> faults) {
            super(CallerDrivenMachine::boot, faults);
            for (int c = 0; c < rm.machine().size(); c++) cores.add(Membership.of(rm.machine().kernel(c)));
        }

        @Validate
        public void agreedViews() {
            List<List<View>> installed = new ArrayList<>();
            for (Membership ms : cores) installed.add(ms.history());
            String bad = MembershipInvariants.agreedViews(installed);
            if (bad != null) throw new IllegalStateException("AgreedViews: " + bad);
        }
    }

    /** {@link MembershipFault#INSTALL_WITHOUT_AGREEMENT} on a {@link CallerDrivenMachine}. */
    public static class CallerDrivenNoAgreement extends CallerDriven {
        public CallerDrivenNoAgreement() {
            super(Set.of(MembershipFault.INSTALL_WITHOUT_AGREEMENT));
        }
    }

    /** The sequential specification: the set of members. */
    public static final class Spec {
        private final Set<Integer> members = new TreeSet<>(Set.of(0, 1, 2, 3));

        private int leave(int c) {
            return members.remove(c) ? OK : NOT_MEMBER;
        }

        private int join(int c) {
            members.add(c);
            return OK;
        }

        public int leave1() { return leave(1); }
        public int join1() { return join(1); }
        public boolean ownView1() { return members.contains(1); }
        public int leave2() { return leave(2); }
        public int join2() { return join(2); }
        public boolean ownView2() { return members.contains(2); }
        public int leave3() { return leave(3); }
        public int join3() { return join(3); }
        public boolean ownView3() { return members.contains(3); }
    }
}
