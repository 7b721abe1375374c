package io.barreleye.modelcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A developer's tool, not a check: with {@code -Doracle.report=FILE} it writes the list of oracle
 * rows that diverge now, keeping the reason of every row already listed and stating the observed
 * difference for new ones. Run it after a change to the checker, read the diff, and replace
 * {@code src/test/resources/oracle/known-divergences.tsv} with it where the diff is right.
 */
class DivergenceReportTest {
    @Test
    void writeCurrentDivergences(@TempDir Path dir) throws Throwable {
        String target = System.getProperty("oracle.report");
        Assumptions.assumeTrue(target != null, "set -Doracle.report=FILE to write the divergence list");
        Map<String, String> now = new TreeMap<>();
        for (ExpressionOracleTest.Row row : ExpressionOracleTest.rows()) {
            ExpressionOracleTest.Answer a = ExpressionOracleTest.evaluate(dir, row);
            boolean same = a.verdict().equals(row.verdict())
                    && (!row.verdict().equals("value") || row.output().equals(a.value()));
            if (!same) {
                String got = a.verdict().equals("value") ? "value " + a.value() : a.verdict();
                String want = row.verdict().equals("value") ? "value " + row.output() : row.verdict();
                now.put(ExpressionOracleTest.key(row.id()), oneLine("TLC: " + want + "; here: " + got));
            }
        }
        List<String> lines = Files.readAllLines(OracleConformanceTest.ORACLE.resolve("results.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            String key = OracleConformanceTest.key(f[0], f[1]);
            try {
                Path d = OracleConformanceTest.ORACLE.resolve("specs").resolve(f[0]);
                Specs.Run run = Specs.check(d.resolve(f[0] + ".tla"), d.resolve(f[1] + ".cfg"), 1);
                CheckResult r = run.result();
                String got = "exit " + r.exitCode() + ", " + r.distinct + " distinct, " + r.generated + " generated";
                String want = "exit " + f[2] + ", " + f[3] + " distinct, " + f[4] + " generated";
                if (!(r.exitCode() == Integer.parseInt(f[2]) && (f[3].equals("-")
                        || (r.distinct == Long.parseLong(f[3]) && r.generated == Long.parseLong(f[4]))))) {
                    now.put(key, oneLine("TLC: " + want + "; here: " + got + (r.message == null ? "" : " (" + r.message + ")")));
                } else if (KnownDivergences.listed(key)) {
                    now.put(key, KnownDivergences.all().get(key)); // counts agree; the listed reason is in the output
                }
            } catch (RuntimeException e) {
                now.put(key, oneLine("here: " + e));
            }
        }
        List<String> out = new ArrayList<>();
        out.add("# Oracle rows (../shared/tlc-oracle) on which the embedded checker does not yet give TLC's answer.");
        out.add("# key<TAB>reason. Checked both ways by OracleConformanceTest and ExpressionOracleTest: an unlisted");
        out.add("# row must agree, a listed one must still diverge. Regenerate with DivergenceReportTest.");
        for (Map.Entry<String, String> e : now.entrySet()) {
            String reason = KnownDivergences.listed(e.getKey()) ? KnownDivergences.all().get(e.getKey()) : e.getValue();
            out.add(e.getKey() + "\t" + reason);
        }
        Files.write(Path.of(target), out);
    }

    private static String oneLine(String s) {
        String t = s.replace("\t", " ").replace("\n", "\u23ce");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
