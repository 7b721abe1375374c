package io.barreleye.topology;

import java.util.EnumSet;
import java.util.Set;

/**
 * Heterogeneous cores: a core's type says which {@link Service}s it can run.
 *
 * <ul>
 *   <li>{@link #BIG}: a full general-purpose core; runs every service.</li>
 *   <li>{@link #LITTLE}: a low-power general-purpose core; runs everything except
 *       {@link Service#DEVICE_DRIVER}.</li>
 *   <li>{@link #ACCEL}: an accelerator; runs only {@link Service#APPLICATION}.</li>
 * </ul>
 */
public enum CoreType {
    BIG(EnumSet.allOf(Service.class)),
    LITTLE(EnumSet.complementOf(EnumSet.of(Service.DEVICE_DRIVER))),
    ACCEL(EnumSet.of(Service.APPLICATION));

    private final Set<Service> runnable;

    CoreType(EnumSet<Service> runnable) {
        this.runnable = EnumSet.copyOf(runnable);
    }

    /** Whether a core of this type can run {@code s}. */
    public boolean canRun(Service s) {
        if (s == null) {
            throw new NullPointerException("service");
        }
        return runnable.contains(s);
    }
}
