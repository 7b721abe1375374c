package io.barreleye.traces;

import io.barreleye.modelcheck.Report;
import io.barreleye.modelcheck.files.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the conformance report: target/report/report.json and index.html. */
public final class ReportWriter {
    /** A model-checking line of the report. */
    public record ModelLine(String model, String verdict, long distinct, long generated, double seconds, boolean asExpected) {}

    private ReportWriter() {}

    public static void write(Path dir, List<ModelLine> models, List<Conformance.Run> runs, List<Conformance.Coverage> cov)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder j = new StringBuilder("{\n  \"models\": [\n");
        for (int i = 0; i < models.size(); i++) {
            ModelLine m = models.get(i);
            j.append("    {\"model\": ").append(Report.quoteJson(m.model())).append(", \"verdict\": ").append(Report.quoteJson(m.verdict()))
                    .append(", \"distinct\": ").append(m.distinct()).append(", \"generated\": ").append(m.generated())
                    .append(", \"seconds\": ").append(String.format(java.util.Locale.ROOT, "%.2f", m.seconds()))
                    .append(", \"asExpected\": ").append(m.asExpected()).append('}').append(i + 1 < models.size() ? ",\n" : "\n");
        }
        j.append("  ],\n  \"traces\": [\n");
        for (int i = 0; i < runs.size(); i++) {
            Conformance.Run r = runs.get(i);
            j.append("    {\"workload\": ").append(Report.quoteJson(r.workload()))
                    .append(", \"spec\": ").append(Report.quoteJson(r.spec())).append(", \"model\": ").append(Report.quoteJson(r.model()))
                    .append(", \"traces\": ").append(r.traces())
                    .append(", \"runtime\": ").append(Report.quoteJson(r.runtime())).append(", \"seed\": ").append(r.seed())
                    .append(", \"file\": ").append(Report.quoteJson(r.file().toString()))
                    .append(", \"events\": ").append(r.result().totalEvents())
                    .append(", \"conforms\": ").append(r.result().conforms())
                    .append(", \"diagnosis\": ").append(r.result().diagnosis() == null ? "null" : Report.quoteJson(r.result().diagnosis()))
                    .append('}').append(i + 1 < runs.size() ? ",\n" : "\n");
        }
        j.append("  ],\n  \"coverage\": [\n");
        for (int i = 0; i < cov.size(); i++) {
            Conformance.Coverage c = cov.get(i);
            j.append("    {\"spec\": ").append(Report.quoteJson(c.spec())).append(", \"model\": ").append(Report.quoteJson(c.model()))
                    .append(", \"actionsTaken\": ").append(c.actionsTaken().size()).append(", \"actions\": ").append(c.allActions().size())
                    .append(", \"statesVisited\": ").append(c.statesVisited()).append(", \"modelDistinct\": ").append(c.modelDistinct())
                    .append(", \"untaken\": {");
            String sep = "";
            for (var e : c.explained().entrySet()) {
                j.append(sep).append(Report.quoteJson(e.getKey())).append(": ")
                        .append(Report.quoteJson(e.getValue().kind().name().toLowerCase() + ": " + e.getValue().reason()));
                sep = ", ";
            }
            for (String a : c.unexplained()) {
                j.append(sep).append(Report.quoteJson(a)).append(": \"unexplained\"");
                sep = ", ";
            }
            j.append("}}").append(i + 1 < cov.size() ? ",\n" : "\n");
        }
        j.append("  ]\n}\n");
        OutputFiles.write(dir.resolve("report.json"), j.toString());

        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Barreleye verification report</title>"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}"
                + ".bad{background:#fdd}.ok{background:#dfd}pre{white-space:pre-wrap;background:#f6f6f6;padding:8px}"
                + ".bar{display:inline-block;width:160px;height:10px;background:#eee;margin-right:8px}.bar span{display:block;height:10px;"
                + "background:#4a4}figure{margin:1em 0}.cond{color:#555;font-size:90%}.off{color:#a00}</style></head><body>"
                + "<h1>Barreleye verification report</h1><p><a href=\"#figures\">Figures</a> | <a href=\"#models\">Models</a> | "
                + "<a href=\"#traces\">Implementation traces</a> | <a href=\"#coverage\">Spec coverage</a> | "
                + "<a href=\"report.json\">report.json</a></p>");
        h.append(FigureSection.html(dir));
        h.append("<h2 id=\"models\">Models</h2><table><tr><th>model</th><th>verdict</th><th>distinct</th>"
                + "<th>generated</th><th>seconds</th><th>as expected</th></tr>");
        for (ModelLine m : models) {
            h.append("<tr class=\"").append(m.asExpected() ? "ok" : "bad").append("\"><td>").append(esc(m.model())).append("</td><td>")
                    .append(esc(m.verdict())).append("</td><td>").append(m.distinct()).append("</td><td>").append(m.generated())
                    .append("</td><td>").append(String.format(java.util.Locale.ROOT, "%.2f", m.seconds())).append("</td><td>")
                    .append(m.asExpected() ? "yes" : "NO").append("</td></tr>");
        }
        h.append("</table><h2 id=\"traces\">Implementation traces</h2><table><tr><th>workload</th><th>spec</th><th>model</th><th>runtime</th><th>seed</th>"
                + "<th>traces</th><th>events</th><th>verdict</th></tr>");
        for (Conformance.Run r : runs) {
            h.append("<tr class=\"").append(r.result().conforms() ? "ok" : "bad").append("\"><td>").append(esc(r.workload()))
                    .append("</td><td>").append(esc(r.spec())).append("</td><td>")
                    .append(esc(r.model())).append("</td><td>").append(esc(r.runtime())).append("</td><td>").append(r.seed())
                    .append("</td><td>").append(r.traces()).append("</td><td>").append(r.result().totalEvents()).append("</td><td>")
                    .append(r.result().conforms() ? "conforms" : "diverges").append("</td></tr>");
        }
        h.append("</table>");
        for (Conformance.Run r : runs) {
            if (!r.result().conforms()) {
                h.append("<h3>Divergence: ").append(esc(r.file().getFileName().toString())).append("</h3><pre>")
                        .append(esc(r.result().diagnosis())).append("</pre>");
            }
        }
        h.append("<h2 id=\"coverage\">Spec coverage</h2><table><tr><th>spec</th><th>model</th><th>actions taken</th><th>states visited</th></tr>");
        for (Conformance.Coverage c : cov) {
            h.append("<tr><td>").append(esc(c.spec())).append("</td><td>").append(esc(c.model())).append("</td><td>")
                    .append(coverageBar(c)).append("</td><td>")
                    .append(c.statesVisited() < 0 ? "not counted: the runs' constants are outside every model"
                            : String.format(java.util.Locale.ROOT, "%d of %d (%.3f%%)", c.statesVisited(), c.modelDistinct(),
                            c.statesPercent())).append("</td></tr>");
        }
        h.append("</table></body></html>\n");
        OutputFiles.write(dir.resolve("index.html"), h.toString());
    }

    /** A bar of the actions taken, then every action of the spec, the ones no run took marked. */
    private static String coverageBar(Conformance.Coverage c) {
        int all = c.allActions().size();
        int taken = c.actionsTaken().size();
        StringBuilder b = new StringBuilder("<span class=\"bar\" title=\"").append(taken).append(" of ").append(all)
                .append("\"><span style=\"width:").append(all == 0 ? 0 : 100 * taken / all).append("%\"></span></span>")
                .append(taken).append(" of ").append(all).append(":");
        for (String a : c.allActions()) {
            boolean hit = c.actionsTaken().contains(a);
            b.append(hit ? " " : " <span class=\"off\">").append(esc(a)).append(hit ? "" : " (never)</span>");
        }
        c.explained().forEach((a, e) -> b.append("<br><span class=\"off\">").append(esc(a)).append("</span> ")
                .append(e.kind() == UntakenActions.Kind.CANNOT_OCCUR ? "cannot occur in the implementation: " : "not reached by any run yet: ")
                .append(esc(e.reason())));
        return b.toString();
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
