package io.barreleye.vm;

import io.barreleye.kernel.Invariant;
import io.barreleye.kernel.Kernel;
import io.barreleye.kernel.Machine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The safety invariants of Shootdown.tla over every live core's replicas of a simulated machine.
 * Crashed cores are left out: their replicas and TLBs are gone, and so are the pages they were
 * home of and the frames they allocated.
 */
public final class VmInvariants {
    private VmInvariants() {}

    public static List<Invariant> all() {
        return List.of(noStaleTlbAfterUnmap(), frameReuseAfterAllAcks(), framesAccounted());
    }

    private static List<Vm> live(Machine m) {
        List<Vm> out = new ArrayList<>();
        for (Kernel k : m.live()) {
            Vm vm = Vm.of(k);
            if (vm != null) out.add(vm);
        }
        return out;
    }

    /**
     * Whether core {@code c} is in {@code home}'s view: a live core the membership protocol excluded
     * is fenced by it (it drops its translations when it installs a view without itself), so the
     * home's shootdowns no longer answer for it.
     */
    static boolean member(Vm home, Vm c) {
        io.barreleye.kernel.View v = home.kernel().view();
        return v == null || v.contains(c.kernel().id());
    }

    /** phase[v] = "idle" => tlb[c][v] \in {NoFrame, pt[Home(v)][v]}. */
    public static Invariant noStaleTlbAfterUnmap() {
        return Invariant.of("NoStaleTlbAfterUnmap", m -> {
            for (Vm c : live(m)) {
                for (Map.Entry<Long, Long> e : c.tlb().tlb.entrySet()) {
                    long v = e.getKey();
                    int h = c.home(v);
                    if (!m.isAlive(h)) continue;
                    Vm home = Vm.of(m.kernel(h));
                    if (home.protocol().phase(v) != UnmapProtocol.Phase.IDLE) continue;
                    if (!member(home, c)) continue;
                    long mapped = home.pageTable().frame(v);
                    if (e.getValue() != mapped) {
                        return "core " + c.kernel().id() + "'s TLB translates page " + v + " to frame " + e.getValue()
                                + " but page " + v + " is " + (mapped == PageTable.NO_FRAME ? "unmapped" : "mapped to frame " + mapped)
                                + " at its home core " + h + " and no unmap is in progress";
                    }
                }
            }
            return null;
        });
    }

    /** \A f \in free : \A c, v : pt[c][v] # f /\ tlb[c][v] # f. */
    public static Invariant frameReuseAfterAllAcks() {
        return Invariant.of("FrameReuseAfterAllAcks", m -> {
            List<Vm> vms = live(m);
            Map<Long, Vm> free = new java.util.HashMap<>(); // free frame -> its owner
            for (Vm c : vms) for (long f : c.pageTable().free) free.put(f, c);
            for (Vm c : vms) {
                for (Map.Entry<Long, Long> e : c.pageTable().pt.entrySet()) {
                    Vm owner = free.get(e.getValue());
                    if (owner != null && member(owner, c)) {
                        return "frame " + e.getValue() + " is free but core " + c.kernel().id()
                                + "'s page table still maps page " + e.getKey() + " to it";
                    }
                }
                for (Map.Entry<Long, Long> e : c.tlb().tlb.entrySet()) {
                    Vm owner = free.get(e.getValue());
                    if (owner != null && member(owner, c)) {
                        return "frame " + e.getValue() + " is free but core " + c.kernel().id()
                                + "'s TLB still translates page " + e.getKey() + " to it";
                    }
                }
            }
            return null;
        });
    }

    /** Every frame (of a live allocator) is free, mapped at its page's home, or being unmapped: exactly once. */
    public static Invariant framesAccounted() {
        return Invariant.of("FramesAccounted", m -> {
            List<Vm> vms = live(m);
            if (vms.isEmpty()) return null;
            Vm any = vms.get(0);
            long frames = any.frames();
            int[] count = new int[(int) frames];
            List<List<String>> where = new ArrayList<>();
            for (int i = 0; i < frames; i++) where.add(new ArrayList<>());
            for (Vm c : vms) {
                int id = c.kernel().id();
                for (long f : c.pageTable().free) {
                    if (f < 0 || f >= frames || c.frameOwner(f) != id) {
                        return "core " + id + " holds frame " + f + " in its free set but does not own it";
                    }
                    count[(int) f]++;
                    where.get((int) f).add("free at core " + id);
                }
                // pages c is home of: mapped at c, or being unmapped by c (victim)
                Set<Long> pages = new HashSet<>(c.protocol().victim.keySet());
                for (long v : c.pageTable().pt.keySet()) if (c.home(v) == id) pages.add(v);
                for (long v : pages) {
                    long f1 = c.pageTable().frame(v);
                    long f2 = c.protocol().victim(v);
                    for (long f : f1 == f2 ? new long[] {f1} : new long[] {f1, f2}) {
                        if (f == PageTable.NO_FRAME) continue;
                        if (f < 0 || f >= frames) return "page " + v + " maps to unknown frame " + f;
                        count[(int) f]++;
                        where.get((int) f).add((f == f1 ? "mapped by page " : "victim of page ") + v);
                    }
                }
            }
            for (int f = 0; f < frames; f++) {
                if (!m.isAlive(any.frameOwner(f))) continue;
                if (count[f] != 1) return "frame " + f + " is accounted " + count[f] + " times: " + where.get(f);
            }
            return null;
        });
    }
}
