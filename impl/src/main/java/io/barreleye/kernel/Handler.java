package io.barreleye.kernel;

/** Handles one kind of message on a core: {@code msg[0]} is the header, the payload follows. */
@FunctionalInterface
public interface Handler {
    void handle(Kernel k, long[] msg, int len);
}
