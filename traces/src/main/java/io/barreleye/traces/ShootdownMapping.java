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
 * peer) are not events.
 *
 * <p>Every variable the trace gives is read from the implementation at that step, never taken from
 * the event's arguments, and only from the recording core (its own state, so this is safe on
 * threads too): at every event {@code pt[c][v]} and {@code tlb[c][v]} of the recording core c
 * (Map: the home's new entry; Unmap, RecvUnmap: the entries after the invalidation; Fill, SendAck,
 * RecvAck, Complete: entries the spec leaves unchanged there); on the home, {@code phase[v]} and
 * {@code victim[v]} from its unmap protocol; and {@code free}, the union of every core's free
 * frames, from the recording core's allocator (see {@link #homeState}). The other replicas' entries
 * at a Map are the spec's (its Map installs every replica in one step; the implementation's
 * replicas learn of it by message, which is no spec step). {@code st}, {@code waiting} and
 * {@code msgs} are left free for the checker to reconstruct. A mapping must
 * {@link #observe} its machine before the run: recording without one throws.
 */
public final class ShootdownMapping implements Recorder {
    private final int cores;
    private final int pages;
    private final int frames;
    private final List<String> lines = new ArrayList<>();
    /** The spec's free: the union of every core's free frames as last read (see homeState). */
    private final TreeSet<Long> free = new TreeSet<>();
    /** Each core's free frames as read at its last recorded step. */
    private final Map<Integer, java.util.Set<Long>> freeAt = new java.util.HashMap<>();
    private final String spec;
    private final String model;
    /** The trees as the table ShootdownTree.tla takes (ParentOf), or null for a tree Shootdown.tla has. */
    private final Value parentOf;
    private long clock;
    /** The machine whose state every event reads. */
    private io.barreleye.kernel.Machine machine;

    /**
     * The machine the events are read from: at every step the recording core's page-table and TLB
     * entries, allocator and (on the home) unmap state, so a core that acknowledges before it has
     * invalidated, keeps a TLB entry its replica lost, or frees a frame early diverges right there.
     */
    public ShootdownMapping observe(io.barreleye.kernel.Machine m) {
        this.machine = m;
        return this;
    }

    private Object[] actual(int core, long page) {
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
        if (machine == null) throw new IllegalStateException("ShootdownMapping reads the machine's state: observe(machine) before the run");
        if (truncatedAt >= 0) return;
        if (crashed()) {
            truncatedAt = clock; // exact in the simulation (one thread): the crash came after the last recorded step
            return;
        }
        if (!SPEC_ACTIONS.contains(event)) return; // implementation-only steps (a replica learning of a Map, a failed peer)
        long page = a[0];
        int c = core + 1;
        Object[] args = switch (event) {
            case "Map" -> new Object[] {page + 1, frame(a[1])};
            case "Unmap", "Complete" -> new Object[] {page + 1};
            case "RecvAck" -> new Object[] {c, page + 1, a[1] + 1};
            default -> new Object[] {c, page + 1}; // Fill, RecvUnmap, SendAck
        };
        emit(event, core, args, concat(actual(core, page), homeState(core, page)));
    }

    /** The actions of specs/Shootdown.tla the implementation records under the spec's own names. */
    private static final java.util.Set<String> SPEC_ACTIONS = java.util.Set.of("Map", "Fill", "Unmap", "RecvUnmap", "SendAck", "RecvAck", "Complete");

    /**
     * What the spec keeps beside the recording core's entries, read from that core: {@code free}
     * as the union of every core's free frames (the recording core's read now, every other core's
     * as read at that core's last step: a core's free list changes only on its own thread, so this
     * is the real union, and a change made between steps shows at the core's next step), and, on
     * the page's home, {@code phase[v]} and {@code victim[v]} from its unmap protocol.
     */
    private Object[] homeState(int core, long page) {
        io.barreleye.vm.Vm vm = io.barreleye.vm.Vm.of(machine.kernel(core));
        List<Object> u = new ArrayList<>();
        if (readFree(core, vm.pageTable().freeFrames())) u.addAll(java.util.Arrays.asList("free", null, freeSet()));
        if (vm.home(page) == core) {
            boolean unmapping = vm.protocol().phase(page) == io.barreleye.vm.UnmapProtocol.Phase.UNMAPPING;
            long victim = vm.protocol().victim(page);
            u.addAll(java.util.Arrays.asList("phase", new Object[] {page + 1}, unmapping ? "unmapping" : "idle",
                    "victim", new Object[] {page + 1}, victim < 0 ? NO_FRAME : frame(victim)));
        }
        return u.toArray();
    }

    /** Takes {@code core}'s free frames as read now into the union; whether that changed the union. */
    private boolean readFree(int core, java.util.Set<Long> now) {
        java.util.Set<Long> before = freeAt.computeIfAbsent(core, this::initialFree);
        if (before.equals(now)) return false;
        free.removeAll(before);
        free.addAll(now);
        freeAt.put(core, new TreeSet<>(now));
        return true;
    }

    /** A core's share of the spec's initial {@code free} (every frame): the frames its allocator starts with, f mod cores = core. */
    private java.util.Set<Long> initialFree(int core) {
        java.util.Set<Long> s = new TreeSet<>();
        for (long f = core; f < frames; f += cores) s.add(f);
        return s;
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
