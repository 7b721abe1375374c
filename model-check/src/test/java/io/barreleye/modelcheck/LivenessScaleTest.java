package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The liveness benchmark of bench/models at one million states: both temporal properties hold, so
 * the whole graph (and its product with a six-node tableau) is searched. A minute or two; run with
 * {@code mvn -Pslow}. The heap it needs is measured by hand (see the README's "Temporal
 * properties"); here the run must complete with TLC's answer and print its progress.
 */
@Tag("slow")
class LivenessScaleTest {
    private static final Path MODELS = Path.of("..", "bench", "models");

    @Test
    void aMillionStateGraphIsCheckedCompletely() {
        CheckOptions o = CheckOptions.of(MODELS.resolve("TokenRing.tla"), MODELS.resolve("TokenRingLive_1M.cfg"), 2);
        o.progressSeconds = 1;
        Specs.Run run = Specs.run(o);
        assertEquals(0, run.result().exitCode(), run.output());
        assertEquals(1_000_000, run.result().distinct, run.output());
        assertEquals(1_500_001, run.result().generated, run.output());
        assertTrue(run.output().contains("Finished checking temporal properties in "), run.output());
        System.out.println(run.output());
    }
}
