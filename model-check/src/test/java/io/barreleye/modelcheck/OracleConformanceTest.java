package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The real TLC's answers on small cases (../shared/tlc-oracle, outside the project): the embedded
 * checker must give the same exit status, distinct and generated counts, depth, messages and
 * counterexample (a lasso as the same behaviour: {@link PrintedBehaviour}), except on the models
 * in {@link KnownDivergences}.
 */
class OracleConformanceTest {
    static final Path ORACLE = Path.of("..", "..", "shared", "tlc-oracle").toAbsolutePath().normalize();

    @TestFactory
    List<DynamicTest> sameAnswersAsTlc() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(ORACLE),
                "TLC oracle not present at " + ORACLE + " (it lives beside the project, in ../shared); skipping");
        List<DynamicTest> tests = new ArrayList<>();
        List<String> lines = Files.readAllLines(ORACLE.resolve("results.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            String kase = f[0];
            String model = f[1];
            tests.add(DynamicTest.dynamicTest(kase + "/" + model, () -> KnownDivergences.check(key(kase, model), () -> {
                Path dir = ORACLE.resolve("specs").resolve(kase);
                Specs.Run run = Specs.check(dir.resolve(kase + ".tla"), dir.resolve(model + ".cfg"), 1);
                CheckResult r = run.result();
                assertEquals(Integer.parseInt(f[2]), r.exitCode(), run.output());
                if (!f[3].equals("-")) {
                    assertEquals(Long.parseLong(f[3]), r.distinct, "distinct states\n" + run.output());
                    assertEquals(Long.parseLong(f[4]), r.generated, "states generated\n" + run.output());
                    assertEquals(Integer.parseInt(f[5]), r.depth, "depth\n" + run.output());
                }
                String expected = Files.readString(ORACLE.resolve("expected").resolve(model + ".out"));
                for (String must : List.of("Invariant ", "Deadlock reached", "Action property ", "Temporal property ")) {
                    int at = expected.indexOf(must);
                    if (at >= 0) {
                        String want = expected.substring(at, expected.indexOf('\n', at)).trim();
                        assertTrue(run.output().contains(want), "output lacks \"" + want + "\"\n" + run.output());
                    }
                }
                int st = expected.indexOf("State 1:");
                PrintedBehaviour tlcLasso = PrintedBehaviour.parse(expected);
                if (tlcLasso != null && tlcLasso.isLasso()) {
                    // a lasso: the same behaviour, wherever the cycle is folded (TLC's fold depends
                    // on its per-run random fingerprint polynomial; see PrintedBehaviour)
                    PrintedBehaviour ours = PrintedBehaviour.parse(run.output());
                    assertTrue(ours != null && tlcLasso.sameBehaviour(ours),
                            "the counterexample is not TLC's behaviour\nTLC:\n" + expected.substring(st) + "\nours:\n" + run.output());
                } else if (st >= 0 && r.exitCode() != 75) {
                    // the counterexample's states, state by state, as TLC printed them
                    for (String l : expected.substring(st).split("\n")) {
                        if (l.startsWith("State ") || l.startsWith("Back to state") || l.matches("^(/\\\\ )?\\w+ = .*")) {
                            if (l.contains(" states generated")) break;
                            assertTrue(run.output().contains(l), "counterexample line \"" + l + "\" missing\n" + run.output());
                        }
                    }
                }
            })));
        }
        return tests;
    }

    /** A model's key in the known-divergences list. */
    static String key(String kase, String model) {
        return "model:" + kase + "/" + model;
    }
}
