package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Ast;
import io.barreleye.modelcheck.syntax.Parser;
import io.barreleye.modelcheck.syntax.SourceText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds and parses the modules a spec EXTENDS or INSTANCEs, next to the spec itself. */
public final class ModuleLoader {
    private final List<Path> dirs;
    private final Map<String, Ast.Module> cache = new HashMap<>();
    private final Map<String, String> sources = new HashMap<>();
    private final List<Path> files = new java.util.ArrayList<>();

    public ModuleLoader(List<Path> dirs) {
        this.dirs = dirs;
    }

    public Ast.Module parseFile(Path file) throws IOException {
        String name = file.getFileName().toString();
        String src = SourceText.read(file);
        Ast.Module m = Parser.parseModule(name, src);

        cache.put(m.name(), m);
        sources.put(m.name(), src);
        files.add(file);
        return m;
    }

    /** The text of a module parsed so far, or null. */
    public String source(String name) {
        return sources.get(name);
    }

    /** Records the text of a module parsed from a string rather than a file. */
    public void register(Ast.Module m, String src) {
        cache.put(m.name(), m);
        sources.put(m.name(), src);
    }

    /** The files parsed so far: the root module and every module it extends or instantiates. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    /** The module named {@code name}, or null when no file {@code name.tla} is in the search path. */
    public Ast.Module load(String name) {
        Ast.Module m = cache.get(name);
        if (m != null) return m;
        for (Path d : dirs) {
            Path f = d.resolve(name + ".tla");
            if (Files.isRegularFile(f)) {
                try {
                    return parseFile(f);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + f + ": " + e.getMessage());
                }
            }
        }
        return null;
    }

    /** The source text a span covers, on one line (for diagnoses), or null when unknown. */
    public String text(io.barreleye.modelcheck.syntax.Span span) {
        String src = sources.get(span.module());
        if (src == null || span.line() < 1) return null;
        String[] lines = src.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int l = span.line(); l <= span.endLine() && l <= lines.length; l++) {
            String line = lines[l - 1];
            int from = l == span.line() ? Math.min(line.length(), Math.max(0, span.col() - 1)) : 0;
            int to = l == span.endLine() ? Math.min(line.length(), span.endCol()) : line.length();
            if (sb.length() > 0) sb.append(' ');
            sb.append(line.substring(from, Math.max(from, to)).strip());
        }
        return sb.toString().replaceAll("\\s+", " ");
    }

    public List<Path> dirs() {
        return dirs;
    }
}
