package io.barreleye.topology;

/**
 * The kinds of service a core can be asked to run. Which core types can run which service
 * is decided by {@link CoreType#canRun(Service)}.
 */
public enum Service {
    /** The per-core monitor that runs the cross-core protocols. */
    MONITOR,
    /** A memory server handing out RAM capabilities. */
    MEMORY_SERVER,
    /** The name service. */
    NAME_SERVER,
    /** A device driver (needs interrupts and device access: BIG cores only). */
    DEVICE_DRIVER,
    /** An ordinary application (or application kernel, on an accelerator). */
    APPLICATION
}
