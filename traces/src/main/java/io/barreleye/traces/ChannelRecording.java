package io.barreleye.traces;

import io.barreleye.channel.Generation;
import io.barreleye.runtime.CoreRuntime;
import io.barreleye.runtime.ThreadRuntime;

/** How a channel is recorded: under its lock, or per core without one (see {@link PerCoreUrpcRecorder}). */
public enum ChannelRecording {
    /** Both endpoints run under the recorder's lock; the order of the steps is the order they ran in. */
    LOCKED,
    /** Each endpoint logs its own steps, no lock taken; the logs are merged by happens-before. */
    PER_CORE;

    /**
     * The recording for runs on {@code rt}: per core on threads, where a lock would keep the two
     * sides from racing; locked in the simulation, where one thread runs every side anyway and the
     * trace then keeps the schedule's own order.
     */
    public static ChannelRecording on(CoreRuntime rt) {
        return rt instanceof ThreadRuntime ? PER_CORE : LOCKED;
    }

    /** A recorder of this kind for a channel between implementation cores {@code a} (side a) and {@code b}. */
    public UrpcRecorder recorder(Generation g, int slots, int a, int b) {
        return this == LOCKED ? new UrpcMapping(g, slots, a, b) : new PerCoreUrpcRecorder(g, slots, a, b);
    }
}
