package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.eval.ScopeChecker;
import io.barreleye.modelcheck.eval.SemanticException;
import io.barreleye.modelcheck.syntax.Parser;
import io.barreleye.modelcheck.syntax.SyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SANY's static checks, which TLC applies before it evaluates anything: each refused module is one
 * located error with exit 150, each accepted one checks as before.
 */
class SanyChecksTest {
    @TempDir
    Path dir;

    static final String CFG = "INIT Init\nNEXT Next\n";

    /** A module with one variable whose Init and Next are given, plus {@code defs}. */
    static String module(String name, String defs) {
        return "---- MODULE " + name + " ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x' = x\n"
                + defs + "\n====\n";
    }

    Specs.Run check(String name, String defs) {
        return Specs.check(dir, name, module(name, defs), CFG, 1);
    }

    static void parses(String expr) {
        Parser.parseModule("P.tla", "---- MODULE P ----\nE == " + expr + "\n====\n");
    }

    static SyntaxException refused(String expr) {
        return assertThrows(SyntaxException.class,
                () -> Parser.parseModule("P.tla", "---- MODULE P ----\nE == " + expr + "\n====\n"), expr);
    }

    @Test
    void overlappingPrecedenceRangesNeedParentheses() {
        for (String e : List.of("17 % 5 + 1", "1 + 17 % 5", "DOMAIN s + 1", "SUBSET A \\X B", "a \\cup b \\cap c",
                "a /\\ b \\/ c", "a \\div b * c", "2 * 3 \\div 4")) {
            SyntaxException x = refused(e);
            assertTrue(x.getMessage().contains("precedence conflict"), x.getMessage());
            assertEquals(2, x.line(), x.located());
        }
        SyntaxException x = refused("17 % 5 + 1");
        assertEquals("P.tla:2:13: precedence conflict between % (line 2, col 9) and +: their precedence ranges"
                + " (10-11 and 10) overlap; add parentheses", x.located());
        for (String e : List.of("(17 % 5) + 1", "a + b * c", "a - b + c", "x \\in S \\cup T", "1..2 \\X {0}",
                "-x^2 + 1", "a => b \\/ c", "A \\X B \\X C", "f[x]' = y", "~a = b")) {
            parses(e);
        }
    }

    @Test
    void onlyLeftAssociativeOperatorsChain() {
        for (String e : List.of("1 < 2 < 3", "a => b => c", "2^3^2", "1..2..3", "A \\ B \\ C", "a \\div b \\div c",
                "a = b = c", "a :> b :> c")) {
            assertTrue(refused(e).getMessage().contains("not associative"), e);
        }
        for (String e : List.of("a /\\ b /\\ c", "a \\/ b \\/ c", "a @@ b @@ c", "a \\cup b \\cup c", "a + b + c",
                "a - b - c", "a * b * c", "a \\o b \\o c")) {
            parses(e);
        }
    }

    @Test
    void prefixMinusCannotBeTheOperandOfATighterOperator() {
        for (String e : List.of("3 * -2", "2 ^ -1", "7 \\div -2", "-2 * -3")) refused(e);
        for (String e : List.of("5 + -3", "5 - -3", "- -3", "-2 * 3", "TRUE = ~FALSE", "7 \\div (-2)")) parses(e);
    }

    @Test
    void deepNestingIsALocatedErrorNotAStackOverflow() {
        String deep = "(".repeat(20_000) + "1" + ")".repeat(20_000);
        SyntaxException x = refused(deep);
        assertEquals(2, x.line());
        assertTrue(x.getMessage().contains("nested more than"), x.getMessage());
        String longSum = "1" + " + 1".repeat(5_000);
        assertTrue(refused(longSum).getMessage().contains("nested operators"));
        // well inside the limit: parsed, compiled and evaluated
        Specs.Run ok = check("Nest", "Deep == " + "(".repeat(300) + "x" + ")".repeat(300) + " = 0\nInv == Deep");
        assertEquals(0, ok.result().exitCode(), ok.output());
    }

