package io.barreleye.proptest;

import io.barreleye.kernel.Machine;

/**
 * What a randomized run records and how its recording is judged: trace validation against the
 * specs, plugged in by the suite (the traces module, which knows the specs, is not a dependency
 * of the harness). A run whose recording does not conform fails like a broken invariant, so it is
 * shrunk and replayed the same way.
 */
public interface Recording {
    /** Observers for the machine's channels, given at boot. */
    Machine.ChannelObservers channels();

    /** Attaches protocol recorders once the machine has booted and its scenario is installed. */
    void attach(Machine m);

    /**
     * The run is complete: every operation resolved and the messages it left landed, with no
     * invariant broken; the simulation is paused, so every core's state can be read at once.
     */
    default void ended(Machine m) {}

    /**
     * Validates what was recorded, once the run is over.
     *
     * @return null when every trace conforms, else which one diverged and the diagnosis
     */
    String validate();

    /** Records nothing and accepts every run. */
    Recording NONE = new Recording() {
        @Override
        public Machine.ChannelObservers channels() {
            return (a, b) -> null;
        }

        @Override
        public void attach(Machine m) {}

        @Override
        public String validate() {
            return null;
        }
    };
}
