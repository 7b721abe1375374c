package io.barreleye.modelcheck.syntax;

import java.util.HashMap;
import java.util.Map;

/**
 * TLA+'s operator precedence table as SANY applies it (Specifying Systems, section 15.2.1; the
 * ranges and associativity of SANY's {@code ConfigConstants}). Two operators whose ranges overlap
 * cannot be combined without parentheses, and only left-associative operators chain.
 */
public final class Operators {
    /**
     * An operator's precedence range {@code lo..hi} as in the book; {@code leftAssoc} when
     * {@code a op b op c} means {@code (a op b) op c}. {@code id} is the spelling shared by all
     * synonyms, so that {@code #} and {@code /=} count as one operator.
     */
    public record Prec(String id, int lo, int hi, boolean leftAssoc) {
        /** This operator, on the left, binds tighter than {@code right}: reduce. */
        public boolean above(Prec right) {
            return lo > right.hi;
        }

        /** This operator, on the left, binds looser than {@code right}: shift. */
        public boolean below(Prec right) {
            return hi < right.lo;
        }

        public boolean sameOperator(Prec other) {
            return id.equals(other.id);
        }

        public String range() {
            return lo == hi ? Integer.toString(lo) : lo + "-" + hi;
        }
    }

    private static final Map<String, Prec> INFIX = new HashMap<>();
    private static final Map<String, Prec> PREFIX = new HashMap<>();
    /** Synonyms the lexer does not already map to one spelling. */
    private static final Map<String, String> CANONICAL = Map.of("/=", "#", "=<", "<=");

    private static void infix(int lo, int hi, String... ops) {
        for (String op : ops) INFIX.put(op, new Prec(canonical(op), lo, hi, false));
    }

    private static void left(int lo, int hi, String... ops) {
        for (String op : ops) INFIX.put(op, new Prec(canonical(op), lo, hi, true));
    }

    private static void prefix(int lo, int hi, String... ops) {
        for (String op : ops) PREFIX.put(op, new Prec(op.equals("-") ? "-." : op, lo, hi, false));
    }

    static {
        infix(1, 1, "=>");
        infix(2, 2, "<=>", "~>", "-+->");
        left(3, 3, "/\\", "\\/");
        infix(5, 5, "=", "#", "/=", "<", ">", "<=", ">=", "=<", "\\in", "\\notin", "\\subseteq", "\\subset",
                "\\supseteq", "\\supset", "\\prec", "\\preceq", "\\succ", "\\succeq", "\\sqsubseteq",
                "\\sqsupseteq", "\\sqsubset", "\\sqsupset", "\\ll", "\\gg", "\\approx", "\\asymp", "\\cong",
                "\\doteq", "\\propto", "\\sim", "\\simeq", "|-", "-|", "|=", "=|", ":=", "::=");
        left(5, 14, "\\cdot");
        left(6, 6, "@@");
        infix(7, 7, ":>", "<:");
        infix(8, 8, "\\");
        left(8, 8, "\\cap", "\\cup");
        infix(9, 9, "..", "...");
        infix(9, 13, "!!");
        left(9, 13, "##", "$", "$$", "??", "\\sqcap", "\\sqcup", "\\uplus");
        infix(9, 14, "\\wr");
        left(10, 10, "+", "(+)", "++");
        infix(10, 11, "%");
        left(10, 11, "%%", "|", "||");
        left(10, 13, "\\X");
        left(11, 11, "-", "(-)", "--");
        infix(13, 13, "/", "//", "\\div", "(/)");
        left(13, 13, "*", "\\o", "(.)", "(\\X)", "&", "&&", "**", "\\star", "\\bullet", "\\bigcirc");
        infix(14, 14, "^", "^^");
        prefix(4, 4, "~");
        prefix(4, 15, "[]", "<>", "ENABLED", "UNCHANGED");
        prefix(10, 13, "SUBSET", "UNION", "DOMAIN");
        prefix(12, 12, "-");
    }

    private Operators() {}

    /** The infix operator spelled {@code op}, or null. */
    public static Prec infix(String op) {
        return INFIX.get(op);
    }

    /** The prefix operator spelled {@code op} ({@code -} is prefix minus, {@code -.}), or null. */
    public static Prec prefix(String op) {
        return PREFIX.get(op);
    }

    public static boolean isInfix(String op) {
        return INFIX.containsKey(op);
    }

    private static String canonical(String op) {
        return CANONICAL.getOrDefault(op, op);
    }
}
