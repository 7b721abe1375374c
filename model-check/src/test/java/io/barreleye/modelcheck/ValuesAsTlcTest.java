package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.eval.EvalException;
import io.barreleye.modelcheck.eval.Expressions;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.Pretty;
import io.barreleye.modelcheck.value.StringValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluation and printing as TLC does them, one class of behaviour per test; the row of
 * ../shared/tlc-oracle/expressions/cases.tsv that shows TLC's answer is named beside each case.
 */
class ValuesAsTlcTest {
    static final String[] STD = {"Integers", "Sequences", "FiniteSets", "TLC"};

    static String ev(String expr, String... modules) {
        return Expressions.evaluate(expr, modules.length == 0 ? STD : modules).toString();
    }

    static String fails(String expr, String... modules) {
        return assertThrows(EvalException.class, () -> ev(expr, modules)).getMessage();
    }

    @Test
    void stringsAndFieldsPrintInTheOrderTlcFirstMetThem() {
        assertEquals("[b |-> 1, a |-> 2]", ev("[b |-> 1, a |-> 2]", "Naturals")); // C200: identifiers of the root first
        assertEquals("{\"a\", \"b\"}", ev("{\"b\", \"a\"}", "Naturals")); // E077: Naturals declares a, b
        assertEquals("{\"zq\", \"qz\"}", ev("{\"zq\", \"qz\"}", "Naturals")); // E068: literals in order
        assertEquals("{\"qz\", \"zq\"}", ev("{\"qz\", \"zq\"}", "Naturals")); // E069: a fresh order per spec
        assertEquals("{\"1\", \"10\", \"9\"}", ev("{\"10\", \"9\", \"1\"}", "Naturals", "TLC")); // E012: Sequences' 1 (used by TLC) met first
        assertEquals("\"z\"", ev("CHOOSE s \\in {\"z\", \"y\"} : TRUE", "Naturals")); // E013: CHOOSE follows the order
        assertEquals("{[b |-> 1], [b |-> 0, a |-> 2]}", ev("{[b |-> 1], [a |-> 2, b |-> 0]}", "Naturals")); // C206
        // equality never depends on the order
        assertEquals("TRUE", ev("[zq |-> 1, qz |-> 2] = [qz |-> 2, zq |-> 1]", "Naturals"));
    }

    @Test
    void valuesOfKindsTlcCannotCompareAreErrors() {
        assertTrue(fails("1 = \"a\"").contains("Attempted to check equality of integer 1"), "D070");
        fails("{} = <<>>"); // D072
        fails("[a |-> 1] = <<1>>"); // D090
        fails("\"a\" \\in {1, 2}"); // D087
        fails("\"a\" \\in Nat"); // D150
        fails("<<>> \\in STRING"); // D178
        fails("(0 :> 1) \\in Seq(Nat)"); // D163
        assertTrue(fails("ToString({1, \"a\"})").contains("compare"), "D088: a set of mixed kinds cannot be printed");
        assertEquals("TRUE", ev("{1} \\in {{1}, \"x\"}")); // D091: membership compares in order
        assertEquals("TRUE", ev("<<>> = [x \\in {} |-> 1]")); // D074
        assertEquals("FALSE", ev("{1} = {\"a\"}")); // sets whose elements differ in kind are unequal
    }

    @Test
    void intervalsAndLongValuesPrintAsTlcPrintsThem() {
        assertEquals("{1..1, 0..1}", ev("{0..1, 1..1}")); // C241
        assertEquals("1..2", ev("DOMAIN <<5, 6>>")); // C251
        assertEquals("{}", ev("DOMAIN <<>>"));
        assertEquals("\"cr\\rff\\f\"", ev("\"cr\\rff\\f\"")); // C268
        assertEquals("ANY", ev("Any")); // C190
        Value[] longs = new Value[7];
        for (int i = 0; i < 6; i++) longs[i] = IntValue.of(1111111111);
        longs[6] = IntValue.of(11111);
        assertEquals("<< 1111111111,\n   1111111111,\n   1111111111,\n   1111111111,\n   1111111111,\n"
                + "   1111111111,\n   11111 >>", Pretty.print(TupleValue.of(longs))); // C301: 81 columns break
        longs[6] = IntValue.of(1111);
        assertEquals(80, Pretty.print(TupleValue.of(longs)).length()); // C300: 80 columns fit
        assertEquals("\"x\"", Pretty.print(StringValue.of("x")));
    }

