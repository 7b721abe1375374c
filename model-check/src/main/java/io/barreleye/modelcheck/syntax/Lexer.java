package io.barreleye.modelcheck.syntax;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns TLA+ source into tokens. Unicode spellings are mapped to their ASCII equivalents here,
 * so the parser sees one spelling per operator. Text before the first {@code ---- MODULE} line
 * and after the closing {@code ====} is not part of the module and is skipped by the parser.
 */
public final class Lexer {
    static final Set<String> KEYWORDS = Set.of(
            "MODULE", "EXTENDS", "CONSTANT", "CONSTANTS", "VARIABLE", "VARIABLES", "ASSUME", "ASSUMPTION",
            "AXIOM", "THEOREM", "LEMMA", "PROPOSITION", "COROLLARY", "LOCAL", "INSTANCE", "WITH", "LET", "IN",
            "IF", "THEN", "ELSE", "CASE", "OTHER", "CHOOSE", "LAMBDA", "EXCEPT", "DOMAIN", "SUBSET", "UNION",
            "ENABLED", "UNCHANGED", "RECURSIVE", "PROOF", "BY", "OBVIOUS", "OMITTED", "QED", "USE", "HIDE",
            "DEFINE", "SUFFICES", "PICK", "HAVE", "TAKE", "WITNESS", "NEW", "STATE", "ACTION", "TEMPORAL",
            "DEF", "DEFS", "ONLY", "PARAMETER", "PARAMETERS");

    /** ASCII operators and punctuation, longest first so that matching is greedy. */
    private static final String[] SYMBOLS;

    static {
        String[] syms = {
            "-+->", "(\\X)", "<=>", "<-", "|->", "::=", "...", "(+)", "(-)", "(.)", "(/)", "==", "=>", "=<", "=|",
            "<=", "<:", "<<", "<>", ">=", ">>", "/=", "/\\", "\\/", "//", "~>", "->", "--", "-|", "++", "**",
            "^^", "^+", "^*", "^#", "..", ":=", "::", ":>", "||", "|-", "|=", "@@", "%%", "&&", "$$", "??",
            "!!", "##", "[]", "=", "<", ">", "#", "/", "~", "-", "+", "*", "^", ".", ":", "|", "@", "%", "&",
            "$", "?", "!", "(", ")", "[", "]", "{", "}", ",", "'", "_"
        };
        SYMBOLS = syms.clone();
        Arrays.sort(SYMBOLS, Comparator.comparingInt(String::length).reversed());
    }

    /** Backslash words that are operators; {@code \X} and friends normalised to one spelling. */
    private static final Map<String, String> BACKSLASH_ALIASES = Map.ofEntries(
            Map.entry("\\land", "/\\"), Map.entry("\\lor", "\\/"), Map.entry("\\lnot", "~"), Map.entry("\\neg", "~"),
            Map.entry("\\equiv", "<=>"), Map.entry("\\union", "\\cup"), Map.entry("\\intersect", "\\cap"),
            Map.entry("\\times", "\\X"), Map.entry("\\circ", "\\o"), Map.entry("\\leq", "<="), Map.entry("\\geq", ">="),
            Map.entry("\\leadsto", "~>"), Map.entry("\\ge", ">="), Map.entry("\\le", "<="), Map.entry("\\neq", "#"),
            Map.entry("\\ne", "#"), Map.entry("\\oplus", "(+)"), Map.entry("\\ominus", "(-)"),
            Map.entry("\\odot", "(.)"), Map.entry("\\oslash", "(/)"), Map.entry("\\otimes", "(\\X)"));

