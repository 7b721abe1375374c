package io.barreleye.modelcheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helpers: write a spec and model to a folder, check it, keep the output. */
final class Specs {
    record Run(CheckResult result, String output) {}

    private Specs() {}

    static Run check(Path dir, String name, String tla, String cfg, int workers) {
        try {
            Files.writeString(dir.resolve(name + ".tla"), tla);
            Files.writeString(dir.resolve(name + ".cfg"), cfg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return check(dir.resolve(name + ".tla"), dir.resolve(name + ".cfg"), workers);
    }

    static Run check(Path tla, Path cfg, int workers) {
        CheckOptions o = new CheckOptions();
        o.spec = tla;
        o.config = cfg;
        o.workers = workers;
        o.progressSeconds = 0;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CheckResult r;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            r = ModelChecker.check(o, ps);
        }
        return new Run(r, buf.toString(StandardCharsets.UTF_8));
    }
}
