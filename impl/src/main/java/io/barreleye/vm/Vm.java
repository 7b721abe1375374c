package io.barreleye.vm;

import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Outcome;
import io.barreleye.kernel.Recorder;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The virtual-memory service of one core: its page-table replica, its TLB and its end of the
 * unmap protocol, attached to the kernel ({@link #of}). Page {@code v} is mapped and unmapped by
 * its home core {@code v mod n} and may only be mapped to a frame from the home's allocator
 * (frame {@code f} belongs to core {@code f mod n}), where {@code n} is the number of cores when
 * {@link #install} ran (cores hot-plugged later hold replicas but own no pages or frames).
 * Every operation must be called on this core's own thread (through {@link Kernel#post}).
 */
public final class Vm {
    /** What every core's Vm shares, immutable: the tree shape, the fault switches, the page/frame layout. */
    record Config(TreeShape shape, Set<VmFault> faults, int homes, int framesPerCore) {
        Config {
            faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        }
    }

    public static final int DEFAULT_FRAMES_PER_CORE = 4;

    private final Kernel kernel;
    private final Config config;
    private final PageTable pageTable;
    private final Tlb tlb;
    private final UnmapProtocol protocol;
    private volatile Recorder recorder = Recorder.OFF;

    private Vm(Kernel kernel, Config config) {
        this.kernel = kernel;
        this.config = config;
        this.pageTable = new PageTable(this);
        this.tlb = new Tlb(this, pageTable);
        for (long f = kernel.id(); f < (long) config.homes() * config.framesPerCore(); f += config.homes()) {
            if (kernel.id() < config.homes()) pageTable.free.add(f);
        }
        this.protocol = new UnmapProtocol(this);
    }

    /** Installs the service on every core of {@code m} (and on cores added later). */
    public static void install(Machine m, TreeShape shape, Set<VmFault> faults) {
        install(m, shape, faults, DEFAULT_FRAMES_PER_CORE);
    }

    public static void install(Machine m, TreeShape shape, Set<VmFault> faults, int framesPerCore) {
        Config c = new Config(shape, faults, m.size(), framesPerCore);
        m.installOnEveryCore(k -> k.attach(Vm.class, new Vm(k, c)));
    }

    /** This core's Vm, or null when none is installed. */
    public static Vm of(Kernel k) {
        return k.get(Vm.class);
    }

    /** Sends this core's protocol events (spec action names: Map, Fill, Unmap, RecvUnmap, SendAck, RecvAck, Complete) to {@code r}. */
    public void setRecorder(Recorder r) {
        this.recorder = r == null ? Recorder.OFF : r;
    }

    /** Sets the recorder of every core's Vm (now and as cores are added). */
    public static void setRecorder(Machine m, Recorder r) {
        m.installOnEveryCore(k -> {
            Vm vm = of(k);
            if (vm != null) vm.setRecorder(r);
        });
    }

    void record(String event, long... args) {
        Recorder r = recorder;
        if (r != Recorder.OFF) r.record(event, kernel.id(), args);
    }

    /** Maps {@code page} to {@code frame}; on the page's home core, with a free frame of that core. */
    public CompletableFuture<Outcome<Long>> map(long page, long frame) {
        return protocol.map(page, frame);
    }

    /** Unmaps {@code page} by TLB shootdown; completes with the freed frame once every member acked. */
    public CompletableFuture<Outcome<Long>> unmap(long page) {
        return protocol.unmap(page);
    }

    /** A memory access on this core: the frame, or {@link PageTable#NO_FRAME} (a page fault). */
    public long touch(long page) {
        return tlb.touch(page);
    }

    /** The home core of {@code page}. */
    public int home(long page) {
        return Math.floorMod(page, config.homes());
    }

    /** The core whose allocator owns {@code frame}. */
    public int frameOwner(long frame) {
        return Math.floorMod(frame, config.homes());
    }

    /** All frames there are: 0 .. frames()-1. */
    public long frames() {
        return (long) config.homes() * config.framesPerCore();
    }

    public Kernel kernel() {
        return kernel;
    }

    public PageTable pageTable() {
        return pageTable;
    }

    public Tlb tlb() {
        return tlb;
    }

    public UnmapProtocol protocol() {
        return protocol;
    }

    public TreeShape shape() {
        return config.shape();
    }

    Config config() {
        return config;
    }

    boolean faulty(VmFault f) {
        return config.faults().contains(f);
    }
}
