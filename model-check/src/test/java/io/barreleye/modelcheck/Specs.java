package io.barreleye.modelcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        return run(CheckOptions.of(tla, cfg, workers));
    }

    static Run run(CheckOptions o) {
        ModelChecker.Captured c = ModelChecker.checkCaptured(o);
        return new Run(c.result(), c.output());
    }
}
