package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.eval.EvalException;
import io.barreleye.modelcheck.eval.Expressions;
import io.barreleye.modelcheck.eval.SemanticException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every standard-module operator, evaluated on constants; results printed as TLC prints them. */
class EvaluatorTest {
    static final String[] ALL = {"Integers", "Sequences", "FiniteSets", "Bags", "TLC"};

    static String ev(String expr) {
        return Expressions.evaluate(expr, ALL).toString();
    }

    @Test
    void integers() {
        assertEquals("7", ev("1 + 2 * 3"));
        assertEquals("-3", ev("(-7) \\div 3"));
        assertEquals("-2", ev("-7 \\div 3")); // prefix - (12) binds looser than \\div (13)
        assertEquals("2", ev("-7 % 3"));
        assertEquals("1024", ev("2^10"));
        assertEquals("1..3", ev("1..3")); // TLC prints an interval as one (C237)
        assertEquals("{1, 2, 3}", ev("1..3 \\cup {}"));
        assertEquals("{}", ev("3..1"));
        assertEquals("TRUE", ev("-1 \\in Int /\\ -1 \\notin Nat /\\ 0 \\in Nat"));
        assertEquals("TRUE", ev("3 > 2 /\\ 2 >= 2 /\\ 1 < 2 /\\ 2 <= 2 /\\ 1 # 2 /\\ 1 /= 2"));
    }

    @Test
    void overflowIsAnErrorAsInTlc() {
        EvalException e = assertThrows(EvalException.class, () -> ev("2^31"));
        assertEquals(255, e.exitCode());
        assertThrows(EvalException.class, () -> ev("2147483647 + 1"));
        assertThrows(EvalException.class, () -> ev("1 \\div 0"));
    }

    @Test
    void sets() {
        assertEquals("{1, 2, 3}", ev("{1, 2} \\cup {2, 3}"));
        assertEquals("{2}", ev("{1, 2} \\cap {2, 3}"));
        assertEquals("{1}", ev("{1, 2} \\ {2, 3}"));
        assertEquals("{{}, {1}, {2}, {1, 2}}", ev("SUBSET {1, 2}"));
        assertEquals("{1, 2, 3}", ev("UNION {{1}, {2, 3}}"));
        assertEquals("{2, 4}", ev("{x \\in 1..4 : x % 2 = 0}"));
        assertEquals("{1, 4, 9}", ev("{x * x : x \\in 1..3}"));
        assertEquals("{<<1, \"a\">>, <<2, \"a\">>}", ev("{1, 2} \\X {\"a\"}"));
        assertEquals("TRUE", ev("{1} \\subseteq {1, 2} /\\ {1} \\subset {1, 2} /\\ ~({1} \\subset {1})"));
        assertEquals("TRUE", ev("{1, 2} \\supseteq {1} /\\ {1, 2} \\supset {2}"));
        assertEquals("3", ev("Cardinality({1, 2, 3})"));
        assertEquals("TRUE", ev("IsFiniteSet({1}) /\\ ~IsFiniteSet(Nat)"));
        assertEquals("{<<1, 2>>, <<2, 1>>}", ev("{<<a, b>> \\in (1..2) \\X (1..2) : a # b}"));
        assertEquals("TRUE", ev("\\A x \\in 1..3, y \\in {0} : x > y"));
        assertEquals("TRUE", ev("\\E <<a, b>> \\in {<<1, 2>>} : a + b = 3"));
        assertEquals("3", ev("CHOOSE x \\in 1..5 : x > 2"));
        assertEquals("TRUE", ev("\"abc\" \\in STRING /\\ <<1, 2>> \\in Seq(Nat) /\\ [a |-> 1] \\in [a : Nat]"));
        assertEquals("4", ev("Cardinality([{1, 2} -> {3, 4}])"));
        assertEquals("TRUE", ev("{1, 2} \\in SUBSET (1..3) /\\ (1..3) = {1, 2, 3}"));
    }

    @Test
    void functionsRecordsTuples() {
        assertEquals("<<1, 4, 9>>", ev("[i \\in 1..3 |-> i * i]"));
        // fields in TLC's intern order: b and a are met in this order in the module's text (C200)
        assertEquals("[b |-> 2, a |-> 1]", ev("[b |-> 2, a |-> 1]"));
        assertEquals("TRUE", ev("[f \\in {\"a\", \"b\"} |-> 1] = [a |-> 1, b |-> 1]"));
        assertEquals("TRUE", ev("<<>> = [x \\in {} |-> 1]"));
        assertEquals("[a |-> [b |-> 5]]", ev("[[a |-> [b |-> 1]] EXCEPT !.a.b = @ + 4]"));
        assertEquals("<<1, 9, 3>>", ev("[<<1, 2, 3>> EXCEPT ![2] = 9]"));
        assertEquals("<<<<0, 7>>>>", ev("[<<<<0, 1>>>> EXCEPT ![1][2] = @ * 7]"));
        assertEquals("1..2", ev("DOMAIN <<\"x\", \"y\">>")); // C251
        assertEquals("2", ev("[a |-> 2].a"));
        assertEquals("(0 :> 1 @@ 5 :> 2)", ev("(0 :> 1) @@ (5 :> 2) @@ (0 :> 9)"));
        assertEquals("5", ev("LET f[n \\in 0..5] == IF n = 0 THEN 0 ELSE 1 + f[n - 1] IN f[5]"));
        assertEquals("120", ev("LET RECURSIVE F(_) F(n) == IF n = 0 THEN 1 ELSE n * F(n - 1) IN F(5)"));
    }