    @Test
    void aBoundNameMayNotShadowOneInScope() {
        String[] shadowing = {
            "A == \\A y \\in {1} : y = 1 /\\ \\A y \\in {2} : y = 2",
            "A == \\E y \\in {1}, y \\in {2} : TRUE",
            "A == {y \\in {1} : \\E y \\in {2} : TRUE}",
            "A == {y : y \\in 1..2, y \\in 3..4}",
            "A == LET y == 3 IN {y : y \\in 1..2}",
            "A == CHOOSE y \\in {1} : CHOOSE y \\in {2} : TRUE",
            "A == [y \\in 1..2 |-> [y \\in 3..4 |-> y]]",
            "A == \\E x \\in {1} : TRUE",
            "A == \\E Nat \\in {1} : TRUE",
            "F(y, y) == y",
            "F(x) == x",
            "Ap(G(_), v) == G(v)\nA == Ap(LAMBDA z : Ap(LAMBDA z : z, 3), 4)",
            "f[y \\in 1..2] == \\E y \\in {1} : TRUE",
        };
        for (String defs : shadowing) {
            Specs.Run r = check("Shadow", defs);
            assertEquals(150, r.result().exitCode(), defs + "\n" + r.output());
            assertTrue(r.output().contains("Multiply-defined symbol"), r.output());
        }
        Specs.Run legal = check("Scoped", "A == {y \\in {y \\in 1..3 : y > 1} : y < 3}\n"
                + "B == (\\A y \\in {1} : y = 1) /\\ (\\A y \\in {2} : y = 2)\nInv == A = {2} /\\ B");
        assertEquals(0, legal.result().exitCode(), legal.output());
    }

    @Test
    void theSecondOfTwoUnparenthesisedQuantifiedConjunctsIsNestedInTheFirst() {
        Specs.Run r = check("Fair", "Spec == Init /\\ [][Next]_x /\\ \\A c \\in {1} : WF_x(Next)\n"
                + "                           /\\ \\A c \\in {1} : WF_x(Next)");
        assertEquals(150, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("Fair.tla:7:34: Multiply-defined symbol 'c'"), r.output());
    }

    @Test
    void namesAreDefinedOnceAndBeforeUse() {
        Specs.Run twice = check("Twice", "A == 1\nA == 2");
        assertEquals(150, twice.result().exitCode());
        assertTrue(twice.output().contains("Twice.tla:7:1: Multiple declarations or definitions for symbol A"), twice.output());
        Specs.Run stdName = check("StdName", "Nat == 1");
        assertTrue(stdName.output().contains("already defined by the standard module Naturals"), stdName.output());
        Specs.Run letTwice = check("LetTwice", "A == LET y == 1 IN LET y == 2 IN y");
        assertTrue(letTwice.output().contains("Operator y already defined or declared"), letTwice.output());
        Specs.Run forward = check("Forward", "A == B\nB == 1");
        assertTrue(forward.output().contains("Forward.tla:6:6: Unknown operator: `B'"), forward.output());
        Specs.Run notRecursive = check("NotRec", "F(n) == IF n = 0 THEN 0 ELSE F(n - 1)");
        assertTrue(notRecursive.output().contains("Unknown operator: `F'"), notRecursive.output());
        Specs.Run recursive = check("Rec", "RECURSIVE F(_)\nF(n) == IF n = 0 THEN 0 ELSE F(n - 1)\n"
                + "G == LET RECURSIVE H(_) H(n) == IF n = 0 THEN 0 ELSE H(n - 1) IN H(3)\n"
                + "f[n \\in 0..3] == IF n = 0 THEN 0 ELSE f[n - 1]\nInv == F(2) + G + f[3] = 0");
        assertEquals(0, recursive.result().exitCode(), recursive.output());
        Specs.Run arity = check("Arity", "F(y) == y + 1\nA == F");
        assertTrue(arity.output().contains("The operator F requires 1 argument(s)"), arity.output());
    }

