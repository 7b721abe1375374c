package io.barreleye.kernel;

/**
 * Where kernels report what they do: every send, receive and protocol step, named as the TLA+
 * actions are ({@code Send}, {@code Recv}, ...). Off by default; a kernel holding {@link #OFF}
 * skips building the event, so recording costs nothing when it is not wanted.
 */
@FunctionalInterface
public interface Recorder {
    Recorder OFF = (event, core, args) -> { };

    /** {@code event} is a spec action name; {@code args} its arguments (peer core, message type, ...). */
    void record(String event, int core, long... args);
}
