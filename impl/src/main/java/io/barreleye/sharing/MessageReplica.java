package io.barreleye.sharing;

import io.barreleye.channel.Endpoint;
import io.barreleye.channel.Generation;
import io.barreleye.channel.Urpc;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link SharingMode#MESSAGES}: the group's replica is owned by its home core (here a server
 * thread standing for it), and every other access is one URPC round trip to it: a request
 * ({@code ADD delta} or {@code GET}) on the member's own channel, answered with the value. The
 * home applies requests one at a time, so each operation takes effect at one point, between its
 * request and its reply. Nothing but channel memory is shared.
 */
final class MessageReplica implements GroupReplica {
    static final long ADD = 1;
    static final long GET = 2;
    private static final int SLOTS = 8;

    private final Endpoint[] member;
    /** Per member: serialises its calls (a core is one thread; tests may use several per member). */
    private final ReentrantLock[] memberLock;
    private final Home home;

    MessageReplica(int members, Generation generation) {
        member = new Endpoint[members];
        Endpoint[] homeSide = new Endpoint[members];
        memberLock = new ReentrantLock[members];
        for (int i = 0; i < members; i++) {
            Urpc.Pair p = Urpc.duplex(generation, SLOTS);
            member[i] = p.a();
            homeSide[i] = p.b();
            memberLock[i] = new ReentrantLock();
        }
        home = new Home(homeSide, this);
        Thread server = new Thread(home, "replica-home");
        server.setDaemon(true);
        home.thread = server;
        server.start();
    }

    @Override
    public long add(int m, long delta) {
        return call(m, ADD, delta);
    }

    @Override
    public long get(int m) {
        return call(m, GET, 0);
    }

    private long call(int m, long op, long arg) {
        if (home.closed) throw new IllegalStateException("replica closed");
        long[] msg = {op, arg, 0, 0, 0, 0, 0};
        memberLock[m].lock();
        try {
            int idle = 0;
            while (!member[m].trySend(msg, 2)) idle = Spin.backOff(idle);
            while (member[m].tryRecv(msg) < 0) {
                if (home.closed) throw new IllegalStateException("replica closed during a call");
                idle = Spin.backOff(idle);
            }
            return msg[0];
        } finally {
            memberLock[m].unlock();
        }
    }

    @Override
    public SharingMode mode() {
        return SharingMode.MESSAGES;
    }

    @Override
    public void close() {
        home.closed = true;
        try {
            home.thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The home core's loop, holding only its ends of the channels and the replica's value. It ends
     * on {@link #close}, or once the replica itself is unreachable (a test that drops replicas
     * without closing them leaves no thread behind); idle, it spins, then yields, then parks.
     */
    private static final class Home implements Runnable {
        private static final long PARK_NANOS = 50_000;
        private final Endpoint[] ends;
        private final java.lang.ref.WeakReference<MessageReplica> owner;
        volatile boolean closed;
        Thread thread;
        private long value;

        Home(Endpoint[] ends, MessageReplica owner) {
            this.ends = ends;
            this.owner = new java.lang.ref.WeakReference<>(owner);
        }

        @Override
        public void run() {
            long[] msg = new long[Endpoint.PAYLOAD_WORDS];
            int idle = 0;
            while (!closed) {
                boolean any = false;
                for (Endpoint e : ends) {
                    if (e.tryRecv(msg) < 0) continue;
                    any = true;
                    if (msg[0] == ADD) value += msg[1];
                    msg[0] = value;
                    while (!e.trySend(msg, 1) && !closed) Thread.onSpinWait();
                }
                if (any) {
                    idle = 0;
                } else if (++idle < Spin.SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else if (idle < 2 * Spin.SPINS_BEFORE_YIELD) {
                    Thread.yield();
                } else {
                    if (owner.get() == null) return;
                    java.util.concurrent.locks.LockSupport.parkNanos(PARK_NANOS);
                }
            }
        }
    }
}
