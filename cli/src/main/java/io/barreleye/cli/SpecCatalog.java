package io.barreleye.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The models under {@code specs/}: every {@code .cfg} with the spec it checks and the exit status
 * it is expected to give. {@code Foo.cfg} and {@code Foo_large.cfg} check {@code Foo.tla}; a model
 * expected to fail (the wrong variants under {@code specs/bugs/}) says so in a comment line
 * {@code \* EXPECT: 12 Invariant NoOverwrite}: the exit status, then text the output must contain.
 * A model of a correct spec pins its size with {@code \* DISTINCT: 2633} and the states TLC generates
 * exploring it with {@code \* GENERATED: 5101} (the same for any number of workers, the search
 * being complete).
 */
final class SpecCatalog {
    /** {@code expectedDistinct} and {@code expectedGenerated} are -1 when the model does not pin that count. */
    record Model(Path spec, Path config, int expectedExit, String expectedText, long expectedDistinct,
                 long expectedGenerated) {
        /** True when a run's counts are the ones pinned (a model expected to fail pins none). */
        boolean countsAsPinned(long distinct, long generated) {
            if (expectedExit != 0) return true;
            return (expectedDistinct < 0 || expectedDistinct == distinct)
                    && (expectedGenerated < 0 || expectedGenerated == generated);
        }

        /** The pinned counts in words, for a failure message; empty when none is pinned. */
        String pinnedCounts() {
            String d = expectedDistinct < 0 ? "" : expectedDistinct + " distinct states";
            String g = expectedGenerated < 0 ? "" : expectedGenerated + " states generated";
            return d.isEmpty() || g.isEmpty() ? d + g : d + " and " + g;
        }
    }

    private static final Pattern EXPECT = Pattern.compile("\\\\\\*\\s*EXPECT:\\s*(\\d+)\\s*(.*)");
    private static final Pattern DISTINCT = Pattern.compile("\\\\\\*\\s*DISTINCT:\\s*(\\d+)\\s*");
    private static final Pattern GENERATED = Pattern.compile("\\\\\\*\\s*GENERATED:\\s*(\\d+)\\s*");

    private SpecCatalog() {}

    /** The folder {@code specs/} of the checkout: under BARRELEYE_HOME, else the current directory. */
    static Path specsDir() {
        String home = System.getenv("BARRELEYE_HOME");
        return (home == null ? Path.of("") : Path.of(home)).resolve("specs");
    }

    static List<Model> models(Path dir) throws IOException {
        List<Model> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path cfg : s.filter(p -> p.toString().endsWith(".cfg")).sorted().toList()) {
                out.add(model(cfg));
            }
        }
        return out;
    }

    static Model model(Path cfg) throws IOException {
        String base = cfg.getFileName().toString().replaceFirst("\\.cfg$", "");
        Path spec = cfg.resolveSibling(base + ".tla");
        while (!Files.exists(spec) && base.contains("_")) {
            base = base.substring(0, base.lastIndexOf('_'));
            spec = cfg.resolveSibling(base + ".tla");
        }
        int exit = 0;
        String text = "";
        long distinct = -1;
        long generated = -1;
        for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
            Matcher m = EXPECT.matcher(line.trim());
            if (m.matches()) {
                exit = Integer.parseInt(m.group(1));
                text = m.group(2).trim();
            }
            Matcher d = DISTINCT.matcher(line.trim());
            if (d.matches()) distinct = Long.parseLong(d.group(1));
            Matcher g = GENERATED.matcher(line.trim());
            if (g.matches()) generated = Long.parseLong(g.group(1));
        }
        return new Model(spec, cfg, exit, text, distinct, generated);
    }
}
