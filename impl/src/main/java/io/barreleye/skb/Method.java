package io.barreleye.skb;

/** How an SKB query was answered: every answer says which of these it used. */
public enum Method {
    /** The constraint solver finished its search: no better answer exists. */
    SOLVER_OPTIMAL("solver (optimal)"),
    /** The solver hit its limit; this is the best answer it found, better than the greedy one. */
    SOLVER_LIMIT("solver (best before the limit)"),
    /** The solver hit its limit without beating the greedy fallback, which is the answer. */
    GREEDY_FALLBACK("greedy fallback (solver limit reached)");

    private final String label;

    Method(String label) {
        this.label = label;
    }

    /** A short human description, as printed by {@code barreleye skb}. */
    public String label() {
        return label;
    }
}
