package io.barreleye.kernel;

/** One operation of a randomized scenario: {@code kind} on {@code core} with up to two arguments. */
public record ScenarioOp(int core, String kind, long a, long b) {
    @Override
    public String toString() {
        return kind + "(core " + core + ", " + a + ", " + b + ")";
    }
}
