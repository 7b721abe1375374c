package io.barreleye.bench.figures;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Writes a {@link Figure} as {@code NAME.png} (XChart) and {@code NAME.json} into a report
 * directory. Each file is written to a temporary file in the same directory and renamed over the
 * target, so a reader (the report page, a browser) never sees half a file, and an interrupted run
 * leaves the previous figure in place.
 */
public final class FigureWriter {
    /** Files a figure must never replace: the inputs of the checker and of trace validation. */
    private static final Set<String> PROTECTED = Set.of(".tla", ".cfg", ".ndjson", ".trace", ".jsonl");

    private final Path dir;

    public FigureWriter(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory (--out takes the directory the figures go into)");
        }
        Files.createDirectories(dir);
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes the PNG, the JSON and the notes of {@code f}; returns the paths. The notes file
     * ({@code NAME.notes.tsv}: the title, the conditions, then one {@code key TAB value} line per
     * note) is what the report page shows under the plot.
     */
    public List<Path> write(Figure f) throws IOException {
        Path png = dir.resolve(f.name() + ".png");
        Path json = dir.resolve(f.name() + ".json");
        Path notes = dir.resolve(f.name() + ".notes.tsv");
        writeAtomically(png, BitmapEncoder.getBitmapBytes(chart(f), BitmapEncoder.BitmapFormat.PNG));
        writeAtomically(json, f.toJson().getBytes(StandardCharsets.UTF_8));
        StringBuilder tsv = new StringBuilder().append(oneLine(f.title())).append('\n').append(oneLine(f.conditions())).append('\n');
        for (java.util.Map.Entry<String, String> e : f.notes().entrySet()) {
            tsv.append(oneLine(e.getKey())).append('\t').append(oneLine(e.getValue())).append('\n');
        }
        writeAtomically(notes, tsv.toString().getBytes(StandardCharsets.UTF_8));
        return List.of(png, json, notes);
    }

    private static String oneLine(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    /** Writes any report file (a summary, a table) the same safe way. */
    public Path writeText(String fileName, String text) throws IOException {
        Path p = dir.resolve(fileName);
        writeAtomically(p, text.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        String name = target.getFileName().toString();
        for (String ext : PROTECTED) {
            if (name.endsWith(ext)) throw new IOException(target + ": refusing to overwrite a spec, model or trace file");
        }
        if (Files.isDirectory(target)) throw new IOException(target + ": a directory is in the way");
        Path tmp = Files.createTempFile(target.getParent(), "." + name, ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The XChart chart of a figure: an XY line chart, or a bar chart over categories. */
    static Chart<?, ?> chart(Figure f) {
        if (f.kind().equals("bar")) {
            CategoryChart c = new CategoryChartBuilder().width(900).height(500).title(f.title())
                    .xAxisTitle(f.xLabel()).yAxisTitle(f.yLabel()).build();
            style(c.getStyler());
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            for (Figure.Series s : f.series()) {
                List<String> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (int i = 0; i < s.x().length; i++) {
                    xs.add(f.categories().get((int) s.x()[i]));
                    ys.add(s.y()[i]);
                }
                c.addSeries(s.label(), xs, ys);
            }
            return c;
        }
        XYChart c = new XYChartBuilder().width(900).height(500).title(f.title())
                .xAxisTitle(f.xLabel()).yAxisTitle(f.yLabel()).build();
        style(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setYAxisLogarithmic(spansDecades(f));
        for (Figure.Series s : f.series()) c.addSeries(s.label(), s.x(), s.y());
        return c;
    }

    /** True when the y values are all positive and span more than two decades: a linear axis would flatten most curves. */
    static boolean spansDecades(Figure f) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (Figure.Series s : f.series()) {
            for (double y : s.y()) {
                if (Double.isNaN(y)) continue;
                if (y <= 0) return false;
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        return max > 0 && max / min > 100;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setAntiAlias(true);
    }
}
