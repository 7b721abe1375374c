package io.barreleye.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A scratch folder and the command line's stdout and stderr, captured per test (by {@link StdCapture}). */
abstract class CapturedOutput {
    @TempDir
    Path dir;
    @RegisterExtension
    final StdCapture std = new StdCapture();

    String out() {
        return std.out();
    }

    String err() {
        return std.err();
    }

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }
}
