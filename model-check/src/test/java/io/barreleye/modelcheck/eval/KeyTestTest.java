package io.barreleye.modelcheck.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.syntax.Ast;
import io.barreleye.modelcheck.syntax.Parser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A quantifier whose body starts with {@code f[x] = v} takes the key-test loop ({@link Nodes.KeyTest}):
 * it must answer exactly what the general loop answers, errors included. Each case is evaluated as
 * written and with a first conjunct {@code x = x} put before the body, which the key test does not
 * take and which changes nothing else.
 */
class KeyTestTest {
    private static Node body(String expr) {
        String src = "---- MODULE Expr ----\nEXTENDS Integers\nE == " + expr + "\n====\n";
        Ast.Module m = Parser.parseModule("Expr.tla", src);
        ModuleLoader loader = new ModuleLoader(List.of());
        loader.register(m, src);
        Compiler c = new Compiler(loader);
        c.compileRoot(m, Map.of(), Map.of());
        return c.definition("E").body;
    }

    private static String ev(String expr) {
        return Expressions.evaluate(expr, "Integers").toString();
    }

    /** The inner quantifier of {@code \A t \in T : Q}. */
    private static Nodes.Quant inner(String expr) {
        Node outer = body(expr);
        assertTrue(outer instanceof Nodes.Quant, expr);
        Node q = ((Nodes.Quant) outer).body;
        assertTrue(q instanceof Nodes.Quant, expr);
        return (Nodes.Quant) q;
    }

    /** {@code keyed} with {@code x = x /\ } before the inner quantifier's body: the general loop. */
    private static String plain(String keyed) {
        int at = keyed.lastIndexOf(" : ") + 3;
        return keyed.substring(0, at) + "x = x /\\ " + keyed.substring(at);
    }

    /** {@code keyed} takes the key test, its {@link #plain} form does not, and both give {@code expected}. */
    private static void same(String expected, String keyed) {
        String plain = plain(keyed);
        assertNotNull(inner(keyed).keyTest, keyed);
        assertNull(inner(plain).keyTest, plain);
        assertEquals(expected, ev(keyed), keyed);
        assertEquals(expected, ev(plain), plain);
    }

    @Test
    void answersAsTheGeneralLoop() {
        same("TRUE", "\\A t \\in {<<0, 2, 0, 2>>} : \\E x \\in 1..4 : t[x] = 2 /\\ x > 3");
        same("FALSE", "\\A t \\in {<<0, 2, 0, 2>>} : \\E x \\in 1..4 : t[x] = 2 /\\ x > 4");
        same("FALSE", "\\A t \\in {<<0, 2, 0, 2>>} : \\A x \\in 1..4 : t[x] = 2 /\\ x > 0");
        same("TRUE", "\\A t \\in {<<2, 2>>} : \\A x \\in 1..2 : t[x] = 2");
        // an enumerated range, a record, a value bound outside
        same("TRUE", "\\A t \\in {[a |-> 1, b |-> 2]} : \\E x \\in {\"a\", \"b\"} : t[x] = 2 /\\ x = \"b\"");
        same("TRUE", "\\A t \\in {<<1, 2, 3>>}, v \\in {3} : \\E x \\in 1..3 : t[x] = v");
        // empty ranges: the function is never applied, so a non-function is no error
        same("FALSE", "\\A t \\in {5} : \\E x \\in {} : t[x] = 2");
        same("TRUE", "\\A t \\in {5} : \\A x \\in 2..1 : t[x] = 2");
        // the rest of the body is evaluated only where the test holds
        same("FALSE", "\\A t \\in {<<0, 1>>} : \\E x \\in 1..2 : t[x] = 5 /\\ 1 \\div 0 = 0");
    }

    @Test
    void failsAsTheGeneralLoop() {
        String[][] cases = { // the expression, and words of TLC's message
            {"\\A t \\in {<<1, 2>>} : \\E x \\in 1..3 : t[x] = 3", "Attempted to access index 3"},
            {"\\A t \\in {5} : \\E x \\in 1..2 : t[x] = 2", "only a function can be applied"},
            {"\\A t \\in {<<0, 1>>} : \\E x \\in 1..2 : t[x] = 1 /\\ 1 \\div (x - 2) = 0", "0"},
            {"\\A t \\in {<<\"a\">>} : \\E x \\in 1..1 : t[x] = 2", "Attempted to check equality of string"},
        };
        for (String[] c : cases) {
            assertNotNull(inner(c[0]).keyTest, c[0]);
            EvalException keyed = assertThrows(EvalException.class, () -> ev(c[0]), c[0]);
            EvalException plain = assertThrows(EvalException.class, () -> ev(plain(c[0])), c[0]);
            assertTrue(keyed.getMessage().contains(c[1]), keyed.getMessage());
            // the same error, located at the same words (the plain form has them further right)
            assertEquals(strip(plain.getMessage()), strip(keyed.getMessage()), c[0]);
        }
    }

    /** A message without its locations (line, column), which differ between the two forms. */
    private static String strip(String m) {
        return m.replaceAll("line \\d+, col \\d+ to line \\d+, col \\d+", "").replaceAll("\\d+:\\d+", "");
    }

    @Test
    void onlyForATestOnTheBoundName() {
        // the key must be the bound name itself, f and v must not depend on it, one name only
        assertNull(inner("\\A t \\in {<<1, 2>>} : \\E x \\in 1..2 : t[x + 0] = 2").keyTest);
        assertNull(inner("\\A t \\in {<<1, 2>>} : \\E x \\in 1..2 : t[x] = x").keyTest);
        assertNull(inner("\\A t \\in {<<1, 2>>} : \\E x \\in 1..2, y \\in 1..2 : t[x] = 2").keyTest);
        assertNull(inner("\\A t \\in {<<1, 2>>} : \\E x \\in 1..2 : x > 0 /\\ t[x] = 2").keyTest);
        assertNull(inner("\\A t \\in {<<<<1, 2>>>>} : \\E x \\in 1..2 : t[1][x] = 2").keyTest);
    }
}
