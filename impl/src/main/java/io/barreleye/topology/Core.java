package io.barreleye.topology;

import java.util.Objects;

/**
 * One core of a machine.
 *
 * @param id         the core's index in its {@link Topology}, 0..n-1
 * @param pkg        the package (socket) holding the core
 * @param numaNode   the NUMA node whose memory is local to the core
 * @param cacheGroup cores with the same cacheGroup share a last-level cache
 * @param type       what kind of core it is (which services it can run)
 */
public record Core(int id, int pkg, int numaNode, int cacheGroup, CoreType type) {
    public Core {
        if (id < 0 || pkg < 0 || numaNode < 0 || cacheGroup < 0) {
            throw new IllegalArgumentException("negative field in core: id=" + id + " pkg=" + pkg
                    + " numaNode=" + numaNode + " cacheGroup=" + cacheGroup);
        }
        Objects.requireNonNull(type, "type");
    }

    /** Whether this core can run {@code s} (delegates to its {@link CoreType}). */
    public boolean canRun(Service s) {
        return type.canRun(s);
    }
}