    @Test
    void errorsInAnExtendedModuleNameThatModulesFile() throws IOException {
        Files.writeString(dir.resolve("Lib.tla"), "---- MODULE Lib ----\nEXTENDS Naturals\nDouble(n) == n + n\n"
                + "Bad == \\E n \\in {1} : \\E n \\in {2} : TRUE\n====\n");
        Specs.Run r = Specs.check(dir, "UsesLib", "---- MODULE UsesLib ----\nEXTENDS Lib\nVARIABLE x\n"
                + "Init == x = Double(0)\nNext == x' = x\n====\n", CFG, 1);
        assertEquals(150, r.result().exitCode());
        assertTrue(r.output().contains("Lib.tla:4:26: Multiply-defined symbol 'n'"), r.output());
        Files.writeString(dir.resolve("Lib.tla"), "---- MODULE Lib ----\nEXTENDS Naturals\nDouble(n) == n + m\n====\n");
        r = Specs.check(dir, "UsesLib", "---- MODULE UsesLib ----\nEXTENDS Lib\nVARIABLE x\n"
                + "Init == x = Double(0)\nNext == x' = x\n====\n", CFG, 1);
        assertTrue(r.output().contains("Lib.tla:3:18: Unknown operator: `m'"), r.output());
    }

    @Test
    void whatSanyAcceptsAroundAndInsideAModule() {
        String tla = "Notes; 'quotes' (* unclosed\n---- MODULE Prose ----\nEXTENDS Naturals\nCONSTANT N\n"
                + "ASSUME Positive == N > 0\nTHEOREM Small == N < 10\n<1>1. QED OBVIOUS\nVARIABLE x\n"
                + "Init == Start:: x = 0\nNext == \\E n \\in {1} : Guard(n):: Step:: x' = (x + n) % N\n"
                + "Inv == Positive /\\ Small\n====\nafter; (* also ignored\n";
        Specs.Run r = Specs.check(dir, "Prose", tla, "CONSTANT N = 3\nINIT Init\nNEXT Next\nINVARIANT Inv\n", 1);
        assertEquals(0, r.result().exitCode(), r.output());
        assertEquals(3, r.result().distinct);
        Specs.Run badTheorem = check("BadThm", "THEOREM x = = 1");
        assertEquals(150, badTheorem.result().exitCode(), badTheorem.output());
        assertTrue(badTheorem.output().contains("BadThm.tla:6:13"), badTheorem.output());
    }

