package io.barreleye.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code barreleye skb} and what {@code run} says about the SKB, as a user sees them. */
class SkbCommandTest {
    record Ran(int exit, String out, String err) {
    }

    static Ran run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = Barreleye.execute(args);
            return new Ran(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void factsInTextAndJson() {
        Ran r = run("skb", "facts", "--machine", "hetero-8");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("cache groups (live): {0-3} {4-7} {8} {9}"), r.out());
        assertTrue(r.out().contains("one-way latency (ns), hop model"), r.out());
        r = run("skb", "facts", "--machine", "amd-8x4", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("{\"machine\":\"amd-8x4\",\"cores\":[{\"id\":0,\"package\":0,"), r.out());
        assertTrue(r.out().contains("\"latencySource\":\"hop model\""), r.out());
        r = run("skb", "facts", "--machine", "amd-8x4");
        assertTrue(r.out().contains("ns: "), "32 cores: latency classes instead of the matrix\n" + r.out());
    }

    @Test
    void treeSaysHowItWasAnswered() {
        Ran r = run("skb", "tree", "--machine", "intel-2x4", "--cores", "4", "--root", "1", "--fanout", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("multicast tree from core 1 over 4 cores (fan-out at most 2, 50 ns per send)"), r.out());
        assertTrue(r.out().contains("answered by: solver (optimal)"), r.out());
        r = run("skb", "tree", "--machine", "intel-2x4", "--json");
        assertTrue(r.out().contains("\"method\":\"SOLVER_"), r.out());
        r = run("skb", "tree", "--root", "16");
        assertEquals(2, r.exit());
        assertEquals("barreleye skb: --root must be a core of amd-4x4 (0..15) and --fanout at least 1\n", r.err());
    }

    @Test
    void placeRespectsCoreTypesAndNamesWhatCannotHold() {
        Ran r = run("skb", "place", "--machine", "hetero-8", "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"satisfiable\":true"), r.out());
        for (String accel : new String[] {":8", ":9"}) {
            for (String svc : new String[] {"memory-server", "name-server", "disk-driver", "nic-driver"}) {
                assertTrue(!r.out().contains("\"" + svc + "\"" + accel + ","), svc + " on an accelerator: " + r.out());
            }
        }
        r = run("skb", "place", "--machine", "hetero-8", "--cores", "3", "--apps", "20");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("unsatisfiable: capacity: 27 services"), r.out());
        r = run("skb", "frob");
        assertEquals(2, r.exit());
        assertEquals("barreleye skb: unknown query 'frob'; known: facts, tree, place\n", r.err());
        r = run("skb", "facts", "--machine", "nope");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("barreleye skb: unknown machine 'nope'"), r.err());
    }

    @Test
    void runPrintsWhereServicesWentAndTheUnmapTree() {
        Ran r = run("run", "--machine", "hetero-8", "--workload", "map-unmap", "--rounds", "3", "--seed", "5");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("services placed by the SKB ("), r.out());
        assertTrue(r.out().contains("unmap tree: SKB (from core 0 over 10 cores: latest delivery "), r.out());
        r = run("run", "--machine", "intel-2x4", "--workload", "map-unmap", "--rounds", "3", "--seed", "5", "--tree", "UNICAST");
        assertTrue(r.out().contains("unmap tree: UNICAST\n"), r.out());
    }
}
