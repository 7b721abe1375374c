package io.barreleye.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.barreleye.kernel.Machine;
import io.barreleye.runtime.SimRuntime;
import org.junit.jupiter.api.Test;

/**
 * Each of Shootdown.tla's invariants, as code, against a quiet machine (page 0 mapped to frame 0
 * at core 0 and cached in every TLB, so every check meets a TLB entry at an idle page) and against
 * the same machine with one replica corrupted by hand: a check must hold on the first and name
 * the corruption on the second. The protocol's own tests only show that the checks hold.
 */
class VmInvariantsTest {
    private static final int CORES = 4;

    private static Machine quietMachine() {
        return UnmapProtocolTest.mappedAndCached(new SimRuntime(1), "amd-4x4", CORES, TreeShape.MULTICAST, "seed 1");
    }

    private static Vm vm(Machine m, int core) {
        return Vm.of(m.kernel(core));
    }

    @Test
    void everyInvariantHoldsWithEveryTlbCachingAnIdlePage() {
        Machine m = quietMachine();
        for (int c = 0; c < CORES; c++) assertEquals(0L, vm(m, c).tlb().cached(0), "core " + c + " caches page 0");
        assertNull(VmInvariants.noStaleTlbAfterUnmap().check(m));
        assertNull(VmInvariants.frameReuseAfterAllAcks().check(m));
        assertNull(VmInvariants.framesAccounted().check(m));
    }

    @Test
    void aTlbEntryOtherThanTheHomesMappingIsStale() {
        Machine m = quietMachine();
        vm(m, 2).tlb().tlb.put(0L, 4L);
        assertEquals("core 2's TLB translates page 0 to frame 4 but page 0 is mapped to frame 0 at its home core 0"
                + " and no unmap is in progress", VmInvariants.noStaleTlbAfterUnmap().check(m));
    }

    @Test
    void aTlbEntryOfAnUnmappedPageIsStale() {
        Machine m = quietMachine();
        vm(m, 3).tlb().tlb.put(4L, 8L); // page 4's home is core 0, where it is not mapped
        assertEquals("core 3's TLB translates page 4 to frame 8 but page 4 is unmapped at its home core 0"
                + " and no unmap is in progress", VmInvariants.noStaleTlbAfterUnmap().check(m));
    }

    @Test
    void aFreeFrameStillMappedIsReported() {
        Machine m = quietMachine();
        vm(m, 0).pageTable().free.add(0L);
        assertEquals("frame 0 is free but core 0's page table still maps page 0 to it",
                VmInvariants.frameReuseAfterAllAcks().check(m));
        assertEquals("frame 0 is accounted 2 times: [free at core 0, mapped by page 0]", VmInvariants.framesAccounted().check(m));
    }

    @Test
    void aFreeFrameStillCachedIsReported() {
        Machine m = quietMachine();
        for (int c = 0; c < CORES; c++) vm(m, c).pageTable().pt.remove(0L); // unmapped everywhere, but still cached
        vm(m, 0).pageTable().free.add(0L);
        assertEquals("frame 0 is free but core 0's TLB still translates page 0 to it",
                VmInvariants.frameReuseAfterAllAcks().check(m));
    }

    /** Frames are 0 .. 15 (4 a core): frame 16 is one past the last, and must not pass for core 0's (16 mod 4 = 0). */
    @Test
    void aFrameOnePastTheLastIsUnknown() {
        Machine m = quietMachine();
        assertEquals(16, vm(m, 0).frames());
        vm(m, 0).pageTable().free.add(16L);
        assertEquals("core 0 holds frame 16 in its free set but does not own it", VmInvariants.framesAccounted().check(m));
        vm(m, 0).pageTable().free.remove(16L);
        vm(m, 0).pageTable().free.add(-4L);
        assertEquals("core 0 holds frame -4 in its free set but does not own it", VmInvariants.framesAccounted().check(m));
        vm(m, 0).pageTable().free.remove(-4L);
        vm(m, 0).pageTable().pt.put(0L, 16L);
        assertEquals("page 0 maps to unknown frame 16", VmInvariants.framesAccounted().check(m));
    }

    @Test
    void aFrameHeldByACoreThatDoesNotOwnItIsReported() {
        Machine m = quietMachine();
        vm(m, 1).pageTable().free.add(4L); // frame 4 is core 0's (4 mod 4)
        assertEquals("core 1 holds frame 4 in its free set but does not own it", VmInvariants.framesAccounted().check(m));
    }

    @Test
    void aLostFrameIsAccountedZeroTimes() {
        Machine m = quietMachine();
        vm(m, 1).pageTable().free.remove(5L);
        assertEquals("frame 5 is accounted 0 times: []", VmInvariants.framesAccounted().check(m));
    }
}
