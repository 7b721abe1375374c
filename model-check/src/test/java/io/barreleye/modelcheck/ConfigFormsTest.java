package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-file forms TLC accepts and the ones it refuses (tlc2.tool.impl.SpecProcessor):
 * module-scoped values and replacements ({@code Max = [Inner] 6}, {@code Step <- [Inner] Def}),
 * definitions named through an instance ({@code S!Max = 6}), and the configuration errors, exit 151.
 */
class ConfigFormsTest {
    @TempDir
    Path dir;

    private static final String INNER = """
            ---- MODULE Inner ----
            EXTENDS Naturals
            Max == 2
            Step(c) == c + 1
            ====
            """;

    private static final String SPEC = """
            ---- MODULE Scoped ----
            EXTENDS Naturals
            VARIABLE c
            S == INSTANCE Inner
            ByTwo(n) == n + 2
            Init == c = 0
            Next == c < S!Max /\\ c' = S!Step(c)
            Spec == Init /\\ [][Next]_c
            ====
            """;

    private Specs.Run check(String cfg) throws IOException {
        Files.writeString(dir.resolve("Inner.tla"), INNER);
        return Specs.check(dir, "Scoped", SPEC, cfg + "CHECK_DEADLOCK FALSE\n", 1);
    }

    @Test
    void withoutOverridesTheInstanceCountsToItsOwnMax() throws IOException {
        // c = 0, 1, 2
        assertEquals(3, check("INIT Init\nNEXT Next\n").result().distinct);
    }

    @Test
    void aModuleScopedValueAndReplacementApplyToThatModulesDefinitions() throws IOException {
        // Max 6, steps of two: c = 0, 2, 4, 6
        Specs.Run r = check("CONSTANTS\n  Max = [Inner] 6\n  Step <- [Inner] ByTwo\nINIT Init\nNEXT Next\n");
        assertEquals(0, r.result().exitCode(), r.output());
        assertEquals(4, r.result().distinct, r.output());
    }

    @Test
    void aDefinitionNamedThroughTheInstanceCanBeReplaced() throws IOException {
        Specs.Run r = check("CONSTANTS\n  S!Max = 6\n  S!Step <- ByTwo\nINIT Init\nNEXT Next\n");
        assertEquals(0, r.result().exitCode(), r.output());
        assertEquals(4, r.result().distinct, r.output());
    }

    @Test
    void aValueForAModuleThatIsNotLoadedIsIgnoredAsTlcIgnoresIt() throws IOException {
        // Max stays 2, steps of two: c = 0, 2
        Specs.Run r = check("CONSTANTS\n  Max = [NoSuchModule] 6\n  Step <- [Inner] ByTwo\nINIT Init\nNEXT Next\n");
        assertEquals(0, r.result().exitCode(), r.output());
        assertEquals(2, r.result().distinct, r.output());
    }

    @Test
    void aReplacementForAModuleThatIsNotLoadedIsAConfigurationError() throws IOException {
        Specs.Run r = check("CONSTANT Step <- [NoSuchModule] ByTwo\nINIT Init\nNEXT Next\n");
        assertEquals(151, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("module NoSuchModule"), r.output());
    }

    @Test
    void replacingANameTheSpecDoesNotHaveIsAConfigurationError() throws IOException {
        Specs.Run r = check("CONSTANT Bogus <- NoSuchOp\nINIT Init\nNEXT Next\n");
        assertEquals(151, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("The identifier Bogus replaced in the configuration file"), r.output());
    }

    @Test
    void replacingADefinitionTheInstanceDoesNotHaveIsAConfigurationError() throws IOException {
        Specs.Run r = check("CONSTANT S!Nope <- ByTwo\nINIT Init\nNEXT Next\n");
        assertEquals(151, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("S!Nope"), r.output());
    }

    @Test
    void specificationTogetherWithInitAndNextIsAConfigurationError() throws IOException {
        Specs.Run r = check("SPECIFICATION Spec\nINIT Init\nNEXT Next\n");
        assertEquals(151, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("both SPECIFICATION and INIT"), r.output());
    }

    @Test
    void aSpecWithVariablesAndNoInitialPredicateIsAConfigurationError() throws IOException {
        Specs.Run r = check("");
        assertEquals(151, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("does not give the initial predicate"), r.output());
    }

    @Test
    void aSpecWithoutVariablesOrBehaviourHasItsAssumptionsCheckedAndStops() {
        String tla = "---- MODULE Consts ----\nEXTENDS Naturals\nCONSTANT N\nASSUME N > 2\n====\n";
        Specs.Run holds = Specs.check(dir, "Consts", tla, "CONSTANT N = 3\n", 1);
        assertEquals(0, holds.result().exitCode(), holds.output());
        assertEquals(0, holds.result().generated, holds.output());
        assertTrue(holds.output().contains("0 distinct states generated"), holds.output());
        Specs.Run fails = Specs.check(dir, "Consts", tla, "CONSTANT N = 1\n", 1);
        assertEquals(10, fails.result().exitCode(), fails.output());
    }

    @Test
    void aNumberTlcCannotHoldInTheModelIsAModelError() {
        String tla = "---- MODULE Consts ----\nEXTENDS Naturals\nCONSTANT N\nASSUME N > 2\n====\n";
        for (String bad : new String[] {"1.5", "2147483648"}) {
            Specs.Run r = Specs.check(dir, "Consts", tla, "CONSTANT N = " + bad + "\n", 1);
            assertEquals(151, r.result().exitCode(), r.output());
            assertTrue(r.output().contains("expected an integer within TLC's 32 bits"), r.output());
        }
    }
}
