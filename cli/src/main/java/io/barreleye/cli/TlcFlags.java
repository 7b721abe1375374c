package io.barreleye.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * TLC's command line as {@code barreleye check} reads it: the spec may be named without
 * {@code .tla}, and a TLC option the checker does not offer is refused by name rather than as an
 * unknown word.
 */
final class TlcFlags {
    /** TLC's {@code -fp} picks one of 131 irreducible polynomials. */
    static final int MAX_FP = 130;

    /** TLC's options that {@code check} does not implement (those it does are its own options). */
    private static final Set<String> UNSUPPORTED = Set.of("-aril", "-checkpoint", "-continue", "-debugger", "-dfid",
            "-difftrace", "-dumpTrace", "-fpbits", "-fpmem", "-gzip", "-maxSetSize", "-modelcheck", "-nowarning",
            "-recover", "-terse", "-tool", "-userFile", "-view", "-generateSpecTE", "-teSpecOutDir", "-noGenerateSpecTEBin",
            "-noTEBin", "-postCondition", "-cleanupStates", "-traceExplorer", "-stats");

    private TlcFlags() {}

    /** True when {@code arg} is a TLC option that {@code check} does not support. */
    static boolean unsupported(String arg) {
        return UNSUPPORTED.contains(arg);
    }

    /** TLC's reading of a spec name: {@code Foo} names {@code Foo.tla} when there is no file {@code Foo}. */
    static Path specFile(Path spec) {
        if (spec.toString().endsWith(".tla") || Files.exists(spec)) return spec;
        Path withSuffix = Path.of(spec + ".tla");
        return Files.exists(withSuffix) ? withSuffix : spec;
    }
}
