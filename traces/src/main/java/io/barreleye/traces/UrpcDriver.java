package io.barreleye.traces;

import io.barreleye.channel.ChannelFault;
import io.barreleye.channel.Endpoint;
import io.barreleye.channel.Generation;
import io.barreleye.channel.Urpc;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs one observed URPC channel on its own, both sides sending {@code messages} one-word data
 * messages and receiving the other's, and returns the recorded mapping: in the simulation (one
 * thread, a seeded schedule of the two sides' calls; locked recording unless asked otherwise) or
 * on two threads (recorded per core, no lock: the sides race as they would unobserved).
 */
public final class UrpcDriver {
    private UrpcDriver() {}

    /** One side's progress: data messages written and read. */
    private static final class Side {
        final Endpoint e;
        /** Volatile: on threads the other side reads them to know when both are done. */
        volatile long sent;
        volatile long got;

        Side(Endpoint e) {
            this.e = e;
        }

        /** Writes the next message if there is one; false when busy or done. */
        boolean send(long messages, long[] buf) {
            if (sent == messages) return false;
            buf[0] = sent + 1;
            if (!e.trySend(buf, 1)) return false;
            sent++;
            return true;
        }

        void recv(long[] buf) {
            if (e.tryRecv(buf) >= 0) got++;
        }

        boolean done(long messages) {
            return sent == messages && got == messages;
        }
    }

    /**
     * The simulation: at each step a seeded choice of side and call; a side sends in bursts and
     * reads rarely for a while so that rings fill, senders are told busy and, in generation A,
     * explicit ACKs are needed.
     *
     * @throws IllegalStateException if the messages are not all delivered within a step bound
     */
    public static UrpcMapping simulate(Generation g, int slots, int messages, long seed) {
        UrpcMapping map = new UrpcMapping(g, slots, 0, 1);
        Side[] sides = sides(Urpc.duplex(g, slots, map));
        long bound = 1000L + 200L * messages;
        if (!schedule(sides, messages, seed, bound)) {
            throw new IllegalStateException("URPC " + g + " seed " + seed + ": not every message delivered in " + bound
                    + " steps (sent " + sides[0].sent + "/" + sides[1].sent + ", got " + sides[0].got + "/" + sides[1].got + ")");
        }
        return map;
    }

    /**
     * The simulation of a channel with planted bugs ({@link ChannelFault}): the same schedule, and
     * the recording as far as it got (a broken channel may stop delivering).
     */
    public static UrpcMapping simulateWith(Set<ChannelFault> faults, Generation g, int slots, int messages, long seed) {
        return simulateWith(ChannelRecording.LOCKED, faults, g, slots, messages, seed);
    }

    /** As {@link #simulateWith(Set, Generation, int, int, long)}, recorded the way {@code recording} says. */
    public static UrpcMapping simulateWith(ChannelRecording recording, Set<ChannelFault> faults, Generation g, int slots, int messages,
                                           long seed) {
        UrpcRecorder rec = recording.recorder(g, slots, 0, 1);
        schedule(sides(Urpc.duplex(g, slots, rec, faults)), messages, seed, 1000L + 200L * messages);
        return rec.mapping();
    }

    private static Side[] sides(Urpc.Pair p) {
        return new Side[] {new Side(p.a()), new Side(p.b())};
    }

    /** Runs the seeded schedule; true when every message was delivered within {@code bound} steps. */
    private static boolean schedule(Side[] sides, int messages, long seed, long bound) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] buf = new long[Endpoint.PAYLOAD_WORDS];
        int readBias = 50;
        for (long step = 0; !(sides[0].done(messages) && sides[1].done(messages)); step++) {
            if (step >= bound) return false;
            if (step % 64 == 0) readBias = 10 + rnd.nextInt(80); // phases of slow and fast readers
            Side s = sides[rnd.nextInt(2)];
            if (rnd.nextInt(100) < readBias) s.recv(buf);
            else s.send(messages, buf);
        }
        return true;
    }

    /**
     * Two threads, one per side, each sending and reading until both directions delivered
     * everything; recorded per core ({@link PerCoreUrpcRecorder}), the channel taking no lock.
     *
     * @throws IllegalStateException if that takes longer than {@code timeoutMillis}
     */
    public static UrpcMapping threads(Generation g, int slots, int messages, long timeoutMillis) throws InterruptedException {
        PerCoreUrpcRecorder rec = new PerCoreUrpcRecorder(g, slots, 0, 1);
        if (!runThreads(Urpc.duplex(g, slots, rec), messages, timeoutMillis)) {
            throw new IllegalStateException("URPC " + g + " on threads: not every message delivered in " + timeoutMillis + " ms");
        }
        return rec.mapping();
    }

    /**
     * Two threads on a channel with planted bugs, recorded per core: the recording as far as the
     * run got (a broken channel may stop delivering; the threads then stop at the deadline).
     */
    public static UrpcMapping threadsWith(Set<ChannelFault> faults, Generation g, int slots, int messages, long timeoutMillis)
            throws InterruptedException {
        return threadsWith(ChannelRecording.PER_CORE, faults, g, slots, messages, timeoutMillis);
    }

    /** As {@link #threadsWith(Set, Generation, int, int, long)}, recorded the way {@code recording} says (locked: the sides cannot race). */
    public static UrpcMapping threadsWith(ChannelRecording recording, Set<ChannelFault> faults, Generation g, int slots, int messages,
                                          long timeoutMillis) throws InterruptedException {
        UrpcRecorder rec = recording.recorder(g, slots, 0, 1);
        runThreads(Urpc.duplex(g, slots, rec, faults), messages, timeoutMillis);
        return rec.mapping();
    }

    /** Runs the two sides on two threads; true when every message was delivered before the deadline. */
    private static boolean runThreads(Urpc.Pair pair, int messages, long timeoutMillis) throws InterruptedException {
        Side[] sides = sides(pair);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Thread[] ts = new Thread[2];
        for (int i = 0; i < 2; i++) {
            Side s = sides[i];
            Side other = sides[1 - i];
            ts[i] = new Thread(() -> {
                long[] buf = new long[Endpoint.PAYLOAD_WORDS];
                // a side keeps reading after it is done itself: the other may still need its ACKs
                while (!(s.done(messages) && other.done(messages)) && System.nanoTime() < deadline) {
                    s.send(messages, buf);
                    s.recv(buf);
                }
            }, "urpc-side-" + i);
            ts[i].start();
        }
        for (Thread t : ts) t.join();
        return sides[0].done(messages) && sides[1].done(messages);
    }
}
