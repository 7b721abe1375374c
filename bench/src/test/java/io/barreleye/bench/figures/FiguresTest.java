package io.barreleye.bench.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.channel.Generation;
import io.barreleye.vm.TreeShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The figures' data, files and derived facts; the measurements at their smallest settings. */
class FiguresTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static Tradeoff.Result result(double[][] shared, double[][] a, double[][] b) {
        return new Tradeoff.Result(shared, new java.util.LinkedHashMap<>(Map.of(Generation.EPOCH_ACK, a, Generation.USED_BIT, b)));
    }

    @Test
    void theCrossoverIsTheFirstClientCountWhereTheBestGenerationBeatsSharing() {
        // 3 clients x 2 lines; messages flat, sharing grows faster with 2 lines
        double[][] shared = {{100, 150}, {200, 400}, {300, 700}};
        double[][] a = {{500, 500}, {500, 500}, {500, 500}};
        double[][] b = {{450, 450}, {380, 380}, {450, 450}};
        Tradeoff.Result r = result(shared, a, b);
        assertEquals(-1, r.crossover(1), "k=1: sharing stays cheaper");
        assertEquals(2, r.crossover(2), "k=2: USED_BIT's 380 beats 400 at n=2");
        Figure f = Tradeoff.figure(r, "test");
        assertEquals("none up to n=3", f.notes().get("crossover k=1"));
        assertEquals("n=2 (shared 400 ns, messages 380 ns)", f.notes().get("crossover k=2"));
        assertEquals(2 + 2 * 2, f.series().size(), "shared k=1,2; each generation k=1 and k=2");
        assertArrayEquals(new double[] {150, 400, 700}, f.series().get(1).y());
    }

    @Test
    void aFigureIsWrittenAsPngJsonAndNotes() throws IOException {
        Figure f = new Figure("demo", "A \"quoted\" title", "line", "x", "y", List.of(),
                List.of(new Figure.Series("s", new double[] {1, 2}, new double[] {3.5, Double.NaN})),
                Map.of("crossover k=1", "n=2"), "2 CPUs, under load");
        List<Path> files = new FigureWriter(dir).write(f);
        assertEquals(3, files.size());
        assertTrue(ImageIO.read(dir.resolve("demo.png").toFile()).getWidth() > 100, "a real PNG");
        String json = Files.readString(dir.resolve("demo.json"));
        assertTrue(json.contains("\"title\": \"A \\\"quoted\\\" title\"") && json.contains("[[1, 3.500], [2, null]]")
                && json.contains("\"crossover k=1\": \"n=2\""), json);
        assertEquals(List.of("A \"quoted\" title", "2 CPUs, under load", "crossover k=1\tn=2"),
                Files.readAllLines(dir.resolve("demo.notes.tsv")));
        try (var s = Files.list(dir)) {
            assertEquals(3, s.count(), "no temporary file is left behind");
        }
    }

    @Test
    void curvesSpanningDecadesGetALogarithmicAxis() {
        Figure wide = new Figure("w", "t", "line", "x", "y", List.of(),
                List.of(new Figure.Series("s", new double[] {1, 2}, new double[] {20, 2_000_000})), Map.of(), "c");
        Figure narrow = new Figure("n", "t", "line", "x", "y", List.of(),
                List.of(new Figure.Series("s", new double[] {1, 2}, new double[] {20, 1_000})), Map.of(), "c");
        assertTrue(FigureWriter.spansDecades(wide));
        assertTrue(!FigureWriter.spansDecades(narrow));
    }

    @Test
    void aBarFigureUsesItsCategories() throws IOException {
        Figure f = new Figure("bars", "t", "bar", "channel", "ns", List.of("a", "b"),
                List.of(new Figure.Series("ns", new double[] {0, 1}, new double[] {10, 20})), Map.of(), "c");
        new FigureWriter(dir).write(f);
        assertTrue(Files.size(dir.resolve("bars.png")) > 0);
    }

    @Test
    void badFiguresAndPlacesAreRefused() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new Figure("Bad Name", "t", "line", "x", "y", List.of(),
                List.of(new Figure.Series("s", new double[] {1}, new double[] {1})), Map.of(), "c"));
        assertThrows(IllegalArgumentException.class, () -> new Figure.Series("s", new double[] {1, 2}, new double[] {1}));
        Path file = Files.writeString(dir.resolve("Spec.tla"), "---- MODULE Spec ----\n====\n");
        IOException e = assertThrows(IOException.class, () -> new FigureWriter(file));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
        assertThrows(IOException.class, () -> new FigureWriter(dir).writeText("Spec.cfg", "x"));
        assertEquals("---- MODULE Spec ----\n====\n", Files.readString(file), "untouched");
    }

    @Test
    void theTradeoffMeasuresEveryPoint() throws InterruptedException {
        Tradeoff.Result r = Tradeoff.measure(new Tradeoff.Settings(1, 5, 1, 2));
        assertEquals(1, r.shared().length);
        for (double[][] t : List.of(r.shared(), r.messages().get(Generation.EPOCH_ACK), r.messages().get(Generation.USED_BIT))) {
            for (double v : t[0]) assertTrue(v > 0 && v < 1e9, "ns per op " + v);
        }
    }

    @Test
    void theSimulatedUnmapFigureHasEveryTreeAndIsReproducible() {
        Figure f = UnmapLatency.simulated("intel-2x4", 2, 3, 1, "test");
        assertEquals(TreeShape.values().length, f.series().size());
        assertArrayEquals(new double[] {2, 5, 8}, f.series().get(0).x());
        for (Figure.Series s : f.series()) for (double y : s.y()) assertTrue(y > 0, s.label());
        assertEquals(f.toJson(), UnmapLatency.simulated("intel-2x4", 2, 3, 1, "test").toJson(), "same seed, same figure");
        assertEquals(List.of(2, 4, 6, 8), UnmapLatency.coreCounts(8, 2));
    }

    @Test
    void channelScoresBecomeTheTwoChartsAndTheirRatios() {
        Map<String, Double> scores = Map.of("PingPongRoundTrip.roundTrip", 100.0, "UrpcRoundTrip.roundTrip:EPOCH_ACK", 150.0,
                "UrpcThroughput.urpc:EPOCH_ACK", 30.0, "SpscQueueThroughput.spsc", 20.0, "RingBufferThroughput.ringBuffer", 40.0);
        List<Figure> figs = ChannelComparison.figures(scores, "test");
        assertEquals(List.of("raw ping-pong", "URPC EPOCH_ACK"), figs.get(0).categories());
        assertEquals("1.50 (target <= 2)", figs.get(0).notes().get("URPC EPOCH_ACK round trip / ping-pong"));
        assertEquals("1.50 (target >= 1)", figs.get(1).notes().get("URPC EPOCH_ACK / JCTools"));
        assertEquals("0.75 (target >= 1)", figs.get(1).notes().get("URPC EPOCH_ACK / Agrona"));
        assertThrows(IllegalStateException.class, () -> ChannelComparison.figures(Map.of(), "test"));
    }
}
