package io.barreleye.sharing;

/** Spinning on a channel: a busy wait that yields after a while, so an oversubscribed machine still progresses. */
final class Spin {
    static final int SPINS_BEFORE_YIELD = 1 << 12;

    private Spin() {}

    /** One idle poll: spin-wait, or yield after {@link #SPINS_BEFORE_YIELD}; returns the new idle count. */
    static int backOff(int idle) {
        if (++idle < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
            return idle;
        }
        Thread.yield();
        return 0;
    }
}
