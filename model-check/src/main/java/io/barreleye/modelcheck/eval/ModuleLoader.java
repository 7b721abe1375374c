package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Ast;
import io.barreleye.modelcheck.syntax.Parser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds and parses the modules a spec EXTENDS or INSTANCEs, next to the spec itself. */
public final class ModuleLoader {
    private final List<Path> dirs;
    private final Map<String, Ast.Module> cache = new HashMap<>();

    public ModuleLoader(List<Path> dirs) {
        this.dirs = dirs;
    }

    public Ast.Module parseFile(Path file) throws IOException {
        String src = Files.readString(file, StandardCharsets.UTF_8);
        Ast.Module m = Parser.parseModule(file.getFileName().toString(), src);
        cache.put(m.name(), m);
        return m;
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

    public List<Path> dirs() {
        return dirs;
    }
}
