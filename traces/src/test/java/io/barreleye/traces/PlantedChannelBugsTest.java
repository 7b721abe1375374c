package io.barreleye.traces;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.ChannelFault;
import io.barreleye.channel.Generation;
import io.barreleye.modelcheck.trace.TraceValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The planted channel bugs ({@link ChannelFault}) are caught by trace validation: a simulated run
 * of the broken channel, recorded through {@link UrpcMapping}, diverges from specs/Urpc.tla, at the
 * action the bug breaks, within a few seeds. This is what the mapping's readings are for: each of
 * these conformed when the mapping took ids from its own counter and no payload word was read.
 */
class PlantedChannelBugsTest {
    @TempDir
    Path tmp;

    /** Each planted bug, the generations it applies to, and the action its divergence is at. */
    record Planted(ChannelFault fault, Generation g, String action) {}

    static List<Planted> planted() {
        List<Planted> p = new ArrayList<>();
        p.add(new Planted(ChannelFault.FULL_RING_OFF_BY_ONE, Generation.EPOCH_ACK, "Send"));
        p.add(new Planted(ChannelFault.STALE_PIGGYBACKED_ACK, Generation.EPOCH_ACK, "Send"));
        for (Generation g : Generation.values()) {
            p.add(new Planted(ChannelFault.HEADER_BEFORE_PAYLOAD, g, "Send")); // the published slot's payload, read from the ring, is not the caller's
            p.add(new Planted(ChannelFault.READS_NEXT_SLOT, g, "Recv"));
        }
        return p;
    }

    @TestFactory
    List<DynamicTest> everyPlantedChannelBugDivergesFromTheSpec() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Planted p : planted()) {
            tests.add(DynamicTest.dynamicTest(p.fault() + " " + p.g(), () -> {
                String caught = firstDivergence(p);
                assertTrue(caught != null, p.fault() + " on " + p.g() + " conformed in 20 seeds");
                assertTrue(caught.contains(p.action() + "("), p.fault() + " diverged elsewhere than at " + p.action() + ": " + caught);
                System.out.println(p.fault() + " " + p.g() + " caught by trace validation: " + caught.lines().findFirst().orElse(""));
            }));
        }
        return tests;
    }

    /** The first seed's diagnosis, or null when 20 seeds all conform. */
    private String firstDivergence(Planted p) throws IOException {
        for (long seed = 1; seed <= 20; seed++) {
            UrpcMapping map = UrpcDriver.simulateWith(Set.of(p.fault()), p.g(), 3 + (int) (seed % 3), 30, seed);
            TraceValidator.Result r = Validation.written(tmp.resolve(p.fault() + "-" + p.g() + "-" + seed + ".ndjson"), map.lines());
            if (!r.conforms()) return "seed " + seed + ": " + r.diagnosis();
        }
        return null;
    }
}
