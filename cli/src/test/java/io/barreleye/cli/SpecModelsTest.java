package io.barreleye.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.CheckOptions;
import io.barreleye.modelcheck.CheckResult;
import io.barreleye.modelcheck.ModelChecker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every build model-checks the small model of every protocol spec and every wrong variant under
 * specs/bugs/ (which must fail as its EXPECT line says); the *_large models are for verify.
 */
class SpecModelsTest {
    /** One dynamic test per model under specs/, except the *_large ones (verify checks those). */
    private static List<DynamicTest> perSmallModel(org.junit.jupiter.api.function.ThrowingConsumer<SpecCatalog.Model> check) throws IOException {
        List<SpecCatalog.Model> models = SpecCatalog.models(Path.of("..", "specs"));
        assertFalse(models.isEmpty(), "no models under specs/");
        List<DynamicTest> tests = new ArrayList<>();
        for (SpecCatalog.Model m : models) {
            if (m.config().getFileName().toString().contains("_large")) continue;
            tests.add(DynamicTest.dynamicTest(m.config().getFileName().toString(), () -> check.accept(m)));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> smallModelsGiveTheirExpectedVerdicts() throws IOException {
        return perSmallModel(m -> {
            ModelChecker.Captured c = ModelChecker.checkCaptured(CheckOptions.of(m.spec(), m.config(), 1));
            CheckResult r = c.result();
            String out = c.output();
            assertEquals(m.expectedExit(), r.exitCode(), out);
            assertTrue(out.contains(m.expectedText()), "output lacks \"" + m.expectedText() + "\"\n" + out);
            if (m.expectedDistinct() >= 0 && m.expectedExit() == 0) {
                assertEquals(m.expectedDistinct(), r.distinct, "distinct states pinned by the model\n" + out);
            }
            if (m.expectedGenerated() >= 0 && m.expectedExit() == 0) {
                assertEquals(m.expectedGenerated(), r.generated, "states generated pinned by the model\n" + out);
            }
            if (m.config().toString().contains("bugs")) {
                assertTrue(r.trace.size() > 1, "a bug variant's counterexample has several states\n" + out);
            }
        });
    }

    /** With TLA2TOOLS_JAR set, TLC must agree with the embedded checker on every small model. */
    @TestFactory
    List<DynamicTest> tlcAgreesOnEveryModel() throws IOException {
        Assumptions.assumeTrue(TlcComparison.jar() != null, TlcComparison.skipReason());
        return perSmallModel(m -> {
            CheckOptions o = CheckOptions.of(m.spec(), m.config(), 1);
            CheckResult ours = ModelChecker.checkCaptured(o).result();
            TlcComparison.TlcRun tlc = TlcComparison.run(TlcComparison.jar(), o);
            assertEquals(tlc.exit(), ours.exitCode(), tlc.output());
            String cx = TlcComparison.counterexamples(tlc.output(), ours);
            assertTrue(cx == null || !cx.contains("DIFFER"), cx + "\n" + tlc.output());
            if (ours.exitCode() == 0) {
                assertEquals(tlc.distinct(), ours.distinct, tlc.output());
                assertEquals(tlc.generated(), ours.generated, tlc.output());
            }
        });
    }
}
