package io.barreleye.modelcheck;

import io.barreleye.modelcheck.eval.Label;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.List;

/** What a model-checking run found: verdict, TLC exit status, counts, and a counterexample. */
public final class CheckResult {
    /** The verdicts, with TLC's exit statuses. */
    public enum Verdict {
        SUCCESS(0), ASSUMPTION_FALSE(10), DEADLOCK(11), SAFETY_VIOLATION(12), PROPERTY_VIOLATION(13), ASSERTION_FAILED(14),
        EVALUATION_ERROR(75), PARSE_ERROR(150), CONFIG_ERROR(151), UNSUPPORTED(255), OUT_OF_MEMORY(255),
        OVERFLOW(255), FILE_ERROR(255);

        public final int exitCode;

        Verdict(int code) {
            this.exitCode = code;
        }
    }

    /** One state of a counterexample and the action that led to it. */
    public record Step(Label label, Value[] state) {}

    public Verdict verdict = Verdict.SUCCESS;
    public String message;
    /** The violated invariant or property, when there is one. */
    public String property;
    public final List<Step> trace = new ArrayList<>();
    /** For a temporal counterexample: the state (0-based) the cycle returns to, -1 for stuttering, -2 none. */
    public int loopBack = -2;
    public Label loopLabel;
    /** Where an evaluation or parse error happened, innermost first. */
    public final List<String> locations = new ArrayList<>();
    public String[] varNames = new String[0];
    public long generated;
    public long distinct;
    public long queueLeft;
    public int depth;
    public long millis;
    public int workers = 1;
    public long peakHeapBytes;
    /** True once the search started, so counts are meaningful. */
    public boolean searched;
    public String spec;
    public String model;

    public int exitCode() {
        return verdict.exitCode;
    }
}
