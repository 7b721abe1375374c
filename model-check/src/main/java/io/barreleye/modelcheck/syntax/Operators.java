package io.barreleye.modelcheck.syntax;

import java.util.HashMap;
import java.util.Map;

/** TLA+'s operator precedence table (Specifying Systems, section 15.2.1). */
public final class Operators {
    /** An infix operator's precedence range; {@code lo..hi} as in the book. */
    public record Prec(int lo, int hi) {}

    private static final Map<String, Prec> INFIX = new HashMap<>();
    private static final Map<String, Prec> PREFIX = new HashMap<>();

    private static void infix(int lo, int hi, String... ops) {
        for (String op : ops) INFIX.put(op, new Prec(lo, hi));
    }

    static {
        infix(1, 1, "=>");
        infix(2, 2, "<=>", "~>", "-+->");
        infix(3, 3, "/\\", "\\/");
        infix(5, 5, "=", "#", "/=", "<", ">", "<=", ">=", "=<", "\\in", "\\notin", "\\subseteq", "\\subset",
                "\\supseteq", "\\supset", "\\prec", "\\preceq", "\\succ", "\\succeq", "\\sqsubseteq",
                "\\sqsupseteq", "\\sqsubset", "\\sqsupset", "\\ll", "\\gg", "\\approx", "\\asymp", "\\cong",
                "\\doteq", "\\propto", "\\sim", "\\simeq", "|-", "-|", "|=", "=|", ":=", "::=");
        infix(5, 14, "\\cdot");
        infix(6, 6, "@@");
        infix(7, 7, ":>", "<:");
        infix(8, 8, "\\", "\\cap", "\\cup");
        infix(9, 9, "..", "...");
        infix(9, 13, "!!", "##", "$", "$$", "??", "\\sqcap", "\\sqcup", "\\uplus");
        infix(9, 14, "\\wr");
        infix(10, 10, "+", "(+)", "++");
        infix(10, 11, "%", "%%", "|", "||");
        infix(10, 13, "\\X");
        infix(11, 11, "-", "(-)", "--");
        infix(13, 13, "*", "/", "//", "\\div", "\\o", "(.)", "(/)", "(\\X)", "&", "&&", "**", "\\odot",
                "\\otimes", "\\oslash", "\\star", "\\bullet", "\\bigcirc");
        infix(14, 14, "^", "^^");
        PREFIX.put("~", new Prec(4, 4));
        PREFIX.put("[]", new Prec(4, 15));
        PREFIX.put("<>", new Prec(4, 15));
        PREFIX.put("ENABLED", new Prec(4, 15));
        PREFIX.put("UNCHANGED", new Prec(4, 15));
        PREFIX.put("SUBSET", new Prec(8, 8));
        PREFIX.put("UNION", new Prec(8, 8));
        PREFIX.put("DOMAIN", new Prec(9, 9));
        PREFIX.put("-", new Prec(12, 12));
    }

    private Operators() {}

    public static Prec infix(String op) {
        return INFIX.get(op);
    }

    public static Prec prefix(String op) {
        return PREFIX.get(op);
    }

    public static boolean isInfix(String op) {
        return INFIX.containsKey(op);
    }
}
