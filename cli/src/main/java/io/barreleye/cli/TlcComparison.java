package io.barreleye.cli;

import io.barreleye.modelcheck.CheckOptions;
import io.barreleye.modelcheck.CheckResult;
import io.barreleye.modelcheck.ModelChecker;
import io.barreleye.modelcheck.PrintedBehaviour;
import io.barreleye.modelcheck.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real TLC (tla2tools.jar, named by the environment variable TLA2TOOLS_JAR) on the same
 * model, as a fresh JVM the way users run it, and prints both verdicts, distinct-state counts,
 * wall times and whether the counterexamples are one behaviour, side by side. TLC is not on Maven Central, so it is never downloaded here.
 */
final class TlcComparison {
    static final String ENV = "TLA2TOOLS_JAR";
    /** The first line TLC prints: its absence means TLC never started. */
    private static final String BANNER = "TLC2 Version";
    private static final Pattern COUNTS = Pattern.compile("(\\d+) states generated, (\\d+) distinct states found");

    /** TLC's answer on one model. */
    record TlcRun(int exit, long distinct, long generated, double seconds, String output) {}

    private TlcComparison() {}

    static Path jar() {
        String j = System.getenv(ENV);
        return j == null || j.isBlank() ? null : Path.of(j);
    }

    static String skipReason() {
        return "TLC comparison skipped: set " + ENV + " to a tla2tools.jar (download it from"
                + " https://github.com/tlaplus/tlaplus/releases) to run TLC on the same model";
    }

    /** Prints the comparison; 0 when TLC and Barreleye agree on verdict and distinct states. */
    static int compare(CheckOptions o, CheckResult ours, PrintStream out) {
        return compare(jar(), o, ours, out);
    }

    /** As {@link #compare(CheckOptions, CheckResult, PrintStream)}, with TLC's jar given (null: none). */
    static int compare(Path jar, CheckOptions o, CheckResult ours, PrintStream out) {
        if (jar == null) {
            out.println(skipReason());
            return ours.exitCode();
        }
        if (!Files.isRegularFile(jar)) {
            out.println("barreleye: " + ENV + " names " + jar + ", which is not a file");
            return 2;
        }
        TlcRun tlc;
        try {
            tlc = run(jar, o);
        } catch (IOException e) {
            out.println("TLC did not run: " + e.getMessage());
            return 2;
        }
        if (!tlc.output().contains(BANNER)) {
            // no banner: the JVM could not start TLC (a broken jar, a wrong class), so there is nothing to compare
            out.println("TLC did not run: " + firstLine(tlc.output()) + " (exit " + tlc.exit() + ")");
            return 2;
        }
        out.println();
        out.printf("%-12s %6s %12s %12s %10s%n", "checker", "exit", "distinct", "generated", "seconds");
        out.printf("%-12s %6d %12d %12d %10.2f%n", "TLC", tlc.exit(), tlc.distinct(), tlc.generated(), tlc.seconds());
        out.printf("%-12s %6d %12d %12d %10.2f%n", "Barreleye", ours.exitCode(), ours.distinct, ours.generated,
                ours.millis / 1000.0);
        out.printf("TLC wall time / Barreleye wall time = %.2f%n", tlc.seconds() / Math.max(ours.millis / 1000.0, 1e-3));
        boolean same = tlc.exit() == ours.exitCode() && (tlc.distinct() < 0 || tlc.distinct() == ours.distinct);
        String cx = counterexamples(tlc.output(), ours);
        if (cx != null) {
            out.println(cx);
            same &= !cx.contains("DIFFER");
        }
        out.println(same ? "Verdicts and distinct states agree." : "TLC and Barreleye DISAGREE.");
        return same ? ours.exitCode() : 1;
    }

    /**
     * Compares the counterexamples as behaviours ({@link PrintedBehaviour}: a lasso may be folded at
     * another state of its cycle, as TLC's own runs fold it differently); null when neither printed one.
     */
    static String counterexamples(String tlcOutput, CheckResult ours) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Report.print(ours, new PrintStream(buf, true, StandardCharsets.UTF_8));
        PrintedBehaviour theirs = PrintedBehaviour.parse(tlcOutput);
        PrintedBehaviour mine = PrintedBehaviour.parse(buf.toString(StandardCharsets.UTF_8));
        if (theirs == null && mine == null) return null;
        if (theirs != null && mine != null && theirs.sameBehaviour(mine)) {
            return "Counterexamples: the same behaviour (" + theirs.steps().size() + " and " + mine.steps().size()
                    + " states printed).";
        }
        return "Counterexamples DIFFER: " + (theirs == null ? "TLC printed none" : mine == null ? "Barreleye printed none"
                : "TLC's " + theirs.steps().size() + " states and Barreleye's " + mine.steps().size()
                        + " are not one behaviour");
    }

    /**
     * Runs TLC in a scratch copy of the spec's folder (its modules and models), with its states
     * there too, so that TLC's own files ({@code *_TTrace_*.tla}, {@code states/}) never land
     * beside the user's spec; the copy is deleted afterwards.
     */
    static TlcRun run(Path jar, CheckOptions o) throws IOException {
        Path spec = o.spec.toAbsolutePath();
        Path cfg = (o.config != null ? o.config : ModelChecker.defaultConfig(o.spec)).toAbsolutePath();
        Path scratch = Files.createTempDirectory("barreleye-tlc");
        try {
            copyModules(spec.getParent(), scratch);
            Files.copy(cfg, scratch.resolve("barreleye-model.cfg"));
            return runIn(scratch, jar, o, spec.getFileName().toString());
        } finally {
            deleteTree(scratch);
        }
    }

    private static void copyModules(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(from)) {
            for (Path f : s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".tla")).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static String firstLine(String output) {
        return output.lines().filter(l -> !l.isBlank()).findFirst().orElse("no output");
    }

    private static TlcRun runIn(Path scratch, Path jar, CheckOptions o, String specName) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-cp", jar.toAbsolutePath().toString(), "tlc2.TLC", "-workers",
                Integer.toString(o.workers), "-metadir", scratch.resolve("states").toString(), "-config", "barreleye-model.cfg"));
        if (o.noDeadlock) cmd.add("-deadlock");
        cmd.add(specName);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(scratch.toFile()).redirectErrorStream(true);
        long t0 = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("TLC did not finish within 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long distinct = -1;
        long generated = -1;
        Matcher m = COUNTS.matcher(output);
        while (m.find()) {
            generated = Long.parseLong(m.group(1));
            distinct = Long.parseLong(m.group(2));
        }
        return new TlcRun(p.exitValue(), distinct, generated, secs, output);
    }
}
