package io.barreleye.cli;

import io.barreleye.kernel.Machine;
import io.barreleye.sharing.ReplicatedCounter;
import io.barreleye.sharing.SharingPolicy;
import io.barreleye.topology.Topology;

/**
 * {@code run}'s replicated object: a per-cache-group counter of the messages each core sent,
 * booted with the machine (each group's mode chosen by {@code --sharing}, by calibration on this
 * host when auto) and filled from the kernels' counts after the run. Prints each group's choice.
 */
final class SharingAtBoot implements AutoCloseable {
    private final ReplicatedCounter counter;

    /** The cores the counter was booted over; cores hot-plugged later are counted through core 0. */
    private final int booted;

    private SharingAtBoot(ReplicatedCounter counter, int booted) {
        this.counter = counter;
        this.booted = booted;
    }

    /** Boots the counter over the first {@code cores} cores and prints each cache group's choice. */
    static SharingAtBoot boot(Topology t, int cores, SharingPolicy policy) {
        SharingAtBoot s = new SharingAtBoot(ReplicatedCounter.boot(t, cores, policy), cores);
        for (ReplicatedCounter.GroupChoice c : s.counter.choices()) System.out.println(c.describe());
        return s;
    }

    /** Adds every core's sent messages to its group's replica; prints the total the groups hold. */
    void countMessages(Machine m) {
        long expected = 0;
        for (int c = 0; c < m.size(); c++) {
            long sent = m.kernel(c).sent();
            counter.add(c < booted ? c : 0, sent);
            expected += sent;
        }
        long total = counter.total();
        System.out.println("sharing: the replicated message counter holds " + total
                + (total == expected ? "" : " (EXPECTED " + expected + ")"));
    }

    @Override
    public void close() {
        counter.close();
    }
}
