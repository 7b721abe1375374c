package io.barreleye.caps;

import java.util.Arrays;

/**
 * One core's replica entry of a capability: its identity and typed region, its ancestors (the
 * capabilities it was retyped from, root first), the owner core its copies name, and how many
 * copies this core holds. Touched only by the holding core's thread.
 */
public final class Capability {
    private final long id;
    private final CapType type;
    private final long base;
    private final long size;
    private final long[] ancestors;
    int ownerAt;
    int count;

    Capability(long id, CapType type, long base, long size, long[] ancestors, int ownerAt, int count) {
        this.id = id;
        this.type = type;
        this.base = base;
        this.size = size;
        this.ancestors = ancestors;
        this.ownerAt = ownerAt;
        this.count = count;
    }

    public long id() {
        return id;
    }

    public CapType type() {
        return type;
    }

    public long base() {
        return base;
    }

    public long size() {
        return size;
    }

    public long[] ancestors() {
        return ancestors.clone();
    }

    long[] ancestorsRef() {
        return ancestors;
    }

    /** The owner core this replica's copies name. */
    public int ownerAt() {
        return ownerAt;
    }

    /** Copies of it this core holds. */
    public int count() {
        return count;
    }

    public boolean descendsFrom(long capId) {
        for (long a : ancestors) if (a == capId) return true;
        return false;
    }

    public boolean overlaps(long b, long s) {
        return base < b + s && b < base + size;
    }

    @Override
    public String toString() {
        return type + "#" + Long.toHexString(id) + "[" + Long.toHexString(base) + "+" + Long.toHexString(size) + "] owner "
                + ownerAt + " x" + count + (ancestors.length == 0 ? "" : " from " + Arrays.toString(ancestors));
    }
}
