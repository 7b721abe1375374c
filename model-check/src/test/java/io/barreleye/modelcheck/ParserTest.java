package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.syntax.Ast;
import io.barreleye.modelcheck.syntax.Parser;
import io.barreleye.modelcheck.syntax.SyntaxException;
import org.junit.jupiter.api.Test;

class ParserTest {
    static Ast.Expr body(String defs, String name) {
        Ast.Module m = Parser.parseModule("T.tla", "---- MODULE T ----\n" + defs + "\n====\n");
        for (Ast.Unit u : m.units()) {
            if (u instanceof Ast.Def d && d.name().equals(name)) return d.body();
        }
        throw new AssertionError("no " + name);
    }

    static String shape(Ast.Expr e) {
        if (e instanceof Ast.Binary b) return "(" + shape(b.left()) + " " + b.op() + " " + shape(b.right()) + ")";
        if (e instanceof Ast.Name n) return n.args().isEmpty() ? n.name() : n.name() + n.args().stream().map(ParserTest::shape).toList();
        if (e instanceof Ast.Num n) return Long.toString(n.value());
        if (e instanceof Ast.Unary u) return "(" + u.op() + " " + shape(u.expr()) + ")";
        if (e instanceof Ast.Junction j) {
            return (j.conjunction() ? "AND" : "OR") + j.items().stream().map(ParserTest::shape).toList();
        }
        if (e instanceof Ast.Times t) return "X" + t.sets().stream().map(ParserTest::shape).toList();
        if (e instanceof Ast.Prime p) return shape(p.expr()) + "'";
        return e.getClass().getSimpleName();
    }

    @Test
    void precedenceFollowsTheTlaPlusTable() {
        assertEquals("(a + (b * c))", shape(body("E == a + b * c", "E")));
        assertEquals("((a - b) - c)", shape(body("E == a - b - c", "E")));
        assertEquals("AND[(~ a), b]", shape(body("E == ~a /\\ b", "E")));
        assertEquals("(x \\in (S \\cup T))", shape(body("E == x \\in S \\cup T", "E")));
        // \X binds tighter than .., so 1..4 \X {0} is 1..(4 \X {0}) (TLC fails evaluating it)
        assertEquals("(1 .. X[4, SetEnum])", shape(body("E == 1..4 \\X {0}", "E")));
        assertEquals("(X \\cap (1 .. 4))", shape(body("E == X \\cap 1..4", "E")));
        assertEquals("((-. (x ^ 2)) + 1)", shape(body("E == -x^2 + 1", "E")));
        assertEquals("(a => OR[b, c])", shape(body("E == a => b \\/ c", "E")));
        assertEquals("(x' = (x + 1))", shape(body("E == x' = x + 1", "E")));
        assertEquals("((DOMAIN f) = D)", shape(body("E == DOMAIN f = D", "E")));
    }

    @Test
    void bulletedListsAreDelimitedByColumn() {
        String src = "E == /\\ a\n     /\\ \\/ b\n        \\/ c\n     /\\ d\nF == 1";
        assertEquals("AND[a, OR[b, c], d]", shape(body(src, "E")));
        String nested = "E == \\/ /\\ a\n        /\\ b\n     \\/ c";
        assertEquals("OR[AND[a, b], c]", shape(body(nested, "E")));
    }

    @Test
    void commentsNestAndUnicodeMapsToAscii() {
        String src = "(* outer (* inner *) still comment *)\nE == a \\* trailing\n   + b";
        assertEquals("(a + b)", shape(body(src, "E")));
        assertEquals("AND[(x \\in S), (y <= 3)]", shape(body("E ≜ x ∈ S ∧ y ≤ 3", "E")));
    }

    @Test
    void theoremsAndPlusCalAreSkipped() {
        String src = "(* --algorithm a\nvariables x = 0;\nbegin x := 1;\nend algorithm; *)\nE == 1\nTHEOREM E = 1\nF == 2";
        assertEquals("1", shape(body(src, "E")));
        assertEquals("2", shape(body(src, "F")));
    }

    @Test
    void syntaxErrorsCarryFileLineAndColumn() {
        SyntaxException e = assertThrows(SyntaxException.class,
                () -> Parser.parseModule("Bad.tla", "---- MODULE Bad ----\nInit == x = = 0\n====\n"));
        assertEquals("Bad.tla:2:13: expected an expression but found \"=\"", e.located());
        SyntaxException unterminated = assertThrows(SyntaxException.class,
                () -> Parser.parseModule("C.tla", "---- MODULE C ----\n(* never closed\n====\n"));
        assertTrue(unterminated.located().startsWith("C.tla:2:1:"), unterminated.located());
        SyntaxException noEnd = assertThrows(SyntaxException.class,
                () -> Parser.parseModule("D.tla", "---- MODULE D ----\nE == 1\n"));
        assertTrue(noEnd.getMessage().contains("===="), noEnd.getMessage());
    }
}
