package io.barreleye.proptest;

import io.barreleye.caps.Caps;
import io.barreleye.kernel.Machine;
import io.barreleye.modelcheck.trace.Trace;
import io.barreleye.modelcheck.trace.TraceCheck;
import io.barreleye.modelcheck.trace.TraceValidator;
import io.barreleye.membership.Membership;
import io.barreleye.traces.CapsTraces;
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
 * as the prefix before it), the membership protocol
 * through {@link MembershipMapping} (specs/Membership.tla, which models crashes, joins, leaves
 * and operations running at once) in every run, and the capability protocols through
 * {@link CapsTraces} (specs/CapCommit.tla, one trace per capability, each up to the first step the
 * spec does not model, or ending, in a complete run, with the spec's Quiescent read from every
 * replica). Validation is in memory.
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
    static final AtomicLong CAPS_TRACES = new AtomicLong();
    static final AtomicLong CAPS_EVENTS = new AtomicLong();
    /** Capability traces validated as a prefix: cut at a step the spec does not model, or in a run a crash stopped. */
    static final AtomicLong CAPS_CUT = new AtomicLong();
    static final AtomicLong CAPS_QUIESCENT = new AtomicLong();
    /** Capability steps recorded after their capability's trace was cut: not validated. */
    static final AtomicLong CAPS_DROPPED = new AtomicLong();
    /** Capability steps not validated, by the reason their trace was cut. */
    static final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> CAPS_CUT_STEPS = new java.util.concurrent.ConcurrentHashMap<>();

    private final ChannelTraces channels;
    private final StatefulRun.Setup setup;
    /** The unmap tree, when the run is an unmap scenario; null otherwise. */
    private final TreeShape shape;
    private final boolean membership;
    private final boolean caps;
    private CapsTraces capabilities;
    private ShootdownMapping unmap;
    private MembershipMapping views;

    /** A recording for seed {@code seed} of scenario {@code scenario} ("vm-broadcast", "caps", "membership", ...). */
    TraceRecording(long seed, String scenario) {
        this.setup = StatefulRun.Setup.of(seed);
        this.channels = new ChannelTraces(setup.generation(), StatefulRun.SLOTS);
        this.shape = RandomizedProtocolTest.shapeOf(scenario);
        this.membership = scenario.equals("membership");
        this.caps = scenario.equals("caps");
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
        if (caps) {
            capabilities = new CapsTraces(m);
            Caps.setRecorder(m, capabilities);
        }
        if (shape == null) return;
        unmap = ShootdownMapping.forTrees(m.topology(), shape, setup.cores(), setup.cores() * VmScenario.PAGES_PER_CORE,
                VmScenario.FRAMES_PER_CORE);
        Vm.setRecorder(m, unmap.observe(m));
    }

    @Override
    public void ended(Machine m) {
        if (capabilities != null) capabilities.quiesce(m);
    }

    /** The capability traces, when the run is a capability run. */
    CapsTraces capabilityTraces() {
        return capabilities;
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
            if (capabilities != null) {
                if (!capabilities.unknown().isEmpty()) return "capability steps naming no capability: " + capabilities.unknown();
                CAPS_DROPPED.addAndGet(capabilities.dropped());
                long afterCuts = capabilities.traces().stream().mapToLong(CapsTraces.Entry::droppedAfterCut).sum();
                if (capabilities.dropped() > afterCuts) {
                    CAPS_CUT_STEPS.computeIfAbsent("a core crashed", k -> new AtomicLong()).addAndGet(capabilities.dropped() - afterCuts);
                }
                for (CapsTraces.Entry e : capabilities.traces()) {
                    CAPS_TRACES.incrementAndGet();
                    List<String> lines = e.map.lines();
                    boolean ended = lines.get(lines.size() - 1).contains("\"event\":\"Quiescent\"");
                    (ended ? CAPS_QUIESCENT : CAPS_CUT).incrementAndGet();
                    if (e.cut() != null && e.droppedAfterCut() > 0) {
                        // the reason without the capability ids and cores, so that like cuts add up
                        String why = e.cut().replaceAll("\\b[0-9a-f]{6,}\\b", "X").replaceAll("\\b\\d+\\b", "N");
                        CAPS_CUT_STEPS.computeIfAbsent(why, k -> new AtomicLong()).addAndGet(e.droppedAfterCut());
                    }
                    String bad = protocol("capability-" + Long.toHexString(e.capId), "CapCommit.tla", lines);
                    CAPS_EVENTS.addAndGet(lines.size() - 1);
                    if (bad != null) return bad + (e.cut() == null ? "" : "\n(validated up to " + e.cut() + ")");
                }
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
                + " events) against Shootdown.tla, ShootdownTree.tla, Membership.tla or CapCommit.tla (" + MEMBERSHIP_TRACES.get() + " membership; "
                + PREFIX_TRACES.get() + " unmap traces up to a crash), " + CAPS_TRACES.get() + " capability traces ("
                + CAPS_EVENTS.get() + " events) against CapCommit.tla (" + CAPS_QUIESCENT.get() + " to their run's quiescent end, "
                + CAPS_CUT.get() + " up to a step the spec does not model or a crash; " + CAPS_DROPPED.get()
                + " capability steps after those not validated" + cutSteps() + ")";
    }

    /** The steps not validated by the reason of their cut, most first. */
    private static String cutSteps() {
        if (CAPS_CUT_STEPS.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        CAPS_CUT_STEPS.entrySet().stream()
                .sorted((x, y) -> Long.compare(y.getValue().get(), x.getValue().get()))
                .forEach(en -> sb.append(sb.length() == 0 ? ", by cut: " : "; ").append(en.getKey()).append(' ').append(en.getValue().get()));
        return sb.toString();
    }
}
