package io.barreleye.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench --bundle DIR}: a directory that runs the benchmarks on a machine without Java
 * (same OS and architecture as this one): {@code runtime/} (a jlink image of the JDK modules the
 * jar needs), {@code lib/barreleye.jar} (this very jar) and {@code run}, a script that starts
 * {@code barreleye bench} with its arguments and writes the figures to {@code DIR/report}.
 */
final class BenchBundle {
    /** JDK modules the jar uses: XChart draws with AWT (java.desktop), JMH reads JMX, Agrona and JCTools use Unsafe. */
    static final List<String> MODULES = List.of("java.base", "java.desktop", "java.management", "jdk.management",
            "java.logging", "java.xml", "jdk.unsupported", "java.naming", "java.compiler", "java.scripting");

    private BenchBundle() {}

    static int write(Path dir) {
        try {
            Path jar = ownJar();
            if (Files.exists(dir) && !isEmptyDir(dir)) {
                System.err.println("barreleye bench: --bundle " + dir + " exists and is not empty; give a new directory");
                return 2;
            }
            Path jlink = Path.of(System.getProperty("java.home"), "bin", "jlink");
            if (!Files.isExecutable(jlink)) {
                System.err.println("barreleye bench: --bundle needs a JDK with jlink; " + jlink + " is missing");
                return 2;
            }
            Files.createDirectories(dir.resolve("lib"));
            List<String> cmd = new ArrayList<>(List.of(jlink.toString(), "--add-modules", String.join(",", MODULES),
                    "--strip-debug", "--no-header-files", "--no-man-pages", "--output", dir.resolve("runtime").toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                System.err.println("barreleye bench: jlink failed:\n" + log.strip());
                return 1;
            }
            Files.copy(jar, dir.resolve("lib").resolve("barreleye.jar"), StandardCopyOption.REPLACE_EXISTING);
            Path run = dir.resolve("run");
            Files.writeString(run, """
                    #!/bin/sh
                    # Runs the Barreleye benchmarks with the bundled Java runtime; arguments go to 'barreleye bench'
                    # (for example: ./run --quick, ./run tradeoff). Figures go to ./report unless --out is given.
                    HERE="$(cd "$(dirname "$0")" && pwd)"
                    export BARRELEYE_HOME="$HERE"
                    exec "$HERE/runtime/bin/java" -Xss16m -jar "$HERE/lib/barreleye.jar" bench --out "$HERE/report" "$@"
                    """);
            Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
            System.out.println("Bundle: " + dir.toAbsolutePath() + " (runtime/, lib/barreleye.jar, run). On the target machine: "
                    + dir.getFileName() + "/run [--quick]");
            return 0;
        } catch (IOException e) {
            System.err.println("barreleye bench: --bundle " + dir + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** The jar this class was loaded from (the shaded barreleye.jar). */
    private static Path ownJar() throws IOException {
        try {
            Path p = Path.of(BenchBundle.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(p) || !p.toString().endsWith(".jar")) {
                throw new IOException("--bundle runs from the packaged jar (./barreleye bench --bundle DIR), not from " + p);
            }
            return p;
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot locate the barreleye jar: " + e.getMessage());
        }
    }
}
