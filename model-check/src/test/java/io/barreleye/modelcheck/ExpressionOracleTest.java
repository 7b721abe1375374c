package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.CheckResult.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * What SANY and TLC answer for 951 single expressions (../shared/tlc-oracle/expressions, outside
 * the project): each row must give TLC's verdict class (parse_error, semantic_error, eval_error,
 * value) and, for a value, exactly the text TLC's {@code PrintT} printed. Rows in
 * {@link KnownDivergences} must still diverge.
 *
 * <p>Each expression is evaluated as the oracle's solo runs did: {@code ASSUME PrintT(expr)} in a
 * root module that extends the row's modules and TLC, between two marker lines. The helper modules
 * are declared in place: {@code MV}'s constants bound to model values by the model, {@code VARS}'s
 * variables evaluated inside the oracle's step from {@code n = 5} to {@code n = 7}.
 */
class ExpressionOracleTest {
    static final Path EXPRESSIONS = OracleConformanceTest.ORACLE.resolve("expressions");
    static final String NL = "\u23ce";

    record Row(String id, String expression, List<String> modules, String verdict, String output) {}

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(EXPRESSIONS.resolve("cases.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            List<String> mods = new ArrayList<>();
            if (!f[3].equals("-")) for (String m : f[3].split(",")) mods.add(m.strip());
            rows.add(new Row(f[0], f[2], mods, f[4], f[5].replace(NL, "\n")));
        }
        return rows;
    }

    @TestFactory
    List<DynamicTest> sameAnswersAsSanyAndTlc(@TempDir Path dir) throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(EXPRESSIONS),
                "TLC expression oracle not present at " + EXPRESSIONS + " (it lives beside the project, in ../shared); skipping");
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows()) {
            tests.add(DynamicTest.dynamicTest(row.id() + " " + row.expression(),
                    () -> KnownDivergences.check(key(row.id()), () -> {
                        Answer a = evaluate(dir, row);
                        assertEquals(row.verdict(), a.verdict(), "verdict for " + row.expression() + "\n" + a.detail());
                        if (row.verdict().equals("value")) {
                            assertEquals(row.output(), a.value(), "printed value of " + row.expression());
                        }
                    })));
        }
        return tests;
    }

    /** Every listed key names a row that exists, so the list cannot hold stale entries. */
    @Test
    void everyListedDivergenceNamesARow() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(OracleConformanceTest.ORACLE), "TLC oracle not present; skipping");
        Set<String> known = new HashSet<>();
        for (Row r : rows()) known.add(key(r.id()));
        List<String> models = Files.readAllLines(OracleConformanceTest.ORACLE.resolve("results.tsv"));
        for (String l : models.subList(1, models.size())) {
            String[] f = l.split("\t");
            known.add(OracleConformanceTest.key(f[0], f[1]));
        }
        for (String k : KnownDivergences.all().keySet()) {
            assertTrue(known.contains(k), KnownDivergences.RESOURCE + " lists " + k + ", which is no oracle row");
        }
    }

    static String key(String id) {
        return "expr:" + id;
    }

    record Answer(String verdict, String value, String detail) {}

    static Answer evaluate(Path dir, Row row) throws IOException {
        String name = "S_" + row.id();
        boolean vars = row.modules().contains("VARS");
        boolean mv = row.modules().contains("MV");
        List<String> ext = new ArrayList<>();
        for (String m : row.modules()) if (!m.equals("VARS") && !m.equals("MV")) ext.add(m);
        if (!ext.contains("TLC")) ext.add("TLC");
        String indented = "    " + row.expression().replace(NL, "\n    ");
        StringBuilder tla = new StringBuilder("---- MODULE " + name + " ----\nEXTENDS " + String.join(", ", ext) + "\n");
        StringBuilder cfg = new StringBuilder();
        if (mv) {
            tla.append("CONSTANTS m1, m2, ta, tb\n");
            cfg.append("CONSTANTS\n    m1 = m1\n    m2 = m2\n    ta = T_a\n    tb = T_b\n");
        }
        if (vars) {
            tla.append("VARIABLES f, n, r\n")
                    .append("Init == f = <<1, 2, 3>> /\\ n = 5 /\\ r = [a |-> 1, b |-> <<4, 5>>]\n")
                    .append("Next == /\\ n = 5\n    /\\ f' = <<10, 20, 30>>\n    /\\ n' = 7\n")
                    .append("    /\\ r' = [a |-> 2, b |-> <<6, 7>>]\n")
                    .append("    /\\ PrintT(\"@@B\")\n    /\\ PrintT(\n    ").append(indented.replace("\n", "\n    "))
                    .append("\n        )\n    /\\ PrintT(\"@@END\")\n");
            cfg.append("INIT Init\nNEXT Next\n");
        } else {
            // As the oracle's solo modules: no variables and no INIT/NEXT, so only the assumptions
            // are checked (TLCExt's Trace is then one state without fields), and the expression
            // starts on line 5, as the source positions TLC prints inside values assume (D063).
            tla.append("ASSUME PrintT(\"@@B\")\nASSUME PrintT(\n").append(indented).append("\n    )\n")
                    .append("ASSUME PrintT(\"@@END\")\n");
        }
        tla.append("====\n");
        Path t = dir.resolve(name + ".tla");
        Files.writeString(t, tla);
        Files.writeString(dir.resolve(name + ".cfg"), cfg);
        CheckOptions o = CheckOptions.of(t, dir.resolve(name + ".cfg"), 1);
        o.noDeadlock = true;
        ModelChecker.Captured c = ModelChecker.checkCaptured(o);
        String out = c.output();
        Verdict v = c.result().verdict;
        String cls = switch (v) {
            case PARSE_ERROR -> c.result().message != null && c.result().message.startsWith("Semantic")
                    ? "semantic_error" : "parse_error";
            case EVALUATION_ERROR, OVERFLOW, ASSERTION_FAILED -> "eval_error";
            // an ASSUME that fails to evaluate ends as TLC ends it, with a false assumption's exit 10
            case ASSUMPTION_FALSE -> c.result().message.startsWith("Evaluating assumption") ? "eval_error" : "false_assumption";
            case SUCCESS -> "value";
            default -> "other:" + v;
        };
        String value = null;
        int b = out.indexOf("\"@@B\"\n");
        int e = out.indexOf("\"@@END\"\n");
        if (b >= 0 && e > b) {
            value = out.substring(b + "\"@@B\"\n".length(), e);
            if (value.endsWith("\n")) value = value.substring(0, value.length() - 1);
        }
        return new Answer(cls, value, out);
    }
}