    @Test
    void sequences() {
        assertEquals("3", ev("Len(<<1, 2, 3>>)"));
        assertEquals("<<1, 2, 3>>", ev("<<1>> \\o <<2, 3>>"));
        assertEquals("<<1, 2>>", ev("Append(<<1>>, 2)"));
        assertEquals("1", ev("Head(<<1, 2>>)"));
        assertEquals("<<2>>", ev("Tail(<<1, 2>>)"));
        assertEquals("<<2, 3>>", ev("SubSeq(<<1, 2, 3, 4>>, 2, 3)"));
        assertEquals("<<2, 4>>", ev("SelectSeq(<<1, 2, 3, 4>>, LAMBDA x : x % 2 = 0)"));
        assertThrows(EvalException.class, () -> ev("Head(<<>>)"));
    }

    @Test
    void bagsAndTlc() {
        assertEquals("[x |-> 2, y |-> 1]", ev("SetToBag({\"x\", \"y\"}) (+) SetToBag({\"x\"})"));
        assertEquals("3", ev("BagCardinality(SetToBag({\"x\", \"y\"}) (+) SetToBag({\"x\"}))"));
        assertEquals("2", ev("CopiesIn(\"x\", SetToBag({\"x\"}) (+) SetToBag({\"x\"}))"));
        assertEquals("{\"y\"}", ev("BagToSet(SetToBag({\"x\", \"y\"}) (-) SetToBag({\"x\"}))"));
        assertEquals("TRUE", ev("IsABag(SetToBag({1})) /\\ BagIn(1, SetToBag({1})) /\\ SetToBag({1}) \\sqsubseteq SetToBag({1, 2})"));
        assertEquals("4", ev("Cardinality(SubBag(SetToBag({1}) (+) SetToBag({1}) (+) SetToBag({2})))  - 2"));
        assertEquals("6", ev("Cardinality(Permutations({1, 2, 3}))"));
        assertEquals("<<1, 2, 3>>", ev("SortSeq(<<3, 1, 2>>, LAMBDA a, b : a < b)"));
        assertEquals("\"<<1, \\\"a\\\">>\"", ev("ToString(<<1, \"a\">>)"));
        assertEquals("TRUE", ev("Assert(TRUE, \"ok\")"));
        EvalException e = assertThrows(EvalException.class, () -> ev("Assert(1 = 2, \"boom\")"));
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        assertEquals("7", Expressions.evaluate("Print(<<1>>, 7)", ps, ALL).toString());
        assertEquals("<<1>>  7", buf.toString(StandardCharsets.UTF_8).trim()); // TLC prints both, two spaces apart (C181)
    }

    @Test
    void higherOrderOperatorsAndControl() {
        String defs = "LET Twice(Op(_), x) == Op(Op(x)) Inc(y) == y + 1 IN Twice(Inc, 3)";
        assertEquals("5", ev(defs));
        assertEquals("9", ev("LET Ap(Op(_, _), a, b) == Op(a, b) IN Ap(LAMBDA a, b : a * b, 3, 3)"));
        assertEquals("\"b\"", ev("CASE 1 = 2 -> \"a\" [] 2 = 2 -> \"b\" [] OTHER -> \"c\""));
        assertEquals("\"c\"", ev("CASE 1 = 2 -> \"a\" [] OTHER -> \"c\""));
        assertThrows(EvalException.class, () -> ev("CASE 1 = 2 -> 1"));
        assertEquals("2", ev("IF 1 > 2 THEN 1 ELSE 2"));
        assertEquals("TRUE", ev("(FALSE => 1) /\\ (TRUE <=> TRUE) /\\ (FALSE \\/ TRUE)"));
    }

    @Test
    void errorsNameWhatWentWrong() {
        EvalException type = assertThrows(EvalException.class, () -> ev("1 + \"a\""));
        assertTrue(type.getMessage().contains("expects an integer"), type.getMessage());
        EvalException dom = assertThrows(EvalException.class, () -> ev("<<1, 2>>[3]"));
        assertTrue(dom.getMessage().contains("index 3 of tuple"), dom.getMessage()); // TLC's words: AssertError compares them
        EvalException rec = assertThrows(EvalException.class, () -> ev("[a |-> 1][\"b\"]"));
        assertTrue(rec.getMessage().contains("not in its domain"), rec.getMessage());
        EvalException choose = assertThrows(EvalException.class, () -> ev("CHOOSE x \\in {1} : x > 5"));
        assertTrue(choose.getMessage().contains("CHOOSE"), choose.getMessage());
        assertThrows(EvalException.class, () -> ev("\\A x : x = x"));
        SemanticException undefined = assertThrows(SemanticException.class, () -> ev("Foo + 1"));
        assertTrue(undefined.getMessage().contains("Unknown operator: `Foo'"), undefined.getMessage());
        SemanticException noModule = assertThrows(SemanticException.class, () -> Expressions.evaluate("Len(<<>>)"));
        assertTrue(noModule.getMessage().contains("Sequences"), noModule.getMessage());
    }
}
