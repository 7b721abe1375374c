package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.value.Value;

/**
 * What an expression is evaluated against: the current state, the next state being built by an
 * action (entries null until assigned), and whether unprimed variables are being assigned (Init).
 */
public final class Ctx {
    public final Value[] cur;
    public final Value[] next;
    public final boolean initMode;
    public final World rt;
    /** The depth of the current state, for TLCGet("level"). */
    public int level;
    /** The action whose disjunct produced the successor being built. */
    public Label label;
    /** The arguments of the action being entered, as its label prints them ("(1,2)"), or null. */
    String labelArgs;
    /**
     * The behaviour from an initial state to the current one, as TLCExt's {@code Trace} gives it
     * (a sequence of records, one field per variable), when the search can rebuild it; else null.
     */
    public java.util.function.Supplier<Value> behaviour;
    /** Counts reads of primed values; a thunk whose evaluation read none may be memoised. */
    public long primeReads;
    /**
     * Evaluating an ASSUME, which SANY requires to be a constant formula: a state variable read
     * here is SANY's level error, not an evaluation error.
     */
    boolean assumption;
    /** When set, only steps of the action with this name are enumerated. */
    public String onlyAction;

    /**
     * Inside ENABLED: values chosen for the primes of instance variables that stand for
     * expressions ({@code x' = e} where {@code x <- 2 * hi + lo}), as TLC binds such an {@code x'};
     * null elsewhere.
     */
    java.util.IdentityHashMap<Node, Value> virtualNext;
    /** In a primed context derived from one with {@link #virtualNext}: those values, read as current. */
    java.util.IdentityHashMap<Node, Value> virtualCur;

    public Ctx(World rt, Value[] cur, Value[] next, boolean initMode) {
        this.rt = rt;
        this.cur = cur;
        this.next = next;
        this.initMode = initMode;
    }

    /**
     * True when every variable the predicate being enumerated may assign already has its value:
     * the primed variables of an action, the variables of the initial predicate. TLC then
     * evaluates each remaining conjunct as a boolean instead of enumerating its disjuncts and
     * existential witnesses one by one (Tool.getNextStatesAllAssigned and the allAssigned branch
     * of Tool.getInitStates), which decides how many successors it counts as generated.
     */
    boolean allAssigned() {
        Value[] slots = initMode ? cur : next;
        if (slots == null) return false;
        for (Value v : slots) {
            if (v == null) return false;
        }
        return true;
    }

    /** The context in which a primed expression is evaluated: the next state becomes current. */
    Ctx primed(Node at) {
        if (next == null) throw new EvalException(at.span, "a primed expression cannot be evaluated here (no next state)");
        for (int i = 0; i < next.length && virtualNext == null; i++) {
            if (next[i] == null) {
                throw new EvalException(at.span, "the value of " + rt.varNames[i]
                        + "' is not yet determined when this primed expression is evaluated; assign "
                        + rt.varNames[i] + "' earlier in the action");
            }
        }
        Ctx c = new Ctx(rt, next, null, false);
        c.level = level + 1;
        c.virtualCur = virtualNext;
        return c;
    }
}
