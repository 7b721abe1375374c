package io.barreleye.proptest;

import io.barreleye.kernel.Machine;
import io.barreleye.modelcheck.trace.Trace;
import io.barreleye.modelcheck.trace.TraceCheck;
import io.barreleye.modelcheck.trace.TraceValidator;
import io.barreleye.membership.Membership;
import io.barreleye.traces.ChannelTraces;
import io.barreleye.traces.MembershipMapping;
import io.barreleye.traces.ShootdownMapping;
import io.barreleye.vm.TreeShape;
import io.barreleye.vm.Vm;
import io.barreleye.vm.VmScenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The suite's recording of one run: every URPC channel of the machine through
 * {@link ChannelTraces} (specs/Urpc.tla), and the unmap protocol through {@link ShootdownMapping}
 * (specs/Shootdown.tla, or specs/ShootdownTree.tla with the run's multicast trees as its table)
 * up to the first crash, if any (the specs do not model crashes: a run that crashes is validated
 * as the prefix before it), and the membership protocol
 * through {@link MembershipMapping} (specs/Membership.tla, which models crashes, joins, leaves
 * and operations running at once) in every run. Validation is in memory.
 */
final class TraceRecording implements Recording {
    static final Path SPECS = Path.of("..", "specs");

    /** Totals over every recording validated in this JVM, for the suite's report. */
    static final AtomicLong RUNS = new AtomicLong();
    static final AtomicLong CHANNEL_TRACES = new AtomicLong();
    static final AtomicLong CHANNEL_EVENTS = new AtomicLong();
    static final AtomicLong PROTOCOL_TRACES = new AtomicLong();
    static final AtomicLong PROTOCOL_EVENTS = new AtomicLong();
    static final AtomicLong MEMBERSHIP_TRACES = new AtomicLong();
    static final AtomicLong PREFIX_TRACES = new AtomicLong();

    private final ChannelTraces channels;
    private final StatefulRun.Setup setup;
    /** The unmap tree, when the run is an unmap scenario; null otherwise. */
    private final TreeShape shape;
    private final boolean membership;
    private ShootdownMapping unmap;
    private MembershipMapping views;

    /** A recording for seed {@code seed} of scenario {@code scenario} ("vm-broadcast", "caps", "membership", ...). */
    TraceRecording(long seed, String scenario) {
        this.setup = StatefulRun.Setup.of(seed);
        this.channels = new ChannelTraces(setup.generation(), StatefulRun.SLOTS);
        this.shape = RandomizedProtocolTest.shapeOf(scenario);
        this.membership = scenario.equals("membership");
    }

    /** Whether the Shootdown specs model an unmap run under this setup, whole: any tree, no crash (else its prefix before the crash). */
    static boolean shootdownModels(TreeShape shape, StatefulRun.Setup setup) {
        return shape != null && setup.crashStep() < 0;
    }

    @Override
    public Machine.ChannelObservers channels() {
        return channels;
    }

    @Override
    public void attach(Machine m) {
        if (membership) {
            views = MembershipMapping.forMachine(m.topology().size(), setup.cores(), "Membership.cfg").observe(m);
            Membership.setRecorder(m, views);
        }
        if (shape == null) return;
        unmap = ShootdownMapping.forTrees(m.topology(), shape, setup.cores(), setup.cores() * VmScenario.PAGES_PER_CORE,
                VmScenario.FRAMES_PER_CORE);
        Vm.setRecorder(m, unmap.observe(m));
    }

    /** The protocol trace, when one was recorded. */
    List<String> unmapTrace() {
        return unmap == null ? null : unmap.lines();
    }

    @Override
    public String validate() {
        RUNS.incrementAndGet();
        // every trace of the run is validated at once, on all cores: the protocol traces beside the
        // channels (which checkAll validates in parallel too); divergences are reported in a fixed order
        java.util.concurrent.CompletableFuture<String> membershipCheck = views == null ? null
                : java.util.concurrent.CompletableFuture.supplyAsync(() -> protocolUnchecked("membership", "Membership.tla", views.lines()));
        java.util.concurrent.CompletableFuture<String> unmapCheck = unmap == null ? null
                : java.util.concurrent.CompletableFuture.supplyAsync(() -> protocolUnchecked("unmap", unmap.spec(), unmap.lines()));
        try {
            for (ChannelTraces.Checked c : channels.checkAll(null, "seed-" + setup.seed() + "-", SPECS)) {
                CHANNEL_TRACES.incrementAndGet();
                CHANNEL_EVENTS.addAndGet(c.result().totalEvents());
                if (!c.result().conforms()) {
                    return "the channel between cores " + c.channel().a() + " and " + c.channel().b()
                            + " diverges from specs/Urpc.tla:\n" + c.result().diagnosis();
                }
            }
            if (views != null) {
                MEMBERSHIP_TRACES.incrementAndGet();
                String bad = membershipCheck.join();
                if (bad != null) return bad;
            }
            if (unmap != null) {
                if (unmap.truncated()) PREFIX_TRACES.incrementAndGet();
                String bad = unmapCheck.join();
                if (bad != null) return bad;
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            // a run that returns early still waits for what it started (the counters are read after it)
            if (membershipCheck != null) membershipCheck.exceptionally(t -> null).join();
            if (unmapCheck != null) unmapCheck.exceptionally(t -> null).join();
        }
    }

    private String protocolUnchecked(String name, String spec, java.util.List<String> lines) {
        try {
            return protocol(name, spec, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates one protocol's trace, in memory; null when it conforms, else the divergence. */
    private String protocol(String name, String spec, java.util.List<String> lines) throws IOException {
        TraceValidator.Result r = TraceCheck.check(Trace.of(SPECS.resolve("seed-" + setup.seed() + "-" + name + ".ndjson"), lines), SPECS);
        PROTOCOL_TRACES.incrementAndGet();
        PROTOCOL_EVENTS.addAndGet(r.totalEvents());
        return r.conforms() ? null : "the " + name + " protocol diverges from specs/" + spec + ":\n" + r.diagnosis();
    }

    /** One line on what the recordings validated so far. */
    static String totals() {
        return RUNS.get() + " runs validated: " + CHANNEL_TRACES.get() + " channel traces (" + CHANNEL_EVENTS.get()
                + " events) against Urpc.tla, " + PROTOCOL_TRACES.get() + " protocol traces (" + PROTOCOL_EVENTS.get()
                + " events) against Shootdown.tla, ShootdownTree.tla or Membership.tla (" + MEMBERSHIP_TRACES.get() + " membership; "
                + PREFIX_TRACES.get() + " unmap traces up to a crash)";
    }
}
