package io.barreleye.traces;

import io.barreleye.kernel.Recorder;
import io.barreleye.modelcheck.value.ModelValue;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The refinement mapping from the vm package's unmap protocol to specs/Shootdown.tla, driven by
 * the recorder hook: each implementation step (Map, Fill, Unmap, RecvUnmap, SendAck, RecvAck,
 * Complete, the spec's own names) becomes a trace event with the spec's arguments and the spec
 * variables it changes. Implementation core {@code c} is spec core {@code c + 1}; page {@code v}
 * (homed on core {@code v}) is spec page {@code v + 1}; frame {@code f} is the model value
 * {@code f<f>}. Steps the spec does not have (a replica learning of a Map, watching a failed
 * peer) are not events. With {@link #observe}, {@code pt} and {@code tlb} are read from the
 * recording core. The spec's {@code free} is the union of every core's free frames, kept here
 * from the Map and Complete steps; {@code st}, {@code waiting} and {@code msgs} are left free
 * for the checker to reconstruct.
 */
public final class ShootdownMapping implements Recorder {
    private final int cores;
    private final int pages;
    private final int frames;
    private final List<String> lines = new ArrayList<>();
    private final TreeSet<Long> free = new TreeSet<>();
    private final String spec;
    private final String model;
    /** The trees as the table ShootdownTree.tla takes (ParentOf), or null for a tree Shootdown.tla has. */
    private final Value parentOf;
    private long clock;
    /** When set, steps that follow an invalidation report the core's real page table and TLB entries. */
    private io.barreleye.kernel.Machine machine;

    /**
     * Reads the implementation's state, not only its events: at Fill, Unmap, RecvUnmap, SendAck
     * and Complete the recording core's actual page-table and TLB entries for the page are
     * recorded (its own state only, so this is safe on threads too), so a core that acknowledges
     * before it has invalidated, or keeps a TLB entry its replica lost, diverges right there.
     */
    public ShootdownMapping observe(io.barreleye.kernel.Machine m) {
        this.machine = m;
        return this;
    }

    private Object[] actual(int core, long page) {
        if (machine == null) return new Object[0];
        io.barreleye.vm.Vm vm = io.barreleye.vm.Vm.of(machine.kernel(core));
        long t = vm.tlb().cached(page);
        long p = vm.pageTable().frame(page);
        return new Object[] {"tlb", new Object[] {core + 1, page + 1}, t < 0 ? NO_FRAME : frame(t),
                "pt", new Object[] {core + 1, page + 1}, p < 0 ? NO_FRAME : frame(p)};
    }

    /** A mapping for a machine of {@code cores} cores; {@code model} names the .cfg whose Parent is the run's tree. */
    public ShootdownMapping(int cores, int framesPerCore, String model) {
        this(cores, cores, framesPerCore, model);
    }

    /** With {@code pages} pages 0..pages-1, page v homed on core v mod cores (spec page v + 1 on core Home(v + 1)). */
    public ShootdownMapping(int cores, int pages, int framesPerCore, String model) {
        this(cores, pages, framesPerCore, "Shootdown.tla", model, null);
    }

    private ShootdownMapping(int cores, int pages, int framesPerCore, String spec, String model, Value parentOf) {
        this.cores = cores;
        this.pages = pages;
        this.frames = cores * framesPerCore;
        this.spec = spec;
        this.model = model;
        this.parentOf = parentOf;
        for (long f = 0; f < frames; f++) free.add(f);
    }

    /**
     * A mapping for unmap along {@code shape}'s trees on {@code topology}'s first {@code cores}
     * cores, every core a member: Shootdown.tla's own broadcast and chain models, or, for the
     * multicast, NUMA-aware and SKB trees (built from the topology; the SKB's from its answers,
     * which it remembers per question, so these are the trees the run used), specs/ShootdownTree.tla
     * with the implementation's trees as its ParentOf table.
     */
    public static ShootdownMapping forTrees(io.barreleye.topology.Topology topology, io.barreleye.vm.TreeShape shape, int cores,
                                            int pages, int framesPerCore) {
        if (shape == io.barreleye.vm.TreeShape.BROADCAST || shape == io.barreleye.vm.TreeShape.UNICAST) {
            return new ShootdownMapping(cores, pages, framesPerCore, modelFor(shape));
        }
        List<Integer> members = new ArrayList<>();
        for (int c = 0; c < cores; c++) members.add(c);
        Value[] rows = new Value[cores];
        for (int i = 0; i < cores; i++) {
            io.barreleye.vm.MulticastTree t = io.barreleye.vm.MulticastTree.build(topology, shape, i, members);
            Value[] row = new Value[cores];
            for (int c = 0; c < cores; c++) row[c] = io.barreleye.modelcheck.value.IntValue.of(t.parent(c) + 1);
            rows[i] = io.barreleye.modelcheck.value.TupleValue.of(row);
        }
        return new ShootdownMapping(cores, pages, framesPerCore, "ShootdownTree.tla", "ShootdownTree.cfg",
                io.barreleye.modelcheck.value.TupleValue.of(rows));
    }

    /** The model of a tree shape the spec has: broadcast (Shootdown.cfg) or the chain (Shootdown_chain.cfg). */
    public static String modelFor(io.barreleye.vm.TreeShape shape) {
        return switch (shape) {
            case BROADCAST -> "Shootdown.cfg";
            case UNICAST -> "Shootdown_chain.cfg";
            default -> throw new IllegalArgumentException("specs/Shootdown.tla models the broadcast and chain trees, not " + shape
                    + " (see forTrees: specs/ShootdownTree.tla takes any tree)");
        };
    }

    /** The model's constants for this machine: its cores, pages and frames. */
    public Map<String, Value> constants() {
        Map<String, Value> c = new LinkedHashMap<>();
        c.put("Cores", TraceLine.oneTo(cores));
        c.put("Pages", TraceLine.oneTo(pages));
        Value[] fs = new Value[frames];
        for (int f = 0; f < frames; f++) fs[f] = frame(f);
        c.put("Frames", SetEnumValue.of(fs));
        if (parentOf != null) c.put("ParentOf", parentOf);
        return c;
    }

    private static Value frame(long f) {
        return ModelValue.of("f" + f);
    }

    private static final Value NO_FRAME = ModelValue.of("NoFrame");

    /** The spec the trace is of: Shootdown.tla, or ShootdownTree.tla for the multicast trees. */
    public String spec() {
        return spec;
    }

    /** The header and the events so far. */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>(lines.size() + 1);
        out.add(io.barreleye.modelcheck.trace.TraceCheck.header(spec, model, constants()));
        out.addAll(lines);
        return out;
    }

    /**
     * Where the trace stops when a core crashed: the specs do not model crashes, so with
     * {@link #observe} the trace is the run up to its first crash (a prefix of a behaviour is what
     * the spec must explain) and every later step is dropped. -1 while no core has crashed.
     */
    private long truncatedAt = -1;

    /** Whether a core crashed, so that the trace is the run's prefix up to the crash. */
    public synchronized boolean truncated() {
        return truncatedAt >= 0;
    }

    private boolean crashed() {
        if (machine == null) return false;
        for (int i = 0; i < Math.min(cores, machine.size()); i++) if (!machine.isAlive(i)) return true;
        return false;
    }

    /** Synchronized: on threads, the order in which cores take this lock is the trace's order, which respects causality (a send is recorded before the message leaves, a receive after it arrived). */
    @Override
    public synchronized void record(String event, int core, long... a) {
        if (truncatedAt >= 0) return;
        if (crashed()) {
            truncatedAt = clock; // exact in the simulation (one thread): the crash came after the last recorded step
            return;
        }
        int c = core + 1;
        switch (event) {
            case "Map" -> {
                free.remove(a[1]);
                emit(event, core, new Object[] {a[0] + 1, frame(a[1])}, "pt", new Object[] {c, a[0] + 1}, frame(a[1]),
                        "free", null, freeSet());
            }
            case "Fill" -> emit(event, core, new Object[] {c, a[0] + 1}, readOr(core, a[0], "tlb", new Object[] {c, a[0] + 1}, frame(a[1])));
            case "Unmap" -> emit(event, core, new Object[] {a[0] + 1}, concat(new Object[] {"victim", new Object[] {a[0] + 1}, frame(a[1]),
                    "phase", new Object[] {a[0] + 1}, "unmapping"}, readOr(core, a[0], "pt", new Object[] {c, a[0] + 1}, NO_FRAME,
                    "tlb", new Object[] {c, a[0] + 1}, NO_FRAME)));
            case "RecvUnmap" -> emit(event, core, new Object[] {c, a[0] + 1}, readOr(core, a[0], "pt", new Object[] {c, a[0] + 1}, NO_FRAME,
                    "tlb", new Object[] {c, a[0] + 1}, NO_FRAME));
            case "SendAck" -> emit(event, core, new Object[] {c, a[0] + 1}, actual(core, a[0]));
            case "RecvAck" -> emit(event, core, new Object[] {c, a[0] + 1, a[1] + 1});
            case "Complete" -> {
                free.add(a[1]);
                Object[] fixed = {"phase", new Object[] {a[0] + 1}, "idle", "victim", new Object[] {a[0] + 1}, NO_FRAME,
                        "free", null, freeSet()};
                emit(event, core, new Object[] {a[0] + 1}, concat(fixed, actual(core, a[0])));
            }
            default -> { } // implementation-only steps: not spec actions
        }
    }

    /** The core's real page-table and TLB entries for the page when the machine is observed, else {@code unobserved} (what the event implies). */
    private Object[] readOr(int core, long page, Object... unobserved) {
        return machine == null ? unobserved : actual(core, page);
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private Value freeSet() {
        List<Value> fs = new ArrayList<>();
        for (long f : free) fs.add(frame(f));
        return SetEnumValue.of(fs);
    }

    /** One event line: the action, its arguments, then (variable, path or null for the whole, value) triples. */
    private void emit(String action, int core, Object[] args, Object... updates) {
        lines.add(TraceLine.event(action, core, ++clock, args, java.util.Arrays.asList(updates)));
    }
}
