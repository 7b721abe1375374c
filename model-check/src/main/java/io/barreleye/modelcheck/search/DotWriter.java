package io.barreleye.modelcheck.search;

import io.barreleye.modelcheck.Report;
import io.barreleye.modelcheck.eval.Label;
import io.barreleye.modelcheck.files.OutputFiles;
import io.barreleye.modelcheck.value.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes a state graph in Graphviz's dot language: states as boxes, initial ones bold, edges named by action. */
final class DotWriter {
    /** Graphs larger than this are refused: dot cannot lay them out usefully. */
    static final int MAX_STATES = 10_000;

    private DotWriter() {}

    static void write(StateGraph g, List<Integer> inits, String[] vars, Path file) throws IOException {
        if (g.size() > MAX_STATES) {
            throw new IOException("the state graph has " + g.size() + " states; -dump dot is for models of at most "
                    + MAX_STATES);
        }
        OutputFiles.write(file, w -> {
            w.write("digraph StateGraph {\n  node [shape=box, fontname=\"monospace\"];\n");
            for (int i = 0; i < g.size(); i++) {
                Value[] s = g.state(i);
                String label = Report.formatState(vars, s).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\l");
                w.write("  s" + i + " [label=\"" + label + "\"" + (inits.contains(i) ? ", style=bold" : "") + "];\n");
            }
            for (int i = 0; i < g.size(); i++) {
                for (int t : g.successors(i)) {
                    Label l = g.label(i, t);
                    w.write("  s" + i + " -> s" + t + " [label=\"" + (l == null ? "" : l.name()) + "\"];\n");
                }
            }
            w.write("}\n");
        });
    }
}
