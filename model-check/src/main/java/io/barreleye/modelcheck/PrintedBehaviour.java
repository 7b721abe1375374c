package io.barreleye.modelcheck;

import java.util.ArrayList;
import java.util.List;

/**
 * A counterexample as TLC prints it ({@code State k: <label>} followed by the state's lines, and
 * for a liveness violation a last {@code Back to state k: <label>} or {@code State k: Stuttering}),
 * read back as the behaviour it stands for, so that two printouts can be compared as behaviours.
 *
 * <p>Why: TLC prints a lasso as a path to the cycle's first state and then the cycle, and which
 * state of the cycle comes first is the root of the strongly connected component in its
 * depth-first search (LiveWorker.checkSccs, printTrace). That search visits a node's successors
 * in the order of a hash set keyed by fingerprints (SetOfStates; the stuttering successor is in
 * it too), and TLC draws the fingerprint polynomial at random for every run unless {@code -fp} is
 * given (TLC's constructor: {@code fpIndex = new Random().nextInt(FP64.Polys.length)}). So the
 * same model can print {@code 0,1,2,3,0,1,(2,3,0,1)} in one TLC run and {@code 0,1,2,3,0,(1,2,3,0)}
 * in the next: one behaviour, folded at a different state. Two printouts agree when they denote
 * the same sequence of states and steps, infinite for a lasso.
 */
public final class PrintedBehaviour {
    /** One printed state: the label of the step into it (TLC's {@code <Action line ...>}) and its lines, one conjunct per variable in name order. */
    public record Step(String label, String state) {}

    private final List<Step> steps;
    /** Index (0-based) of the state the cycle goes back to; -1 for a finite trace. */
    private final int loopTo;
    /** The label of the step that closes the cycle. */
    private final String loopLabel;

    private PrintedBehaviour(List<Step> steps, int loopTo, String loopLabel) {
        this.steps = steps;
        this.loopTo = loopTo;
        this.loopLabel = loopLabel;
    }

    /** The counterexample in {@code output}, or null when it prints none. */
    public static PrintedBehaviour parse(String output) {
        String[] lines = output.split("\r?\n");
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("State 1:")) i++;
        if (i == lines.length) return null;
        List<Step> steps = new ArrayList<>();
        int loopTo = -1;
        String loopLabel = null;
        while (i < lines.length) {
            String header = lines[i];
            if (header.startsWith("Back to state ")) {
                int colon = header.indexOf(':');
                loopTo = Integer.parseInt(header.substring("Back to state ".length(), colon).trim()) - 1;
                loopLabel = header.substring(colon + 1).trim();
                break;
            }
            if (!header.startsWith("State ") || header.indexOf(':') < 0) break;
            String label = header.substring(header.indexOf(':') + 1).trim();
            if (label.equals("Stuttering")) {
                // the last state repeats forever
                loopTo = steps.size() - 1;
                loopLabel = label;
                steps.add(new Step(label, steps.get(loopTo).state()));
                break;
            }
            List<String> conjuncts = new ArrayList<>();
            for (i++; i < lines.length && isStateLine(lines[i]); i++) {
                if (conjuncts.isEmpty() || lines[i].startsWith("/\\ ")) conjuncts.add("");
                conjuncts.set(conjuncts.size() - 1, conjuncts.get(conjuncts.size() - 1) + lines[i] + "\n");
            }
            // the variables in name order: TLC's order of a state's conjuncts is not its declaration
            // order, nor always alphabetical (the oracle's Refinement prints lo before hi), and it is
            // not what makes two behaviours the same
            conjuncts.sort(null);
            steps.add(new Step(label, String.join("", conjuncts)));
        }
        if (loopTo >= steps.size() || loopTo < -1) return null;
        return new PrintedBehaviour(steps, loopTo, loopLabel);
    }

    /** A line of a printed state: {@code x = ...}, {@code /\ x = ...}, or a continuation of a long value. */
    private static boolean isStateLine(String line) {
        return line.startsWith("/\\ ") || line.startsWith(" ") || line.startsWith("\t")
                || line.matches("^[A-Za-z_][A-Za-z0-9_]* = .*");
    }

    /** Whether the printout ends in a cycle (a liveness counterexample). */
    public boolean isLasso() {
        return loopTo >= 0;
    }

    /** The steps printed, in order. */
    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The i-th step of the behaviour (a lasso unrolled: after the last printed state comes the back step). */
    private Step at(int i) {
        if (i < steps.size()) return steps.get(i);
        int period = steps.size() - loopTo;
        int k = loopTo + (i - steps.size()) % period;
        Step s = steps.get(k);
        return k == loopTo ? new Step(loopLabel, s.state()) : s;
    }

    private int period() {
        return steps.size() - loopTo;
    }

    /**
     * Whether both printouts denote the same behaviour: the same finite trace, or the same infinite
     * sequence of steps (labels and states), wherever each folds its cycle. Two ultimately periodic
     * sequences are equal when they agree on their longer printed part plus the least common
     * multiple of their periods.
     */
    public boolean sameBehaviour(PrintedBehaviour other) {
        if (isLasso() != other.isLasso()) return false;
        if (!isLasso()) return steps.equals(other.steps);
        long length = Math.max(steps.size(), other.steps.size()) + lcm(period(), other.period());
        if (length > 1_000_000) return false;
        for (int i = 0; i < length; i++) {
            if (!at(i).equals(other.at(i))) return false;
        }
        return true;
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long r = x % y;
            x = y;
            y = r;
        }
        return a / x * b;
    }
}