    private static final Map<Integer, String> UNICODE = Map.ofEntries(
            Map.entry(0x225C, "=="), Map.entry(0x2227, "/\\"), Map.entry(0x2228, "\\/"), Map.entry(0x00AC, "~"),
            Map.entry(0x2208, "\\in"), Map.entry(0x2209, "\\notin"), Map.entry(0x2200, "\\A"), Map.entry(0x2203, "\\E"),
            Map.entry(0x2264, "<="), Map.entry(0x2265, ">="), Map.entry(0x2260, "#"), Map.entry(0x222A, "\\cup"),
            Map.entry(0x2229, "\\cap"), Map.entry(0x2286, "\\subseteq"), Map.entry(0x2282, "\\subset"),
            Map.entry(0x2287, "\\supseteq"), Map.entry(0x2283, "\\supset"), Map.entry(0x27E8, "<<"),
            Map.entry(0x27E9, ">>"), Map.entry(0x2192, "->"), Map.entry(0x21A6, "|->"), Map.entry(0x21D2, "=>"),
            Map.entry(0x2261, "<=>"), Map.entry(0x21D4, "<=>"), Map.entry(0x00D7, "\\X"), Map.entry(0x2218, "\\o"),
            Map.entry(0x25A1, "[]"), Map.entry(0x25C7, "<>"), Map.entry(0x219D, "~>"), Map.entry(0x2295, "(+)"),
            Map.entry(0x2296, "(-)"), Map.entry(0x00F7, "\\div"), Map.entry(0x22C5, "\\cdot"),
            Map.entry(0x2291, "\\sqsubseteq"), Map.entry(0x2292, "\\sqsupseteq"), Map.entry(0x227A, "\\prec"),
            Map.entry(0x227B, "\\succ"), Map.entry(0x2AAF, "\\preceq"), Map.entry(0x2AB0, "\\succeq"),
            Map.entry(0x2216, "\\"), Map.entry(0x228E, "\\uplus"), Map.entry(0x226A, "\\ll"), Map.entry(0x226B, "\\gg"),
            Map.entry(0x2297, "(\\X)"), Map.entry(0x2299, "(.)"), Map.entry(0x2298, "(/)"), Map.entry(0x2293, "\\sqcap"),
            Map.entry(0x2294, "\\sqcup"), Map.entry(0x2248, "\\approx"), Map.entry(0x224D, "\\asymp"),
            Map.entry(0x2245, "\\cong"), Map.entry(0x2250, "\\doteq"), Map.entry(0x221D, "\\propto"),
            Map.entry(0x223C, "\\sim"), Map.entry(0x2243, "\\simeq"), Map.entry(0x22A2, "|-"), Map.entry(0x22A8, "|="),
            Map.entry(0x22A3, "-|"), Map.entry(0x2AE4, "=|"), Map.entry(0x228F, "\\sqsubset"),
            Map.entry(0x2290, "\\sqsupset"), Map.entry(0x22C6, "\\star"), Map.entry(0x25CF, "\\bullet"),
            Map.entry(0x25EF, "\\bigcirc"), Map.entry(0x2240, "\\wr"), Map.entry(0x2025, ".."), Map.entry(0x2026, "..."),
            Map.entry(0x2254, ":="), Map.entry(0x2205, "{}"));

    private final String file;
    private final int[] cps;
    private int pos;
    private int line = 1;
    private int col = 1;
    private final List<Token> out = new ArrayList<>();

    private final String source;

    private Lexer(String file, String source) {
        this.file = file;
        this.source = source;
        this.cps = source.codePoints().toArray();
    }

    public static List<Token> tokenize(String file, String source) {
        Lexer lx = new Lexer(file, source);
        lx.run();
        return lx.out;
    }

    private int peek(int ahead) {
        int i = pos + ahead;
        return i < cps.length ? cps[i] : -1;
    }

