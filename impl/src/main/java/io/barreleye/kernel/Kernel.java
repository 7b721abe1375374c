package io.barreleye.kernel;

import io.barreleye.channel.MessageChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One core's kernel: a single-threaded event loop that owns this core's replica of OS state and
 * talks to other cores only through its URPC channels. {@link #step} does a bounded amount of
 * work (at most one message from each channel, the send queues, one local task) and says whether
 * there was any, so a runtime can interleave kernels (simulation) or spin and park (threads).
 * Everything here is touched by the core's own thread only, except {@link #control}, the hand-off
 * through which the machine binds channels to new cores (as Barrelfish's boot does).
 */
public final class Kernel {
    public static final int MAX_MESSAGE_WORDS = 32;

    private final int id;
    private final Machine machine;
    private MessageChannel[] channels = new MessageChannel[0];
    private final Handler[] handlers = new Handler[MessageType.MAX];
    private final java.util.Map<Class<?>, Object> services = new java.util.HashMap<>();
    private final java.util.List<java.util.function.IntConsumer> peerFailedListeners = new java.util.ArrayList<>();
    private final java.util.List<java.util.function.Consumer<View>> viewListeners = new java.util.ArrayList<>();
    private View view;
    /** The view the view listeners were last told of (see {@link #viewHeard}). */
    private View heard;
    private final long[] inbox = new long[MAX_MESSAGE_WORDS];
    private final long[] outbox = new long[MAX_MESSAGE_WORDS];
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Runnable> control = new ConcurrentLinkedQueue<>();
    private final Monitor monitor;
    private Recorder recorder = Recorder.OFF;
    private int cursor;
    /** Per peer: the time before which this core does not poll that peer's channel (injected delay). */
    private long[] deferredUntil = new long[0];
    /** Per peer, with a {@link DeliveryDelay} only: when each message in flight from that peer arrives, in order. */
    private java.util.ArrayDeque<Long>[] arrivals = newArrivals(0);
    private long sent;
    private long received;

    Kernel(int id, Machine machine) {
        this.id = id;
        this.machine = machine;
        this.monitor = new Monitor(this);
    }

    public int id() {
        return id;
    }

    public Monitor monitor() {
        return monitor;
    }

    public Machine machine() {
        return machine;
    }

    public long now() {
        return machine.clock().now();
    }

    public void setRecorder(Recorder r) {
        this.recorder = r == null ? Recorder.OFF : r;
    }

    /** Reports a protocol step (a spec action name and its arguments); free when recording is off. */
    public void record(String event, long... args) {
        if (recorder != Recorder.OFF) recorder.record(event, id, args);
    }

    public boolean recording() {
        return recorder != Recorder.OFF;
    }

    public void on(int type, Handler h) {
        handlers[type] = h;
    }

    /** Attaches a protocol's per-core state (this core's replica) under its class. */
    public <T> void attach(Class<T> type, T service) {
        services.put(type, service);
    }

    /** The attached protocol of {@code type}, or null. */
    public <T> T get(Class<T> type) {
        return type.cast(services.get(type));
    }

    /** The membership view this core has installed. */
    public View view() {
        return view;
    }

    /**
     * Installs a new view on this core (the membership protocol calls this once the view is agreed)
     * and, in the same step, tells every view listener: no message is taken and no task runs in a
     * view the core's protocols have not heard of ({@link #viewHeard}).
     */
    public void installView(View v) {
        setView(v);
        tellViewListeners(v);
    }

    /**
     * The planted bug MembershipFault.VIEW_BEFORE_LISTENERS, for nothing else: installs {@code v}
     * now but tells the listeners only at a later step of this core, so for a while the core acts
     * in a view its protocols (ViewOp, the unmap protocol) have not heard of.
     */
    public void installViewTellingListenersLater(View v) {
        setView(v);
        later(() -> tellViewListeners(v));
    }

    private void setView(View v) {
        this.view = v;
        // the SKB keeps the live cores as facts: the boot view and every agreed view tell it
        io.barreleye.skb.Skb.of(machine.topology()).viewInstalled(v.number(), v.members());
    }

    private void tellViewListeners(View v) {
        for (java.util.function.Consumer<View> l : viewListeners) l.accept(v);
        heard = v;
    }

    /**
     * The view every view listener of this core was given last (null before any): the installed
     * {@link #view} between steps, unless a listener was told late (the membership invariant
     * ListenersHeardView reads both).
     */
    public View viewHeard() {
        return heard;
    }

    public void onViewChange(java.util.function.Consumer<View> l) {
        viewListeners.add(l);
    }

    /** Called (through {@link #post}) when {@code peer} crashed or left: unbind and tell the protocols. */
    public void onPeerFailed(java.util.function.IntConsumer l) {
        peerFailedListeners.add(l);
    }

    void peerFailed(int peer) {
        unbind(peer);
        monitor.peerFailed(peer);
        for (java.util.function.IntConsumer l : peerFailedListeners) l.accept(peer);
    }

    /** Runs {@code r} on this core at a later step (local work; never crosses cores). */
    public void later(Runnable r) {
        tasks.add(r);
    }

    /**
     * Thread-safe hand-off: {@code r} runs on this core's own thread at its next step. The machine
     * binds channels this way, and drivers start work on a core this way; cores never use it to
     * talk to each other (they use channels).
     */
    public void post(Runnable r) {
        control.add(r);
    }

    void bind(int peer, MessageChannel ch) {
        if (peer >= channels.length) channels = Arrays.copyOf(channels, Math.max(peer + 1, channels.length * 2));
        channels[peer] = ch;
    }

    void unbind(int peer) {
        if (peer < channels.length) channels[peer] = null;
        if (peer < arrivals.length) arrivals[peer] = null; // what was in flight from it is lost with it
    }

    /**
     * Fault injection: messages from {@code peer} are not read before {@code untilTime} (they wait
     * in the ring, as if the interconnect were slow). Only the simulation calls this.
     */
    public void deferChannel(int peer, long untilTime) {
        if (peer >= deferredUntil.length) deferredUntil = Arrays.copyOf(deferredUntil, Math.max(peer + 1, channels.length));
        deferredUntil[peer] = untilTime;
    }

    public boolean connected(int peer) {
        return peer < channels.length && channels[peer] != null;
    }

    /** Sends a message of type {@code t} with up to three payload words to core {@code to}. */
    public void send(int to, int t, long a, long b, long c) {
        outbox[0] = Messages.header(t, id, view == null ? 0 : view.number());
        outbox[1] = a;
        outbox[2] = b;
        outbox[3] = c;
        sendRaw(to, outbox, 4);
    }

    /** Sends a message of type {@code t} whose payload is {@code payload[0..n)}; at most MAX_MESSAGE_WORDS - 1 words. */
    public void sendWords(int to, int t, long[] payload, int n) {
        outbox[0] = Messages.header(t, id, view == null ? 0 : view.number());
        System.arraycopy(payload, 0, outbox, 1, n);
        sendRaw(to, outbox, n + 1);
    }

    /** Sends {@code len} words already laid out with a header in {@code msg[0]}. */
    public void sendRaw(int to, long[] msg, int len) {
        MessageChannel ch = to < channels.length ? channels[to] : null;
        if (ch == null) throw new IllegalStateException("core " + id + " has no channel to core " + to);
        ch.send(msg, len);
        DeliveryDelay delay = machine.deliveryDelay();
        if (delay != null) machine.kernel(to).expectArrival(id, now() + delay.delay(id, to));
        sent++;
        if (recorder != Recorder.OFF) recorder.record("Send", id, to, Messages.type(msg[0]));
    }

    /** One bounded round of work; false when there was nothing to do. */
    public boolean step() {
        boolean worked = false;
        Runnable r;
        while ((r = control.poll()) != null) {
            r.run();
            worked = true;
        }
        int n = channels.length;
        for (int i = 0; i < n; i++) {
            int peer = (cursor + i) % n;
            MessageChannel ch = channels[peer];
            if (ch == null) continue;
            if (peer < deferredUntil.length && deferredUntil[peer] > now()) continue;
            if (ch.queued() > 0) worked |= ch.flush() || true;
            if (inFlight(peer)) continue;
            int len = ch.receive(inbox);
            if (len > 0) {
                worked = true;
                received++;
                if (peer < arrivals.length && arrivals[peer] != null) arrivals[peer].poll();
                dispatch(peer, len);
            }
        }
        cursor = n == 0 ? 0 : (cursor + 1) % n;
        Runnable task = tasks.poll();
        if (task != null) {
            task.run();
            worked = true;
        }
        return worked;
    }

    /** Notes that the next message from {@code peer} arrives at {@code time} (latency model; simulation only). */
    void expectArrival(int peer, long time) {
        if (peer >= arrivals.length) arrivals = java.util.Arrays.copyOf(arrivals, Math.max(peer + 1, arrivals.length * 2));
        if (arrivals[peer] == null) arrivals[peer] = new java.util.ArrayDeque<>();
        arrivals[peer].add(time);
    }

    /** True when the next message from {@code peer} is still on the interconnect (latency model). */
    private boolean inFlight(int peer) {
        if (peer >= arrivals.length || arrivals[peer] == null) return false;
        Long head = arrivals[peer].peek();
        return head != null && head > now();
    }

    /** True when a message sent to this core is still on the interconnect (latency model): the core is not idle. */
    public boolean awaitingDelivery() {
        for (java.util.ArrayDeque<Long> q : arrivals) {
            if (q != null && !q.isEmpty()) return true;
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static java.util.ArrayDeque<Long>[] newArrivals(int n) {
        return (java.util.ArrayDeque<Long>[]) new java.util.ArrayDeque[n];
    }

    private void dispatch(int peer, int len) {
        long header = inbox[0];
        int t = Messages.type(header);
        if (recorder != Recorder.OFF) recorder.record("Recv", id, peer, t);
        Handler h = t < handlers.length ? handlers[t] : null;
        if (h == null) throw new IllegalStateException("core " + id + " has no handler for " + t);
        h.handle(this, inbox, len);
    }

    /** True when nothing is queued to send and no local task waits (messages in rings may remain). */
    public boolean quiet() {
        if (!tasks.isEmpty() || !control.isEmpty()) return false;
        for (MessageChannel ch : channels) {
            if (ch != null && ch.queued() > 0) return false;
        }
        return true;
    }

    public long sent() {
        return sent;
    }

    public long received() {
        return received;
    }

    public long busyRetries() {
        long n = 0;
        for (MessageChannel ch : channels) {
            if (ch != null) n += ch.busyRetries();
        }
        return n;
    }
}
