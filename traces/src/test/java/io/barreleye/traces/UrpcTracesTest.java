package io.barreleye.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.modelcheck.trace.TraceValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of the URPC channel itself, recorded through {@link UrpcMapping}, conform to specs/Urpc.tla. */
class UrpcTracesTest {
    @TempDir
    Path tmp;

    private TraceValidator.Result validate(List<String> lines, String name) throws IOException {
        return Validation.written(tmp.resolve(name + ".ndjson"), lines);
    }

    @Test
    void simulatedChannelsConformForBothGenerations() throws IOException {
        for (Generation g : Generation.values()) {
            Map<String, Long> seen = new TreeMap<>();
            for (long seed = 1; seed <= 20; seed++) {
                int slots = 3 + (int) (seed % 3);
                UrpcMapping map = UrpcDriver.simulate(g, slots, 40, seed);
                TraceValidator.Result r = validate(map.lines(), "urpc-" + g + "-" + seed);
                assertTrue(r.conforms(), g + " seed " + seed + ": " + r.diagnosis());
                assertEquals(map.size(), r.totalEvents());
                r.actions().forEach((a, n) -> seen.merge(a, n, Long::sum));
            }
            List<String> expected = new ArrayList<>(List.of("Send", "SendBusy", "Recv"));
            if (g == Generation.EPOCH_ACK) expected.addAll(List.of("SendAck", "RecvAck"));
            assertTrue(seen.keySet().containsAll(expected), g + ": " + seen);
            System.out.println("URPC " + g + " simulated, 20 seeds: actions " + seen);
        }
    }

    @Test
    void threadedChannelsConformForBothGenerations() throws Exception {
        for (Generation g : Generation.values()) {
            UrpcMapping map = UrpcDriver.threads(g, 4, 2_000, 60_000);
            TraceValidator.Result r = validate(map.lines(), "urpc-threads-" + g);
            assertTrue(r.conforms(), g + ": " + r.diagnosis());
            assertEquals(4_000, map.dataMessages());
        }
    }

    /** A slot recorded with the wrong epoch bit (a sender that did not flip it on a wrap) diverges at that Send. */
    @Test
    void aWrongEpochBitDivergesAtItsSend() throws IOException {
        List<String> lines = UrpcDriver.simulate(Generation.EPOCH_ACK, 3, 10, 1).lines();
        int i = 1;
        while (!(lines.get(i).contains("\"event\":\"Send\"") && lines.get(i).contains("\"epoch\":0"))) i++;
        lines.set(i, lines.get(i).replace("\"epoch\":0", "\"epoch\":1"));
        TraceValidator.Result r = validate(lines, "urpc-bad-epoch");
        assertFalse(r.conforms());
        assertTrue(r.diagnosis().contains("Send can be taken, but the trace records ring"), r.diagnosis());
    }

    /** A receive recorded before anything was sent cannot be explained: Ready(c) is false. */
    @Test
    void aReceiveOfNothingDivergesAtReady() throws IOException {
        List<String> lines = new ArrayList<>(UrpcDriver.simulate(Generation.USED_BIT, 2, 5, 2).lines());
        int recv = 1;
        while (!lines.get(recv).contains("\"event\":\"Recv\"")) recv++;
        String moved = lines.remove(recv);
        lines.add(1, moved);
        TraceValidator.Result r = validate(lines, "urpc-early-recv");
        assertFalse(r.conforms());
        assertTrue(r.diagnosis().contains("Recv cannot be taken there") && r.diagnosis().contains("Ready(c)"), r.diagnosis());
    }
}
