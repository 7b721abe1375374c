package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's own conformance suite (src/test/resources/conformance): small specs written here,
 * each with TLC's expected verdict and counts justified in the spec's header comment.
 * Every model is checked with 1 worker (counts at a violation are TLC's) and, when it completes,
 * with 2 and 4 workers, which must find exactly the same counts.
 */
class ConformanceSuiteTest {
    static Path suite() throws URISyntaxException {
        return Path.of(ConformanceSuiteTest.class.getResource("/conformance/expected.tsv").toURI()).getParent();
    }

    @TestFactory
    List<DynamicTest> expectedVerdictsAndCounts() throws IOException, URISyntaxException {
        Path dir = suite();
        List<DynamicTest> tests = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("expected.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            tests.add(DynamicTest.dynamicTest(f[0] + "/" + f[1], () -> {
                Path tla = dir.resolve(f[0]).resolve(f[0] + ".tla");
                Path cfg = dir.resolve(f[0]).resolve(f[1] + ".cfg");
                Specs.Run run = Specs.check(tla, cfg, 1);
                int exit = Integer.parseInt(f[2]);
                assertEquals(exit, run.result().exitCode(), run.output());
                if (!f[3].equals("-")) {
                    assertEquals(Long.parseLong(f[3]), run.result().distinct, "distinct\n" + run.output());
                    assertEquals(Long.parseLong(f[4]), run.result().generated, "generated\n" + run.output());
                    assertEquals(Integer.parseInt(f[5]), run.result().depth, "depth\n" + run.output());
                }
                if (f.length > 6 && !f[6].equals("-")) {
                    assertTrue(run.output().contains(f[6]), "output lacks \"" + f[6] + "\"\n" + run.output());
                }
                if (exit == 0) {
                    for (int w : new int[] {2, 4}) {
                        Specs.Run par = Specs.check(tla, cfg, w);
                        assertEquals(0, par.result().exitCode(), par.output());
                        assertEquals(run.result().distinct, par.result().distinct, "distinct with " + w + " workers");
                        assertEquals(run.result().generated, par.result().generated, "generated with " + w + " workers");
                        assertEquals(run.result().depth, par.result().depth, "depth with " + w + " workers");
                    }
                }
            }));
        }
        return tests;
    }
}