    @Test
    void aModuleLivesInAFileOfItsNameAndInUtf8() throws IOException {
        Files.writeString(dir.resolve("Wrong.tla"), module("Other", ""));
        Files.writeString(dir.resolve("Wrong.cfg"), CFG);
        CheckResult named = Specs.check(dir.resolve("Wrong.tla"), dir.resolve("Wrong.cfg"), 1).result();
        assertEquals(150, named.exitCode());
        assertTrue(named.message.contains("Wrong.tla:1:13: the file Wrong.tla holds module Other"), named.message);
        byte[] bytes = module("Latin", "A == \"caf\u00e9\"").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("Latin.tla"), bytes);
        Files.writeString(dir.resolve("Latin.cfg"), CFG);
        CheckResult latin = Specs.check(dir.resolve("Latin.tla"), dir.resolve("Latin.cfg"), 1).result();
        assertEquals(150, latin.exitCode());
        assertTrue(latin.message.contains("Latin.tla:6:10: lexical error: byte 0xE9 is not valid UTF-8"), latin.message);
    }

    @Test
    void levelsAreChecked() {
        String[] wrong = {
            "Next2 == x'' = x\nInv == ENABLED Next2",
            "Next2 == <<x, x'>>' = <<1, 1>>\nInv == ENABLED Next2",
            "Spec == Init /\\ [][Next /\\ []TRUE]_x",
            "Spec == Init /\\ [][Next]_x /\\ WF_x([]Init)",
            "Inv == ENABLED []Init",
            "Act == UNCHANGED x'\nInv == ENABLED Act",
        };
        for (String defs : wrong) {
            Specs.Run r = Specs.check(dir, "Lvl", module("Lvl", defs),
                    defs.startsWith("Spec") ? "SPECIFICATION Spec\n" : CFG + "INVARIANT Inv\n", 1);
            assertEquals(150, r.result().exitCode(), defs + "\n" + r.output());
            assertTrue(r.output().contains("Level error"), r.output());
        }
    }

    @Test
    void anInvariantMustBeAStatePredicateAsInTlc() {
        // TLC's SpecProcessor refuses it with TLC_INVARIANT_VIOLATED_LEVEL, exit 76
        Specs.Run r = Specs.check(dir, "PrimedInv", module("PrimedInv", "Inv == x' = x"), CFG + "INVARIANT Inv\n", 1);
        assertEquals(76, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("The invariant Inv is not a state predicate"), r.output());
    }

    @Test
    void anActionIsNoProperty() {
        // TLC's SpecProcessor: TLC_CONFIG_PROPERTY_NOT_CORRECTLY_DEFINED, exit 151
        Specs.Run r = Specs.check(dir, "ActProp", module("ActProp", "Spec == Init /\\ [][Next]_x\nStep == x' >= x"),
                "SPECIFICATION Spec\nPROPERTY Step\n", 1);
        assertEquals(151, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("The property Step is not correctly defined"), r.output());
    }

    @Test
    void aLambdaArgumentHasTheArityOfTheParameter() {
        Specs.Run r = check("Lam", "Ap(G(_)) == G(1)\nA == Ap(LAMBDA z, w : z)");
        assertEquals(150, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("a LAMBDA with 2 parameter(s) is given as argument 1 of Ap"), r.output());
    }

    @Test
    void standardModulesExportOnlyWhatTheyExtend() {
        // Sequences, FiniteSets and TLC use Naturals through LOCAL INSTANCE; Integers extends it
        Specs.Run seq = Specs.check(dir, "SeqOnly", "---- MODULE SeqOnly ----\nEXTENDS Sequences\nVARIABLE x\n"
                + "Init == x = <<>>\nNext == x' = x \\o <<1..2>>\n====\n", CFG, 1);
        assertEquals(150, seq.result().exitCode(), seq.output());
        assertTrue(seq.output().contains("Unknown operator: `..'. It is defined in the standard module Naturals"), seq.output());
        Specs.Run ints = Specs.check(dir, "IntOnly", "---- MODULE IntOnly ----\nEXTENDS Integers\nVARIABLE x\n"
                + "Init == x = -1\nNext == x' = x\nInv == x \\in 0..1 \\/ x < 0\n====\n", CFG + "INVARIANT Inv\n", 1);
        assertEquals(0, ints.result().exitCode(), ints.output());
    }

    @Test
    void numbersFieldsAndLimitsAsSanyAndTlcHaveThem() {
        Specs.Run bases = Specs.check(dir, "Bases", module("Bases", "Inv == \\b101 + \\o17 + \\h1F = 51 /\\ \\HfF = 255"),
                CFG + "INVARIANT Inv\n", 1);
        assertEquals(0, bases.result().exitCode(), bases.output());
        Specs.Run fields = check("Fields", "R == [a |-> 1, a |-> 2]");
        assertTrue(fields.output().contains("Non-unique fields in constructor"), fields.output());
        // TLC refuses a literal outside its 32-bit integers when it evaluates it (exit 255)
        Specs.Run big = Specs.check(dir, "Big", module("Big", "Inv == x < 2147483648"), CFG + "INVARIANT Inv\n", 1);
        assertEquals(255, big.result().exitCode(), big.output());
        assertTrue(big.output().contains("TLC can't handle a number this big: 2147483648"), big.output());
    }

    /** The project's own specifications and bug variants are modules SANY accepts. */
    @Test
    void everyProjectSpecPassesTheStaticChecks() throws IOException {
        Path specs = Path.of("..", "specs");
        List<Path> files = new ArrayList<>();
        for (Path d : List.of(specs, specs.resolve("bugs"))) {
            try (Stream<Path> s = Files.list(d)) {
                s.filter(p -> p.toString().endsWith(".tla")).sorted().forEach(files::add);
            }
        }
        assertFalse(files.size() < 16, "expected the specs and bug variants under " + specs + ", found " + files);
        for (Path f : files) {
            try {
                ScopeChecker.checkFile(f);
            } catch (SyntaxException e) {
                throw new AssertionError(e.located(), e);
            } catch (SemanticException e) {
                throw new AssertionError(e.located(), e);
            }
        }
    }
}