    @Test
    void printPrintsBothArgumentsTwoSpacesApart() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Expressions.evaluate("Print(<<1, \"y\">>, {2})", ps, STD);
        assertEquals("<<1, \"y\">>  {2}", buf.toString(StandardCharsets.UTF_8).trim()); // C182
    }

    @Test
    void stringsAreSequencesOnlyWhereTlcSaysSo() {
        assertEquals("3", ev("Len(\"abc\")")); // C033
        assertEquals("\"bc\"", ev("Tail(\"abc\")")); // C044
        assertEquals("\"bc\"", ev("SubSeq(\"abcd\", 2, 3)")); // C055
        assertEquals("\"abcd\"", ev("\"ab\" \\o \"cd\"")); // C064
        fails("Head(\"ab\")"); // C040
        fails("Append(\"ab\", \"c\")"); // C037
        fails("\"a\" \\o <<>>"); // E016
    }

    @Test
    void lazySetsAndFunctionsAreNeverEnumerated() {
        assertEquals("TRUE", ev("2 \\in {x \\in Nat : x < 3}")); // D171
        assertEquals("3", ev("[x \\in Nat |-> x][3]")); // D062
        assertEquals("TRUE", ev("[a |-> 1] \\in UNION {[{\"a\"} -> Int]}"));
        assertEquals("TRUE", ev("<<-1>> \\in Seq(Int \\ (Nat \\ {0}))"));
        // D063: printed as TLC's FcnLambdaValue prints itself: its bounds and where its body is
        assertEquals("[x \\in Nat |-> <expression line 3, col 21 to line 3, col 21 of module Expr>]",
                ev("[x \\in Nat |-> x]"));
        assertEquals("[x \\in Nat, z \\in Int |-> <expression line 3, col 35 to line 3, col 39 of module Expr>]",
                ev("[x, y \\in Nat, z \\in Int |-> z + x]")); // several names: only the first, as TLC
        assertEquals("<<[x \\in Int |-> <expression line 3, col 23 to line 3, col 27 of module Expr>]>>",
                Pretty.print(Expressions.evaluate("<<[x \\in Int |-> x + 1]>>", STD)));
        assertTrue(fails("ToString({x \\in Nat : x < 3})").contains("not enumerable"), "D170: printing it enumerates");
        assertTrue(fails("ToString(Int \\ Nat)").contains("not enumerable"), "C026");
        assertTrue(fails("2147483648").contains("number this big"), "D026");
    }

    @Test
    void tlcExtAndJson() {
        assertEquals("TRUE", ev("AssertEq(1, 1)", "Naturals", "TLCExt"));
        assertEquals("TRUE", ev("AssertError(\"Attempted to access index 3 of tuple\\n<<1, 2>>\\nwhich is out of bounds.\", <<1, 2>>[3])",
                "Naturals", "TLCExt"));
        assertEquals("FALSE", ev("AssertError(\"x\", 1)", "Naturals", "TLCExt")); // C271: nothing fails
        assertEquals("{a, b}", ev("{TLCModelValue(\"b\"), TLCModelValue(\"a\")}", "Naturals", "TLCExt")); // C274
        assertEquals("\"{\\\"b\\\":1,\\\"a\\\":2}\"", ev("ToJson([b |-> 1, a |-> 2])", "Json")); // C283
        assertEquals("\"[1,2]\"", ev("ToJson({2, 1})", "Json")); // C284
        assertEquals("\"{\\\"0\\\":3,\\\"1\\\":4}\"", ev("ToJson(0 :> 3 @@ 1 :> 4)", "Json", "TLC")); // C296
    }

    @Test
    void traceInAnAssumptionIsTheEmptyStateWhenThereAreNoVariables() {
        // C278: TLC evaluates an ASSUME in its empty state; without variables it is a record
        // without fields, printed [], which is the empty function and so equals <<>>
        assertEquals("<<[]>>", ev("Trace", "Naturals", "TLCExt"));
        assertEquals("TRUE", ev("Trace = <<<<>>>> /\\ Trace[1] = [x \\in {} |-> 1] /\\ DOMAIN Trace[1] = {}",
                "Naturals", "TLCExt"));
        assertEquals("1", ev("Cardinality({Trace[1], <<>>})", "Naturals", "TLCExt", "FiniteSets"));
        assertEquals(TupleValue.EMPTY.fingerprint(7), Expressions.evaluate("Trace[1]", "TLCExt").fingerprint(7));
        assertTrue(fails("Trace[1] = <<1>>", "Naturals", "TLCExt").contains("equality"), "a record and a non-empty tuple");
    }

    @Test
    void traceInAnAssumptionOfASpecWithVariablesIsAnError(@TempDir Path dir) {
        // TLCExt.getTrace: TLC's empty state has every variable unassigned
        Specs.Run r = Specs.check(dir, "TraceAssume", "---- MODULE TraceAssume ----\nEXTENDS TLCExt\nVARIABLES x, y\n"
                + "ASSUME Trace = <<>>\nInit == x = 0 /\\ y = 0\nNext == UNCHANGED <<x, y>>\n====\n", "INIT Init\nNEXT Next\n", 1);
        assertEquals(10, r.result().exitCode(), r.output()); // TLC_ASSUMPTION_EVALUATION_ERROR
        assertTrue(r.output().contains("Evaluating assumption line 4, col 8 to line 4, col 19 of module TraceAssume failed."),
                r.output());
        assertTrue(r.output().contains("In evaluating TLCExt!Trace, the state is not completely specified yet (variables x, y undefined)."),
                r.output());
    }

    @Test
    void realsParseAndFailOnlyWhenEvaluated() {
        assertTrue(fails("1.5", "Naturals").contains("TLC can't handle real numbers"), "C015");
        assertTrue(fails("1 = 1.0", "Integers").contains("TLC can't handle real numbers"), "D085");
        assertEquals("1", ev("IF TRUE THEN 1 ELSE 2.5", "Naturals")); // never evaluated, never an error
        assertEquals("<<1, 2>>", ev("<<1, 2>>", "Naturals")); // 1..2 and tuples still lex as before
        assertEquals("1..2", ev("1..2", "Naturals"));
    }

    @Test
    void aConstantPrimedIsItself() {
        assertEquals("1", ev("LET x == 1 IN x'", "Naturals")); // B054
    }
}
