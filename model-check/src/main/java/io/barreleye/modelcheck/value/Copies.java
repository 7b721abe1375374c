package io.barreleye.modelcheck.value;

/**
 * Array copies as {@code new} and {@code System.arraycopy}. Why not {@code clone()} or {@code
 * Arrays.copyOf}: under the client compiler, which trace validation runs alone, {@code clone()}
 * is a call into the VM and {@code Arrays.copyOf} of a typed array creates it by reflection, about
 * 55 and 65 ns for a few elements against 8 for {@code new} and a copy; the evaluator copies a
 * state or a function's values at every step.
 */
public final class Copies {
    private Copies() {}

    /** The first {@code n} elements of {@code a}, padded with nulls when {@code n} is longer. */
    public static Value[] of(Value[] a, int n) {
        Value[] r = new Value[n];
        System.arraycopy(a, 0, r, 0, Math.min(n, a.length));
        return r;
    }

    /** A copy of {@code a}. */
    public static Value[] of(Value[] a) {
        return of(a, a.length);
    }

    /** Elements {@code from} to {@code to - 1} of {@code a}. */
    public static Value[] range(Value[] a, int from, int to) {
        Value[] r = new Value[to - from];
        System.arraycopy(a, from, r, 0, to - from);
        return r;
    }

    /** The first {@code n} names of {@code a}, padded with nulls when {@code n} is longer. */
    public static String[] of(String[] a, int n) {
        String[] r = new String[n];
        System.arraycopy(a, 0, r, 0, Math.min(n, a.length));
        return r;
    }
}
