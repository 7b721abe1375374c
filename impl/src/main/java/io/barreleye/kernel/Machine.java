package io.barreleye.kernel;

import io.barreleye.channel.Generation;
import io.barreleye.channel.MessageChannel;
import io.barreleye.channel.Urpc;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A booted multikernel: one {@link Kernel} per core of (a prefix of) a topology, and a duplex URPC
 * channel between every pair of cores. Cores can be added (hot-plug, up to the topology's size)
 * and removed (power-down or crash) while it runs; the survivors learn of it through their
 * control hand-off and fail whatever was waiting on the lost core.
 */
public final class Machine {
    private final Topology topology;
    private final Generation generation;
    private final int slots;
    private final Clock clock;
    private final List<Kernel> kernels = new CopyOnWriteArrayList<>();
    private final List<Boolean> alive = new CopyOnWriteArrayList<>();
    private final List<Consumer<Kernel>> onAdd = new CopyOnWriteArrayList<>();
    private final java.util.Map<Integer, List<Runnable>> onRemove = new java.util.concurrent.ConcurrentHashMap<>();

    private Machine(Topology topology, Generation generation, int slots, Clock clock) {
        this.topology = topology;
        this.generation = generation;
        this.slots = slots;
        this.clock = clock;
    }

    /** Chooses the observer of the channel between cores {@code a < b}, or null to leave it unobserved. */
    @FunctionalInterface
    public interface ChannelObservers {
        io.barreleye.channel.ChannelObserver forPair(int a, int b);
    }

    private ChannelObservers channelObservers = (a, b) -> null;
    private volatile DeliveryDelay deliveryDelay;

    /** Boots {@code cores} kernels on the first cores of {@code topology}. */
    public static Machine boot(Topology topology, int cores, Generation generation, int slots, Clock clock) {
        return boot(topology, cores, generation, slots, clock, (a, b) -> null);
    }

    /**
     * Boots as above, every channel (those between booted cores and those a later
     * {@link #addCore} creates) observed by {@code observers}: the channel-level recorder hook.
     */
    public static Machine boot(Topology topology, int cores, Generation generation, int slots, Clock clock,
                               ChannelObservers observers) {
        if (cores < 1 || cores > topology.size()) {
            throw new IllegalArgumentException("cannot boot " + cores + " cores on " + topology.name() + ", which has "
                    + topology.size());
        }
        Machine m = new Machine(topology, generation, slots, clock);
        m.channelObservers = observers;
        for (int i = 0; i < cores; i++) m.addCore();
        // the boot view: every booted core, agreed by construction
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < cores; i++) members.add(i);
        for (Kernel k : m.kernels) k.installView(new View(1, members));
        return m;
    }

    /** Hot-plugs the next core of the topology: a new kernel, bound to every live core. */
    public synchronized Kernel addCore() {
        int id = kernels.size();
        if (id >= topology.size()) {
            throw new IllegalStateException("all " + topology.size() + " cores of " + topology.name() + " are in use");
        }
        Kernel k = new Kernel(id, this);
        for (int peer = 0; peer < id; peer++) {
            if (!alive.get(peer)) continue;
            Urpc.Pair pair = Urpc.duplex(generation, slots, channelObservers.forPair(peer, id));
            MessageChannel mine = new MessageChannel(pair.b(), Kernel.MAX_MESSAGE_WORDS);
            MessageChannel theirs = new MessageChannel(pair.a(), Kernel.MAX_MESSAGE_WORDS);
            k.bind(peer, mine);
            Kernel other = kernels.get(peer);
            int newId = id;
            other.post(() -> other.bind(newId, theirs));
        }
        // alive first: readers index alive by kernels' size, so a new core never reads as dead or out of range
        alive.add(true);
        kernels.add(k);
        for (Consumer<Kernel> c : onAdd) c.accept(k);
        return k;
    }

    /** Removes a core (it crashed or was powered down): every survivor unbinds it and fails what waited on it. */
    public synchronized void removeCore(int id) {
        if (id < 0 || id >= kernels.size() || !alive.get(id)) throw new IllegalArgumentException("no live core " + id);
        alive.set(id, false);
        for (Runnable r : onRemove.getOrDefault(id, List.of())) r.run();
        for (int peer = 0; peer < kernels.size(); peer++) {
            if (peer == id || !alive.get(peer)) continue;
            Kernel other = kernels.get(peer);
            other.post(() -> other.peerFailed(id));
        }
    }

    /**
     * Runs {@code r} when core {@code id} is removed (crash or power-down), on the thread that
     * removes it: a driver uses it to stop waiting for work the lost core will never finish.
     */
    public void onRemoved(int id, Runnable r) {
        onRemove.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(r);
    }

    /** Runs {@code installer} on every core, now and as cores are added (protocols install their handlers so). */
    public void installOnEveryCore(Consumer<Kernel> installer) {
        for (Kernel k : kernels) installer.accept(k);
        onCoreAdded(installer);
    }

    public void onCoreAdded(Consumer<Kernel> c) {
        onAdd.add(c);
    }

    public Kernel kernel(int id) {
        return kernels.get(id);
    }

    public boolean isAlive(int id) {
        return id >= 0 && id < alive.size() && alive.get(id);
    }

    /** Cores booted so far, live or not. */
    public int size() {
        return kernels.size();
    }

    public List<Kernel> live() {
        List<Kernel> out = new ArrayList<>();
        for (int i = 0; i < kernels.size(); i++) {
            if (alive.get(i)) out.add(kernels.get(i));
        }
        return out;
    }

    public Topology topology() {
        return topology;
    }

    public Generation generation() {
        return generation;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Installs an interconnect latency model: every message is readable only once its delay has
     * passed on the machine's clock. For the simulation only: senders note the arrival time on
     * the receiving kernel directly, which is safe because one thread runs every core there.
     */
    public void setDeliveryDelay(DeliveryDelay delay) {
        this.deliveryDelay = delay;
    }

    /** The installed latency model, or null (messages are readable as soon as written). */
    DeliveryDelay deliveryDelay() {
        return deliveryDelay;
    }

    public void setRecorder(Recorder r) {
        for (Kernel k : kernels) k.setRecorder(r);
        onCoreAdded(k -> k.setRecorder(r));
    }
}
