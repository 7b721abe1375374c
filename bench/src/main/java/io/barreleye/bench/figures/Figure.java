package io.barreleye.bench.figures;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured figure: named series of (x, y) points, the axis labels, and facts derived from
 * them (the crossover, ratios) as notes. Written as PNG and JSON by {@link FigureWriter}.
 *
 * @param name   file stem: {@code NAME.png} and {@code NAME.json}
 * @param kind   {@code line} (x numeric) or {@code bar} (x is the category index into {@code categories})
 * @param categories the x categories of a bar chart (empty for a line chart)
 * @param notes  derived facts, in order, shown under the plot and stored in the JSON
 * @param conditions how it was measured (machine, load, quick or full), stored in the JSON
 */
public record Figure(String name, String title, String kind, String xLabel, String yLabel, List<String> categories,
                     List<Series> series, Map<String, String> notes, String conditions) {

    /** One curve: a label and its points (equal lengths). */
    public record Series(String label, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) throw new IllegalArgumentException(label + ": " + x.length + " x vs " + y.length + " y");
        }
    }

    public Figure {
        if (series.isEmpty()) throw new IllegalArgumentException(name + ": a figure needs at least one series");
        if (!name.matches("[a-z][a-z0-9-]*")) throw new IllegalArgumentException("figure name '" + name + "': use a-z, 0-9, -");
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        notes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notes)); // keeps the notes' order
    }

    /** The figure as JSON: metadata, notes and every series' points. */
    public String toJson() {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"name\": ").append(Json.quote(name)).append(",\n");
        j.append("  \"title\": ").append(Json.quote(title)).append(",\n");
        j.append("  \"kind\": ").append(Json.quote(kind)).append(",\n");
        j.append("  \"xLabel\": ").append(Json.quote(xLabel)).append(",\n");
        j.append("  \"yLabel\": ").append(Json.quote(yLabel)).append(",\n");
        j.append("  \"conditions\": ").append(Json.quote(conditions)).append(",\n");
        j.append("  \"categories\": [");
        for (int i = 0; i < categories.size(); i++) j.append(i == 0 ? "" : ", ").append(Json.quote(categories.get(i)));
        j.append("],\n  \"notes\": {");
        int i = 0;
        for (Map.Entry<String, String> e : notes.entrySet()) {
            j.append(i++ == 0 ? "\n    " : ",\n    ").append(Json.quote(e.getKey())).append(": ").append(Json.quote(e.getValue()));
        }
        j.append(notes.isEmpty() ? "},\n" : "\n  },\n").append("  \"series\": [\n");
        for (int s = 0; s < series.size(); s++) {
            Series se = series.get(s);
            j.append("    {\"label\": ").append(Json.quote(se.label())).append(", \"points\": [");
            for (int p = 0; p < se.x().length; p++) {
                j.append(p == 0 ? "" : ", ").append('[').append(num(se.x()[p])).append(", ").append(num(se.y()[p])).append(']');
            }
            j.append("]}").append(s + 1 < series.size() ? ",\n" : "\n");
        }
        return j.append("  ]\n}\n").toString();
    }

    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "null";
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