    private void advance(int n) {
        for (int i = 0; i < n; i++) {
            if (cps[pos] == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            pos++;
        }
    }

    private SyntaxException error(String msg) {
        return new SyntaxException(file, line, col, msg);
    }

    private void emit(Token.Kind kind, String text, int l, int c) {
        out.add(new Token(kind, text, l, c, col - 1));
    }

    /**
     * SANY reads a module from its {@code ---- MODULE} line to the {@code ====} that closes it: text
     * before and after is prose, never lexed.
     */
    private void run() {
        skipProseBeforeHeader();
        int headers = 0;
        int ends = 0;
        while (true) {
            skipSpaceAndComments();
            if (pos >= cps.length) {
                out.add(new Token(Token.Kind.EOF, "", line, col, col));
                return;
            }
            int l = line;
            int c = col;
            int ch = cps[pos];
            if (ch == '-' && repeated('-', 4) || ch == 0x2500 && repeated(0x2500, 3)) {
                while (peek(0) == '-' || peek(0) == 0x2500) advance(1);
                emit(Token.Kind.SEPARATOR, "----", l, c);
            } else if (ch == '=' && repeated('=', 4) || ch == 0x2550 && repeated(0x2550, 3)) {
                while (peek(0) == '=' || peek(0) == 0x2550) advance(1);
                emit(Token.Kind.MODULE_END, "====", l, c);
                if (++ends >= headers && headers > 0) {
                    out.add(new Token(Token.Kind.EOF, "", line, col, col));
                    return;
                }
            } else if (ch == '"') {
                lexString(l, c);
            } else if (isDigit(ch)) {
                lexNumber(l, c);
            } else if (isIdentStart(ch)) {
                lexWord(l, c);
                if (out.size() >= 2 && out.get(out.size() - 1).is("MODULE")
                        && out.get(out.size() - 2).kind() == Token.Kind.SEPARATOR) {
                    headers++;
                }
            } else if (ch == '\\') {
                lexBackslash(l, c);
            } else if (UNICODE.containsKey(ch)) {
                advance(1);
                String text = UNICODE.get(ch);
                if (text.equals("{}")) {
                    emit(Token.Kind.OP, "{", l, c);
                    emit(Token.Kind.OP, "}", l, c);
                } else {
                    emit(Token.Kind.OP, text, l, c);
                }
            } else if (ch == 0x2115 || ch == 0x2124) {
                advance(1);
                emit(Token.Kind.IDENT, ch == 0x2115 ? "Nat" : "Int", l, c);
            } else {
                lexSymbol(l, c);
            }
        }
    }

    private void skipProseBeforeHeader() {
        java.util.regex.Matcher m = HEADER.matcher(source);
        if (!m.find()) return; // the parser reports the missing header
        int target = source.codePointCount(0, m.start());
        while (pos < target) advance(1);
    }

    private static final java.util.regex.Pattern HEADER = java.util.regex.Pattern.compile("-{4,}[ \\t]*MODULE\\b");

    private boolean repeated(int ch, int n) {
        for (int i = 0; i < n; i++) {
            if (peek(i) != ch) return false;
        }
        return true;
    }

    private void skipSpaceAndComments() {
        while (pos < cps.length) {
            int ch = cps[pos];
            if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == 0xA0) {
                advance(1);
            } else if (ch == '\\' && peek(1) == '*') {
                while (pos < cps.length && cps[pos] != '\n') advance(1);
            } else if (ch == '(' && peek(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    /** Block comments nest, as in SANY; PlusCal algorithms live inside them and are skipped too. */
    private void skipBlockComment() {
        int l = line;
        int c = col;
        int depth = 0;
        while (pos < cps.length) {
            if (cps[pos] == '(' && peek(1) == '*') {
                depth++;
                advance(2);
            } else if (cps[pos] == '*' && peek(1) == ')') {
                depth--;
                advance(2);
                if (depth == 0) return;
            } else {
                advance(1);
            }
        }
        throw new SyntaxException(file, l, c, "comment opened with (* is never closed with *)");
    }

    private void lexString(int l, int c) {
        advance(1);
        StringBuilder sb = new StringBuilder();
        while (true) {
            int ch = peek(0);
            if (ch == -1 || ch == '\n') {
                throw new SyntaxException(file, l, c, "string literal is not closed on the line it starts");
            }
            if (ch == '"') {
                advance(1);
                break;
            }
            if (ch == '\\') {
                int n = peek(1);
                switch (n) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'f' -> sb.append('\f');
                    default -> throw error("unknown escape \\" + (n == -1 ? "" : Character.toString(n)) + " in string");
                }
                advance(2);
            } else {
                sb.appendCodePoint(ch);
                advance(1);
            }
        }
        emit(Token.Kind.STRING, sb.toString(), l, c);
    }

    private void lexNumber(int l, int c) {
        int start = pos;
        while (isDigit(peek(0))) advance(1);
        // An identifier may start with digits in TLA+ (e.g. 1st); treat digits+letters as a name.
        if (isIdentStart(peek(0)) && peek(0) != '_') {
            while (isIdentPart(peek(0))) advance(1);
            emit(Token.Kind.IDENT, new String(cps, start, pos - start), l, c);
            return;
        }
        if (peek(0) == '.' && isDigit(peek(1))) {
            advance(1);
            while (isDigit(peek(0))) advance(1);
        }
        emit(Token.Kind.NUMBER, new String(cps, start, pos - start), l, c);
    }

    private void lexWord(int l, int c) {
        int start = pos;
        while (isIdentPart(peek(0))) advance(1);
        String word = new String(cps, start, pos - start);
        emit(KEYWORDS.contains(word) ? Token.Kind.KEYWORD : Token.Kind.IDENT, word, l, c);
    }

    private void lexBackslash(int l, int c) {
        int radix = switch (peek(1)) {
            case 'b', 'B' -> 2;
            case 'o', 'O' -> 8;
            case 'h', 'H' -> 16;
            default -> 0;
        };
        if (radix > 0 && peek(2) >= 0 && Character.digit(peek(2), radix) >= 0) {
            // \b101, \o17, \h1F: numbers in base 2, 8 and 16
            advance(2);
            int start = pos;
            while (peek(0) >= 0 && Character.digit(peek(0), radix) >= 0) advance(1);
            String digits = new String(cps, start, pos - start);
            emit(Token.Kind.NUMBER, new java.math.BigInteger(digits, radix).toString(), l, c);
            return;
        }
        if (peek(1) == '/') {
            advance(2);
            emit(Token.Kind.OP, "\\/", l, c);
            return;
        }
        if (Character.isLetter(peek(1))) {
            int start = pos;
            advance(1);
            while (Character.isLetter(peek(0))) advance(1);
            String word = new String(cps, start, pos - start);
            emit(Token.Kind.OP, BACKSLASH_ALIASES.getOrDefault(word, word), l, c);
            return;
        }
        advance(1);
        emit(Token.Kind.OP, "\\", l, c);
    }

    private void lexSymbol(int l, int c) {
        for (String s : SYMBOLS) {
            if (matches(s)) {
                advance(s.length());
                // "]_" and ">>_" open a subscript ([A]_v, <<A>>_v, WF_v); the parser needs to know
                // the underscore was glued to the bracket.
                if ((s.equals("]") || s.equals(">>")) && peek(0) == '_') {
                    advance(1);
                    emit(Token.Kind.OP, s + "_", l, c);
                } else {
                    emit(Token.Kind.OP, s, l, c);
                }
                return;
            }
        }
        throw error("unexpected character '" + Character.toString(cps[pos]) + "'");
    }

    private boolean matches(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (peek(i) != s.charAt(i)) return false;
        }
        return true;
    }

    private static boolean isDigit(int ch) {
        return ch >= '0' && ch <= '9';
    }

    private static boolean isIdentStart(int ch) {
        return ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    }

    private static boolean isIdentPart(int ch) {
        return isIdentStart(ch) || isDigit(ch);
    }
}
