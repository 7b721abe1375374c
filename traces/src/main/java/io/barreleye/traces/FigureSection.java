package io.barreleye.traces;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The report page's figures: every {@code NAME.png} that {@code barreleye bench} wrote into the
 * report directory, with its {@code NAME.notes.tsv} (title, how it was measured, derived facts
 * such as the crossover and the ratios) as a table and a link to its {@code NAME.json} data.
 * Figures appear in the order of the seed's argument: the trade-off, unmap, sharing, channels.
 */
final class FigureSection {
    private static final List<String> ORDER = List.of("tradeoff", "unmap-threads", "unmap-sim", "sharing", "channels");

    private FigureSection() {}

    /** The HTML of the section; says how to make the figures when there are none yet. */
    static String html(Path dir) throws IOException {
        StringBuilder h = new StringBuilder("<h2 id=\"figures\">Figures</h2>");
        List<String> names = figureNames(dir);
        if (names.isEmpty()) {
            return h.append("<p>No figures yet: run <code>./barreleye bench</code> (or <code>./barreleye bench --quick</code>),"
                    + " then <code>./barreleye verify</code> again.</p>").toString();
        }
        for (String name : names) {
            List<String> lines = notes(dir, name);
            String title = lines.isEmpty() ? name : lines.get(0);
            h.append("<figure><img src=\"").append(ReportWriter.esc(name)).append(".png\" alt=\"").append(ReportWriter.esc(title))
                    .append("\" width=\"900\"><figcaption>").append(ReportWriter.esc(title));
            if (Files.isRegularFile(dir.resolve(name + ".json"))) {
                h.append(" (<a href=\"").append(ReportWriter.esc(name)).append(".json\">data</a>)");
            }
            h.append("</figcaption></figure>");
            if (lines.size() > 1) h.append("<p class=\"cond\">Measured: ").append(ReportWriter.esc(lines.get(1))).append("</p>");
            if (lines.size() > 2) {
                h.append("<table class=\"notes\"><tr><th>").append(ReportWriter.esc(name)).append("</th><th>value</th></tr>");
                for (String l : lines.subList(2, lines.size())) {
                    String[] kv = l.split("\t", 2);
                    h.append("<tr><td>").append(ReportWriter.esc(kv[0])).append("</td><td>")
                            .append(ReportWriter.esc(kv.length > 1 ? kv[1] : "")).append("</td></tr>");
                }
                h.append("</table>");
            }
        }
        return h.toString();
    }

    /** Figure names (PNG stems) in the directory, in {@link #ORDER}, then by name. */
    static List<String> figureNames(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
                    .map(n -> n.substring(0, n.length() - 4)).forEach(out::add);
        }
        out.sort(Comparator.comparingInt(FigureSection::rank).thenComparing(Comparator.naturalOrder()));
        return out;
    }

    private static int rank(String name) {
        for (int i = 0; i < ORDER.size(); i++) if (name.startsWith(ORDER.get(i))) return i;
        return ORDER.size();
    }

    private static List<String> notes(Path dir, String name) throws IOException {
        Path p = dir.resolve(name + ".notes.tsv");
        if (!Files.isRegularFile(p)) return List.of();
        return Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }
}
