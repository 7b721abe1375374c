package io.barreleye.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.trace.TraceValidator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page {@code verify} writes, opened with HtmlUnit: images load, tables have rows, links lead somewhere. */
class ReportPageTest {
    @TempDir
    Path dir;

    private Path writeReport() throws IOException {
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", dir.resolve("tradeoff.png").toFile());
        Files.writeString(dir.resolve("tradeoff.json"), "{\"name\": \"tradeoff\"}\n");
        Files.writeString(dir.resolve("tradeoff.notes.tsv"), "Shared cache lines vs URPC messages\nquick run, 2 CPUs\n"
                + "crossover k=8\tn=9 (shared 1756 ns, messages 1421 ns)\n");
        ImageIO.write(img, "png", dir.resolve("channels-latency.png").toFile());
        TraceValidator.Result ok = new TraceValidator.Result(true, 10, 10, null, Map.of("Send", 5L), Set.of(1L));
        TraceValidator.Result bad = new TraceValidator.Result(false, 3, 10, "event 4 (RecvAck): no action explains it\n"
                + "state: acked = 2 <- here", Map.of(), Set.of());
        ReportWriter.write(dir, List.of(new ReportWriter.ModelLine("Urpc.cfg", "SUCCESS", 3, 4, 0.1, true)),
                List.of(new Conformance.Run("urpc-A", "Urpc.tla", "Urpc.cfg", "sim", 1, dir.resolve("traces/a.ndjson"), 1, ok, true),
                        new Conformance.Run("urpc-B", "Urpc.tla", "Urpc.cfg", "sim", 2, dir.resolve("traces/b.ndjson"), 1, bad, true)),
                List.of(new Conformance.Coverage("Urpc.tla", "Urpc.cfg", Set.of("Send"), Set.of("Send", "Recv"), 10, 100)));
        return dir.resolve("index.html");
    }

    @Test
    void everyImageLoadsEveryTableHasRowsAndNoLinkIsBroken() throws IOException {
        ReportPageCheck.Outcome o = ReportPageCheck.check(writeReport());
        assertEquals(List.of(), o.problems());
        assertEquals(2, o.images(), "both figures are shown");
        assertTrue(o.tables() >= 4, "models, traces, coverage and the trade-off's notes: " + o.tables());
        assertTrue(o.links() >= 5, "the contents, report.json and the figure's data: " + o.links());
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("n=9 (shared 1756 ns, messages 1421 ns)"), "the crossover is on the page");
        assertTrue(html.contains("RecvAck") && html.contains("&lt;- here"), "the divergence is shown with its context");
        assertTrue(html.contains("Recv (never)"), "an action no run took is marked");
    }

    @Test
    void aMissingDataFileIsABrokenLink() throws IOException {
        Path index = writeReport();
        Files.delete(dir.resolve("tradeoff.json"));
        // the page was written while the file existed: the link now leads nowhere
        List<String> problems = ReportPageCheck.check(index).problems();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("broken link tradeoff.json"), problems.toString());
    }

    @Test
    void anImageThatDoesNotDecodeFails() throws IOException {
        Path index = writeReport();
        Files.writeString(dir.resolve("channels-latency.png"), "not a png");
        List<String> problems = ReportPageCheck.check(index).problems();
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("image channels-latency.png")), problems.toString());
    }

    @Test
    void withoutFiguresThePageSaysHowToMakeThem() throws IOException {
        ReportWriter.write(dir, List.of(new ReportWriter.ModelLine("Urpc.cfg", "SUCCESS", 3, 4, 0.1, true)), List.of(), List.of());
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("./barreleye bench"), html);
        List<String> problems = ReportPageCheck.check(dir.resolve("index.html")).problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("no data rows")), "an empty traces table is reported: " + problems);
    }
}
