package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What TLC allows and a one-pass compiler easily gets wrong: a {@code C <- Def} in the .cfg whose
 * definition lives in a module loaded after C's users (the model module that extends the spec, as
 * the Toolbox's MC.tla does), and a constant operator replaced by an operator through
 * {@code INSTANCE ... WITH}.
 */
class OverrideOrderTest {
    @TempDir
    Path dir;

    static final String COUNTER = """
            ---- MODULE Counter ----
            EXTENDS Naturals
            CONSTANT K, Step(_)
            VARIABLE x
            Init == x = 0
            Next == x < K /\\ x' = Step(x)
            Inv == x <= K
            ====
            """;

    /** Checks module {@code name} (which uses Counter) with {@code cfg}, Counter written beside it. */
    private Specs.Run withCounter(String name, String module, String cfg) throws IOException {
        Files.writeString(dir.resolve("Counter.tla"), COUNTER);
        return Specs.check(dir, name, module, cfg, 1);
    }

    @Test
    void aReplacementDefinedInTheExtendingModuleIsFound() throws IOException {
        String mc = """
                ---- MODULE CounterMC ----
                EXTENDS Counter
                MyK == 4
                Inc(n) == n + 1
                ====
                """;
        Specs.Run r = withCounter("CounterMC", mc, "INIT Init\nNEXT Next\nINVARIANT Inv\nCONSTANT K <- MyK\nCONSTANT Step <- Inc\n"
                + "CHECK_DEADLOCK FALSE\n");
        assertEquals(0, r.result().exitCode(), r.output());
        assertEquals(5, r.result().distinct, r.output());
    }

    /** TLC's SpecProcessor refuses it as a configuration error (TLC_CONFIG_WRONG_SUBSTITUTION, exit 151). */
    @Test
    void aReplacementDefinedNowhereIsAConfigurationError() throws IOException {
        Specs.Run r = withCounter("CounterMC2", "---- MODULE CounterMC2 ----\nEXTENDS Counter\nInc(n) == n + 1\n====\n",
                "INIT Init\nNEXT Next\nCONSTANT K <- Nope\nCONSTANT Step <- Inc\n");
        assertEquals(151, r.result().exitCode(), r.output());
        assertTrue(r.output().contains("substitutes Nope for K, but Nope is not defined"), r.output());
    }

    @Test
    void aConstantOperatorIsReplacedByAnOperatorThroughInstance() throws IOException {
        String by2 = """
                ---- MODULE ByTwo ----
                EXTENDS Naturals
                CONSTANT K
                VARIABLE x
                Double(n) == 2 * n + 1
                INSTANCE Counter WITH Step <- Double
                ====
                """;
        Specs.Run r = withCounter("ByTwo", by2, "INIT Init\nNEXT Next\nCONSTANT K = 10\nCHECK_DEADLOCK FALSE\n");
        assertEquals(0, r.result().exitCode(), r.output());
        assertEquals(5, r.result().distinct, r.output()); // x = 0, 1, 3, 7, 15 (Next needs x < K = 10)
    }
}
