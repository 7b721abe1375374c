package io.barreleye.vm;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One core's replica of the page table (the spec's {@code pt[c]}) and the frames this core
 * allocates from (its share of the spec's {@code free}: frame f belongs to core {@code f mod n}).
 * Every entry carries the generation of the mapping (the home counts the maps of each page), so a
 * late Map or a duplicate Unmap of an older generation never undoes a newer one. Touched only by
 * the owning core's thread; invariants read it from the simulation's single thread.
 */
public final class PageTable {
    /** The spec's NoFrame. */
    public static final long NO_FRAME = -1;

    /** page -> frame: the spec's {@code pt[c]}. */
    final Map<Long, Long> pt = new HashMap<>();
    /** Frames this core allocates from and that are free for reuse: its part of the spec's {@code free}. */
    final Set<Long> free = new TreeSet<>();
    /** page -> generation of the entry in {@link #pt}. */
    private final Map<Long, Long> gen = new HashMap<>();
    /** page -> the newest generation this core has heard of (by Map or Unmap). */
    private final Map<Long, Long> seen = new HashMap<>();
    private final Vm vm;

    PageTable(Vm vm) {
        this.vm = vm;
    }

    /** The translation of {@code page} in this replica, or {@link #NO_FRAME}. */
    public long frame(long page) {
        return pt.getOrDefault(page, NO_FRAME);
    }

    /** The mapped pages of this replica (read-only view). */
    public Map<Long, Long> entries() {
        return Collections.unmodifiableMap(pt);
    }

    /** The frames free at this core (read-only view). */
    public Set<Long> freeFrames() {
        return Collections.unmodifiableSet(free);
    }

    long generation(long page) {
        return gen.getOrDefault(page, 0L);
    }

    long seen(long page) {
        return seen.getOrDefault(page, 0L);
    }

    void see(long page, long g) {
        if (g > seen(page)) seen.put(page, g);
    }

    /** Spec {@code Map(v, f)} at the home: takes the free frame and installs generation {@code g} of the mapping. */
    void map(long page, long frame, long g) {
        free.remove(frame);
        install(page, frame, g);
        vm.record("Map", page, frame, g);
    }

    /** A replica learns of the home's map (the Map message); ignored when an Unmap of that generation came first. */
    boolean replicate(long page, long frame, long g) {
        if (g <= seen(page)) return false;
        install(page, frame, g);
        return true;
    }

    private void install(long page, long frame, long g) {
        pt.put(page, frame);
        gen.put(page, g);
        see(page, g);
    }

    /**
     * Drops the entries of pages whose home is another core (this core left the view, so no
     * shootdown will reach it any more); the entries of its own pages are the mappings themselves.
     */
    void dropReplicasOfOtherHomes() {
        int me = vm.kernel().id();
        for (Long page : new java.util.ArrayList<>(pt.keySet())) {
            if (vm.home(page) != me) clear(page);
        }
    }

    /** Drops the entry for {@code page} (part of the spec's Invalidate). */
    void clear(long page) {
        pt.remove(page);
        gen.remove(page);
    }
}
