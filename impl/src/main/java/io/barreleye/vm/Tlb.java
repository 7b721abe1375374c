package io.barreleye.vm;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One core's TLB (the spec's {@code tlb[c]}): translations cached from this core's page table
 * replica on a miss. Touched only by the owning core.
 */
public final class Tlb {
    /** page -> frame: the spec's {@code tlb[c]}. */
    final Map<Long, Long> tlb = new HashMap<>();
    private final PageTable pt;
    private final Vm vm;

    Tlb(Vm vm, PageTable pt) {
        this.vm = vm;
        this.pt = pt;
    }

    /** The cached translation of {@code page}, or {@link PageTable#NO_FRAME}. */
    public long cached(long page) {
        return tlb.getOrDefault(page, PageTable.NO_FRAME);
    }

    public Map<Long, Long> entries() {
        return Collections.unmodifiableMap(tlb);
    }

    /** A memory access: a hit returns the cached frame, a miss fills from the replica; NO_FRAME is a page fault. */
    public long touch(long page) {
        long f = cached(page);
        if (f != PageTable.NO_FRAME) return f;
        return fill(page);
    }

    /** Spec {@code Fill(c, v)}: walks the local replica and caches the translation. */
    long fill(long page) {
        long f = pt.frame(page);
        if (f == PageTable.NO_FRAME || f == cached(page)) return f;
        tlb.put(page, f);
        vm.record("Fill", page, f);
        return f;
    }

    void invalidate(long page) {
        tlb.remove(page);
    }
}
