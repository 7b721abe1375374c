package io.barreleye.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The per-group choice, and the same invariants and randomized suite in both modes. */
class ReplicatedCounterTest {
    private static final Topology INTEL = Machines.named("intel-2x4"); // two cache groups of 4
    private static final Calibrator SHARED_FASTER = size -> new Calibrator.Measurement(10, 100, size - 1);
    private static final Calibrator MESSAGES_FASTER = size -> new Calibrator.Measurement(100, 10, size - 1);

    @Test
    void autoSwitchesAGroupToSharingOnlyWhenItMeasuresFaster() {
        try (ReplicatedCounter rc = ReplicatedCounter.boot(INTEL, 8, SharingPolicy.AUTO, SHARED_FASTER, Generation.EPOCH_ACK)) {
            assertEquals(List.of(SharingMode.SHARED, SharingMode.SHARED), modes(rc));
            assertTrue(rc.choices().get(0).describe().contains("measured at boot: shared 10 ns/op, messages 100 ns/op"),
                    rc.choices().get(0).describe());
        }
        try (ReplicatedCounter rc = ReplicatedCounter.boot(INTEL, 8, SharingPolicy.AUTO, MESSAGES_FASTER, Generation.EPOCH_ACK)) {
            assertEquals(List.of(SharingMode.MESSAGES, SharingMode.MESSAGES), modes(rc));
        }
    }

    @Test
    void aOneCoreGroupHasNothingToShareAndIsNotCalibrated() {
        // 5 cores of intel-2x4: group [0..3] and group [4] alone
        Calibrator counting = size -> {
            assertTrue(size >= 2, "calibrated a group of " + size);
            return new Calibrator.Measurement(1, 2, 1);
        };
        try (ReplicatedCounter rc = ReplicatedCounter.boot(INTEL, 5, SharingPolicy.AUTO, counting, Generation.USED_BIT)) {
            assertEquals(List.of(SharingMode.SHARED, SharingMode.MESSAGES), modes(rc));
            assertEquals(List.of(4), rc.choices().get(1).cores());
            assertTrue(rc.choices().get(1).describe().contains("one core"));
        }
    }

    @ParameterizedTest
    @EnumSource(SharingPolicy.class)
    void theOverrideIsObeyedAndTheChoiceVisible(SharingPolicy p) {
        try (ReplicatedCounter rc = ReplicatedCounter.boot(INTEL, 8, p, SHARED_FASTER, Generation.EPOCH_ACK)) {
            SharingMode expected = p == SharingPolicy.MESSAGES ? SharingMode.MESSAGES : SharingMode.SHARED;
            assertEquals(List.of(expected, expected), modes(rc));
            if (p != SharingPolicy.AUTO) assertTrue(rc.choices().get(0).describe().contains("forced by --sharing"));
        }
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharingPolicy.parse("sometimes"));
        assertEquals("--sharing must be auto, messages or shared, not 'sometimes'", e.getMessage());
        assertEquals(SharingPolicy.SHARED, SharingPolicy.parse("Shared"));
        assertThrows(IllegalArgumentException.class, () -> ReplicatedCounter.boot(INTEL, 9, SharingPolicy.SHARED));
        try (ReplicatedCounter rc = ReplicatedCounter.boot(INTEL, 2, SharingPolicy.SHARED)) {
            assertThrows(IllegalArgumentException.class, () -> rc.add(5, 1));
        }
    }

    @Test
    void theRealCalibrationMeasuresBothModes() {
        Calibrator.Measurement m = new Calibration(200, 1, Generation.EPOCH_ACK).measure(4);
        assertTrue(m.sharedNanos() > 0 && m.sharedNanos() < 1e9, m.toString());
        assertTrue(m.messagesNanos() > 0 && m.messagesNanos() < 1e9, m.toString());
        assertTrue(m.clients() >= 1);
    }

    /**
     * Randomized: one thread per core, each doing a seeded random mix of adds and reads. Invariants,
     * the same in both modes: an add returns at least the caller's own contribution to its group so
     * far, reads never go down, and at the end each group holds exactly its members' adds and the
     * total all of them.
     */
    @ParameterizedTest
    @EnumSource(value = SharingPolicy.class, names = {"MESSAGES", "SHARED"})
    void randomizedSuiteHoldsTheSameInvariantsInBothModes(SharingPolicy p) throws InterruptedException {
        long seed = Long.getLong("sharing.seed", 20261202L);
        System.out.println("ReplicatedCounterTest " + p + " seed " + seed + " (replay: -Dsharing.seed=" + seed + ")");
        int cores = 8;
        int ops = 400;
        long[] added = new long[cores];
        AtomicReference<String> failure = new AtomicReference<>();
        try (ReplicatedCounter rc = ReplicatedCounter.boot(INTEL, cores, p)) {
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < cores; c++) {
                int core = c;
                SplittableRandom rnd = new SplittableRandom(seed + c);
                threads.add(new Thread(() -> {
                    long lastSeen = 0;
                    for (int i = 0; i < ops && failure.get() == null; i++) {
                        long v;
                        if (rnd.nextInt(3) == 0) {
                            v = rc.get(core);
                        } else {
                            long d = 1 + rnd.nextInt(5);
                            added[core] += d;
                            v = rc.add(core, d);
                            if (v < added[core]) failure.set("core " + core + ": add returned " + v + " below its own " + added[core]);
                        }
                        if (v < lastSeen) failure.set("core " + core + ": value went down from " + lastSeen + " to " + v);
                        lastSeen = v;
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) t.join();
            assertEquals(null, failure.get(), "seed " + seed);
            long all = 0;
            for (ReplicatedCounter.GroupChoice g : rc.choices()) {
                long sum = 0;
                for (int c : g.cores()) sum += added[c];
                all += sum;
                for (int c : g.cores()) assertEquals(sum, rc.get(c), "group " + g.cores() + ", seed " + seed);
            }
            assertEquals(all, rc.total(), "seed " + seed);
        }
    }

    private static List<SharingMode> modes(ReplicatedCounter rc) {
        return rc.choices().stream().map(ReplicatedCounter.GroupChoice::mode).toList();
    }
}
