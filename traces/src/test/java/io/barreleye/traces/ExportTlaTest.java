package io.barreleye.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.CheckOptions;
import io.barreleye.modelcheck.CheckResult;
import io.barreleye.modelcheck.ModelChecker;
import io.barreleye.modelcheck.trace.TlaExport;
import io.barreleye.modelcheck.trace.Trace;
import io.barreleye.modelcheck.trace.TraceCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces exported as TLA+ give the same verdict as in-process validation, checked by the embedded
 * checker here and, when TLA2TOOLS_JAR names a TLC jar, by TLC too.
 */
class ExportTlaTest {
    static final Path SPECS = Path.of("..", "specs");

    @TempDir
    Path tmp;

    static CheckResult check(Path tla, Path cfg) {
        return ModelChecker.checkCaptured(CheckOptions.of(tla, cfg, 1)).result();
    }

    @Test
    void exportedTracesAgreeWithInProcessValidation() throws IOException {
        // one simulated run of each spec that verify records, and the first unmap run broken
        List<Path> traces = new ArrayList<>();
        java.util.Set<String> specs = new java.util.HashSet<>();
        Path unmap = null;
        for (Conformance.Run r : Conformance.runAll(SPECS, tmp.resolve("runs"), 1)) {
            if (r.traces() != 1 || !r.runtime().equals("sim") || !specs.add(r.spec())) continue;
            traces.add(r.file());
            if (r.spec().equals("Shootdown.tla")) unmap = r.file();
        }
        assertEquals(5, traces.size(), traces.toString());
        List<String> lines = new ArrayList<>(Files.readAllLines(unmap));
        // drop the first Map: the later Unmap of that page cannot happen in the spec
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"event\":\"Map\"")) {
                lines.remove(i);
                break;
            }
        }
        Path broken = tmp.resolve("runs").resolve("broken.ndjson");
        Files.write(broken, lines);
        traces.add(broken);
        int conforming = 0;
        for (Path t : traces) {
            long t0 = System.nanoTime();
            boolean conforms = TraceCheck.check(Trace.read(t), SPECS).conforms();
            double embeddedSeconds = (System.nanoTime() - t0) / 1e9;
            if (conforms) conforming++;
            Path out = tmp.resolve("export-" + t.getFileName());
            Path tla = TlaExport.export(Trace.read(t), SPECS, out);
            // SANY's static checks (precedence, scope, arity) accept the exported module and what it extends
            io.barreleye.modelcheck.eval.ScopeChecker.checkFile(tla);
            CheckResult r = check(tla, Path.of(tla.toString().replace(".tla", ".cfg")));
            assertEquals(conforms ? 12 : 0, r.exitCode(), t + ": conforms=" + conforms + ", exported check " + r.verdict + " " + r.message);
            String jar = System.getenv("TLA2TOOLS_JAR");
            if (jar != null && !jar.isBlank()) {
                ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", jar,
                        "tlc2.TLC", "-config", tla.getFileName().toString().replace(".tla", ".cfg"), tla.getFileName().toString())
                        .directory(out.toFile()).redirectErrorStream(true);
                long t1 = System.nanoTime();
                Process p = pb.start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                try {
                    assertEquals(conforms ? 12 : 0, p.waitFor(), output);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // the side-by-side figure: TLC (a fresh JVM, as users run it) against the
                // embedded checker (in this warm JVM, reading and validating) on the same trace
                double tlcSeconds = (System.nanoTime() - t1) / 1e9;
                System.out.printf(java.util.Locale.ROOT, "%s: embedded %.2f s, TLC on the export %.2f s, TLC/embedded %.1f%n",
                        t.getFileName(), embeddedSeconds, tlcSeconds, tlcSeconds / Math.max(embeddedSeconds, 1e-9));
            }
        }
        assertEquals(traces.size() - 1, conforming, "every recorded run conforms, the broken one does not");
        IllegalArgumentException noArgs = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TlaExport.export(Trace.read(Path.of("golden", "Shootdown.ndjson")), SPECS, tmp.resolve("g")));
        assertTrue(noArgs.getMessage().contains("arguments recorded"), noArgs.getMessage());
    }

    @Test
    void tlcComparisonIsSkippedVisiblyWithoutAJar() {
        Assumptions.assumeTrue(System.getenv("TLA2TOOLS_JAR") != null,
                "TLA2TOOLS_JAR is not set: exported traces were checked by the embedded checker only");
    }
}
