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

    /**
     * TLC's reading of a file name: {@code Foo} names {@code Foo.tla} (or, for {@code -config},
     * {@code Foo.cfg}) when there is no file {@code Foo}.
     */
    static Path withSuffix(Path file, String suffix) {
        if (file.toString().endsWith(suffix) || Files.exists(file)) return file;
        Path withSuffix = Path.of(file + suffix);
        return Files.exists(withSuffix) ? withSuffix : file;
    }

    /** TLC's dot formats: {@code dot}, optionally with {@code colorize}, {@code actionlabels} or {@code snapshot} after commas. */
    static boolean dotDump(String format) {
        String[] parts = format.split(",", -1);
        if (!parts[0].equals("dot")) return false;
        for (int i = 1; i < parts.length; i++) if (!DOT_MODIFIERS.contains(parts[i])) return false;
        return true;
    }

    /** Accepted for TLC's command lines: the graph is always drawn with action labels, without colours. */
    private static final Set<String> DOT_MODIFIERS = Set.of("colorize", "actionlabels", "snapshot");
}
