package io.barreleye.modelcheck.syntax;

import io.barreleye.modelcheck.syntax.Ast.*;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent, precedence-climbing parser for TLA+ modules in TLC's dialect.
 *
 * <p>Bulleted {@code /\} and {@code \/} lists are parsed with column fences: while an item of a
 * list whose bullets sit in column c is parsed, any token in column c or to its left ends the
 * item. Brackets lift the fence, so an expression inside parentheses may wrap freely.
 */
public final class Parser {
    private final String file;
    private final String module;
    private final List<Token> toks;
    private int p;
    private final Deque<Integer> fences = new ArrayDeque<>();
    /** Nested expressions and pending operators: bounded, so that no input overflows the stack. */
    static final int MAX_DEPTH = 1000;
    private int depth;
    /** Tokens from this index on are not part of what is being parsed (a theorem's proof). */
    private int limit = Integer.MAX_VALUE;

    private Parser(String file, String module, List<Token> toks) {
        this.file = file;
        this.module = module;
        this.toks = toks;
    }

    /** Parses the first module in {@code source}. */
    public static Ast.Module parseModule(String file, String source) {
        List<Token> toks = Lexer.tokenize(file, source);
        int start = findModuleStart(file, toks);
        Token nameTok = toks.get(start + 2);
        String name = nameTok.text();
        if (file.endsWith(".tla") && !file.equals(name + ".tla")) {
            throw new SyntaxException(file, nameTok.line(), nameTok.col(), "the file " + file + " holds module " + name
                    + "; a module must be in a file of its own name (" + name + ".tla)");
        }
        Parser ps = new Parser(file, name, toks);
        ps.p = start;
        return ps.module();
    }

    private static int findModuleStart(String file, List<Token> toks) {
        for (int i = 0; i + 2 < toks.size(); i++) {
            if (toks.get(i).kind() == Token.Kind.SEPARATOR && toks.get(i + 1).is("MODULE")
                    && toks.get(i + 2).kind() == Token.Kind.IDENT) {
                return i;
            }
        }
        throw new SyntaxException(file, 1, 1, "no module header found; expected a line like ---- MODULE Name ----");
    }

    // ---------------------------------------------------------------- tokens

    private Token peek() {
        if (p >= limit) {
            Token t = toks.get(p);
            return new Token(Token.Kind.EOF, "", t.line(), t.col(), t.col());
        }
        Token t = toks.get(p);
        if (!fences.isEmpty() && t.kind() != Token.Kind.EOF && t.col() <= fences.peek()) {
            return new Token(Token.Kind.EOF, "", t.line(), t.col(), t.col());
        }
        return t;
    }

    private Token peekAt(int ahead) {
        int i = Math.min(p + ahead, toks.size() - 1);
        return toks.get(i);
    }

    private Token next() {
        Token t = peek();
        if (t.kind() == Token.Kind.EOF && toks.get(p).kind() != Token.Kind.EOF) {
            throw error(toks.get(p), "an expression continuing to the right of the enclosing /\\ or \\/ bullet");
        }
        p++;
        return t;
    }

    private boolean at(String text) {
        return peek().is(text);
    }

    private boolean accept(String text) {
        if (at(text)) {
            p++;
            return true;
        }
        return false;
    }

    private Token expect(String text) {
        if (!at(text)) throw error(peek(), "\"" + text + "\"");
        return next();
    }

    private String expectIdent() {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT) throw error(t, "a name");
        p++;
        return t.text();
    }

    private SyntaxException error(Token t, String expected) {
        Token real = t.kind() == Token.Kind.EOF ? toks.get(p) : t;
        return new SyntaxException(file, real.line(), real.col(),
                "expected " + expected + " but found " + real.describe());
    }

    private Span span(Token start) {
        Token last = toks.get(Math.max(p - 1, 0));
        return new Span(module, start.line(), start.col(), last.line(), last.endCol());
    }

    private void pushFence(int col) {
        fences.push(col);
    }

    private void popFence() {
        fences.pop();
    }

    // ---------------------------------------------------------------- module level

    private Ast.Module module() {
        p += 2; // separator, MODULE
        String name = expectIdent();
        if (peek().kind() != Token.Kind.SEPARATOR) throw error(peek(), "a separator line ---- after the module name");
        p++;
        List<String> ext = new ArrayList<>();
        List<Param> constants = new ArrayList<>();
        List<Span> constSpans = new ArrayList<>();
        List<String> vars = new ArrayList<>();
        List<Span> varSpans = new ArrayList<>();
        List<Unit> units = new ArrayList<>();
        List<Param> recursive = new ArrayList<>();
        if (accept("EXTENDS")) {
            do {
                ext.add(expectIdent());
            } while (accept(","));
        }
        while (true) {
            Token t = peek();
            if (t.kind() == Token.Kind.MODULE_END) break;
            if (t.kind() == Token.Kind.EOF) throw error(t, "==== at the end of module " + name);
            if (t.kind() == Token.Kind.SEPARATOR) {
                if (peekAt(1).is("MODULE")) {
                    throw new SyntaxException(file, t.line(), t.col(), "nested modules are not supported; put module "
                            + peekAt(2).text() + " in a file of its own");
                }
                p++;
                continue;
            }
            switch (t.text()) {
                case "CONSTANT", "CONSTANTS" -> {
                    p++;
                    do {
                        Token c = peek();
                        constants.add(paramDecl());
                        constSpans.add(new Span(module, c.line(), c.col(), c.line(), c.endCol()));
                    } while (accept(","));
                }
                case "VARIABLE", "VARIABLES" -> {
                    p++;
                    do {
                        Token v = peek();
                        vars.add(expectIdent());
                        varSpans.add(new Span(module, v.line(), v.col(), v.line(), v.endCol()));
                    } while (accept(","));
                }
                case "ASSUME", "ASSUMPTION", "AXIOM" -> {
                    p++;
                    Token named = peek().kind() == Token.Kind.IDENT && peekAt(1).is("==") ? peek() : null;
                    if (named != null) p += 2;
                    Token s = peek();
                    Expr e = expr();
                    Span at = e.span() == null ? span(s) : e.span();
                    if (named != null) {
                        // ASSUME Name == e also defines Name, usable like any definition (as in SANY)
                        units.add(new Def(span(named), named.text(), List.of(), null, e, false, false));
                        e = new Name(at, List.of(), named.text(), List.of());
                    }
                    units.add(new Assume(at, e));
                }
                case "THEOREM", "LEMMA", "PROPOSITION", "COROLLARY" -> theorem(units);
                case "RECURSIVE" -> {
                    p++;
                    do {
                        recursive.add(paramDecl());
                    } while (accept(","));
                }
                case "LOCAL" -> {
                    p++;
                    if (at("INSTANCE")) units.add(instance(null, List.of(), true, peek()));
                    else units.add(definition(true));
                }
                case "INSTANCE" -> units.add(instance(null, List.of(), false, peek()));
                case "EXTENDS" -> throw new SyntaxException(file, t.line(), t.col(),
                        "EXTENDS must come right after the module header");
                default -> {
                    if (t.kind() == Token.Kind.IDENT || t.kind() == Token.Kind.OP) units.add(definition(false));
                    else throw error(t, "a definition, declaration or ====");
                }
            }
        }
        return new Ast.Module(name, file, ext, constants, vars, varSpans, units, recursive, constSpans);
    }

    /**
     * A theorem: its statement is parsed (so that a syntax error in it is reported, as SANY does) and,
     * when named ({@code THEOREM Name == e}), defines {@code Name}; its proof is not checked. A
     * statement in the ASSUME ... PROVE form is skipped with the proof.
     */
    private void theorem(List<Unit> units) {
        Token start = next();
        int end = unitEnd(start);
        int proof = proofStart(start, end);
        Token named = peek().kind() == Token.Kind.IDENT && peekAt(1).is("==") ? peek() : null;
        if (named != null) p += 2;
        if (!at("ASSUME") && p < proof) {
            int saved = limit;
            limit = proof;
            try {
                Expr e = expr();
                if (p < proof) throw error(toks.get(p), "the end of the theorem's statement");
                if (named != null) units.add(new Def(span(named), named.text(), List.of(), null, e, false, false));
            } finally {
                limit = saved;
            }
        }
        p = end;
    }

    /** The index of the first token after the unit that starts at {@code start}: the next unit in column 1. */
    private int unitEnd(Token start) {
        int i = p;
        while (true) {
            Token t = toks.get(i);
            if (t.kind() == Token.Kind.EOF || t.kind() == Token.Kind.MODULE_END || t.kind() == Token.Kind.SEPARATOR) return i;
            if (t.col() == 1 && t.line() > start.line() && (t.kind() == Token.Kind.IDENT || isUnitKeyword(t))) return i;
            i++;
        }
    }

    /** Where a proof starts before {@code end}: PROOF, BY, OBVIOUS, OMITTED or a step label {@code <1>}. */
    private int proofStart(Token start, int end) {
        for (int i = p; i < end; i++) {
            Token t = toks.get(i);
            if (t.kind() == Token.Kind.KEYWORD && Set.of("PROOF", "BY", "OBVIOUS", "OMITTED").contains(t.text())) return i;
            if (t.is("<") && i + 2 < end && toks.get(i + 2).is(">") && t.line() > start.line()
                    && (toks.get(i + 1).kind() == Token.Kind.NUMBER || toks.get(i + 1).is("*") || toks.get(i + 1).is("+"))) {
                return i;
            }
        }
        return end;
    }

    private static boolean isUnitKeyword(Token t) {
        return switch (t.text()) {
            case "CONSTANT", "CONSTANTS", "VARIABLE", "VARIABLES", "ASSUME", "ASSUMPTION", "AXIOM", "THEOREM",
                 "LEMMA", "PROPOSITION", "COROLLARY", "LOCAL", "INSTANCE", "RECURSIVE" -> t.kind() == Token.Kind.KEYWORD;
            default -> false;
        };
    }

    /** {@code Name} or {@code Name(_, _)} in CONSTANT and RECURSIVE declarations and operator parameters. */
    private Param paramDecl() {
        Token t = peek();
        if (t.kind() == Token.Kind.OP && !t.is("_") && peekAt(1).kind() == Token.Kind.IDENT && peekAt(1).text().equals("_")) {
            // prefix operator declaration such as -. _ ; rare
            p += 2;
            return new Param(t.text(), 1);
        }
        if (t.kind() == Token.Kind.IDENT && t.text().equals("_") && peekAt(1).kind() == Token.Kind.OP
                && Operators.isInfix(peekAt(1).text())) {
            p += 3;
            return new Param(toks.get(p - 2).text(), 2);
        }
        String name = expectIdent();
        int arity = 0;
        if (accept("(")) {
            do {
                Token u = next();
                if (!(u.kind() == Token.Kind.IDENT && u.text().equals("_"))) throw error(u, "_ in an operator parameter's arity");
                arity++;
            } while (accept(","));
            expect(")");
        }
        return new Param(name, arity);
    }

    private Unit definition(boolean local) {
        Token start = peek();
        // Infix operator definition: a \prec b == ...
        if (start.kind() == Token.Kind.IDENT && peekAt(1).kind() == Token.Kind.OP && Operators.isInfix(peekAt(1).text())
                && peekAt(2).kind() == Token.Kind.IDENT && peekAt(3).is("==")) {
            String a = next().text();
            String op = next().text();
            String b = next().text();
            expect("==");
            Expr body = expr();
            return new Def(span(start), op, List.of(new Param(a, 0), new Param(b, 0)), null, body, local, false);
        }
        // Prefix operator definition: -. a == ...
        if (start.kind() == Token.Kind.OP && peekAt(1).kind() == Token.Kind.IDENT && peekAt(2).is("==")) {
            String op = next().text();
            String a = next().text();
            expect("==");
            Expr body = expr();
            return new Def(span(start), op.equals("-") ? "-." : op, List.of(new Param(a, 0)), null, body, local, false);
        }
        String name = expectIdent();
        if (at("[")) {
            p++;
            List<Bound> bounds = bounds();
            expect("]");
            expect("==");
            Expr body = expr();
            return new Def(span(start), name, List.of(), bounds, body, local, false);
        }
        List<Param> params = new ArrayList<>();
        if (accept("(")) {
            do {
                params.add(paramDecl());
            } while (accept(","));
            expect(")");
        }
        expect("==");
        if (at("INSTANCE")) return instance(name, params, local, start);
        Expr body = expr();
        return new Def(span(start), name, params, null, body, local, false);
    }

    private InstanceDef instance(String name, List<Param> params, boolean local, Token start) {
        expect("INSTANCE");
        String mod = expectIdent();
        List<String> names = new ArrayList<>();
        List<Expr> exprs = new ArrayList<>();
        if (accept("WITH")) {
            do {
                Token t = next();
                if (t.kind() != Token.Kind.IDENT && t.kind() != Token.Kind.OP) throw error(t, "a parameter name");
                names.add(t.text());
                expect("<-");
                exprs.add(argument());
            } while (accept(","));
        }
        return new InstanceDef(span(start), name, params, mod, names, exprs, local);
    }

    // ---------------------------------------------------------------- expressions

    /**
     * An expression: operands and infix and prefix operators, combined by SANY's operator-precedence
     * rules (see {@link #reduce}). Nesting deeper than {@link #MAX_DEPTH} is refused with a located
     * error rather than overflowing the Java stack, here or in the passes that walk the tree.
     */
    public Expr expr() {
        Token start = peek();
        if (++depth > MAX_DEPTH) {
            throw new SyntaxException(file, start.line(), start.col(), "the expression is nested more than "
                    + MAX_DEPTH + " levels deep (parentheses, brackets or operators); split it into definitions");
        }
        int saved = depth;
        try {
            return operatorExpr();
        } finally {
            depth = saved - 1;
        }
    }

    /** One entry of the operator stack: an operand (with the token it starts at) or an operator. */
    private record Operand(Expr expr, Token first, boolean times) {}

    private record OpEntry(Token tok, Operators.Prec prec, boolean prefix) {}

    private Expr operatorExpr() {
        List<Object> stack = new ArrayList<>();
        while (true) {
            while (true) {
                Token t = peek();
                if (t.kind() != Token.Kind.OP && t.kind() != Token.Kind.KEYWORD) break;
                Operators.Prec pre = Operators.prefix(t.text());
                if (pre == null) break;
                if (pre.id().equals("-.") && !stack.isEmpty() && stack.get(stack.size() - 1) instanceof OpEntry left
                        && left.prec().above(pre)) {
                    // SANY: prefix - cannot be the operand of an operator that binds tighter (3 * -2)
                    throw conflict(left, t, pre);
                }
                countDepth(t);
                p++;
                stack.add(new OpEntry(t, pre, true));
            }
            Token first = peek();
            Expr operand = first.is("/\\") || first.is("\\/") ? bulletList() : postfix(primary());
            stack.add(new Operand(operand, first, false));
            Token t = peek();
            Operators.Prec in = t.kind() == Token.Kind.OP ? Operators.infix(t.text()) : null;
            if (in == null) {
                reduce(stack, null, null);
                return ((Operand) stack.get(0)).expr();
            }
            reduce(stack, t, in);
            countDepth(t);
            p++;
            stack.add(new OpEntry(t, in, false));
        }
    }

    private void countDepth(Token at) {
        if (++depth > MAX_DEPTH) {
            throw new SyntaxException(file, at.line(), at.col(), "the expression has more than " + MAX_DEPTH
                    + " nested operators; split it into definitions");
        }
    }

    /**
     * SANY's rule before the infix operator {@code right} (null: the end of the expression) is
     * pushed: while the operator left of the last operand binds tighter (its range lies above
     * {@code right}'s), or is the same left-associative operator, apply it; when it binds looser,
     * shift; when the two ranges overlap, the expression is ambiguous and needs parentheses.
     */
    private void reduce(List<Object> stack, Token rightTok, Operators.Prec right) {
        while (stack.size() >= 2) {
            OpEntry left = (OpEntry) stack.get(stack.size() - 2);
            if (right == null || left.prec().above(right)
                    || left.prec().sameOperator(right) && left.prec().leftAssoc()) {
                reduceTop(stack, left);
            } else if (left.prec().below(right)) {
                return;
            } else {
                throw conflict(left, rightTok, right);
            }
        }
    }

    private SyntaxException conflict(OpEntry left, Token rightTok, Operators.Prec right) {
        String l = display(left);
        String r = right.id().equals("-.") ? "prefix -" : rightTok.text();
        String why = left.prec().sameOperator(right) ? l + " is not associative, so it cannot be chained"
                : "their precedence ranges (" + left.prec().range() + " and " + right.range() + ") overlap";
        return new SyntaxException(file, rightTok.line(), rightTok.col(), "precedence conflict between " + l
                + " (line " + left.tok().line() + ", col " + left.tok().col() + ") and " + r + ": " + why
                + "; add parentheses");
    }

    private static String display(OpEntry e) {
        return e.prefix() && e.prec().id().equals("-.") ? "prefix -" : e.tok().text();
    }

    /** Replaces the operator next to the top of the stack and its operand(s) by one operand. */
    private void reduceTop(List<Object> stack, OpEntry op) {
        Operand right = (Operand) stack.remove(stack.size() - 1);
        stack.remove(stack.size() - 1);
        if (op.prefix()) {
            String name = op.prec().id();
            stack.add(new Operand(new Unary(span(op.tok()), name, right.expr()), op.tok(), false));
            return;
        }
        Operand left = (Operand) stack.remove(stack.size() - 1);
        String text = op.tok().text();
        Span s = span(left.first());
        Expr e;
        if (text.equals("\\X")) {
            List<Expr> sets = new ArrayList<>();
            if (left.times()) sets.addAll(((Times) left.expr()).sets());
            else sets.add(left.expr());
            sets.add(right.expr());
            stack.add(new Operand(new Times(s, sets), left.first(), true));
            return;
        }
        if (text.equals("/\\") || text.equals("\\/")) {
            e = new Junction(s, text.equals("/\\"), List.of(left.expr(), right.expr()));
        } else {
            e = new Binary(s, text, left.expr(), right.expr());
        }
        stack.add(new Operand(e, left.first(), false));
    }

    private Expr postfix(Expr e) {
        Token start = peek();
        while (true) {
            Token t = peek();
            if (t.is("'")) {
                p++;
                e = new Prime(e.span().to(span(start)), e);
            } else if (t.is("[")) {
                p++;
                pushFence(0);
                List<Expr> args = exprList("]");
                popFence();
                e = new FcnApp(e.span().to(span(start)), e, args);
            } else if (t.is(".") && peekAt(1).kind() == Token.Kind.IDENT) {
                p++;
                String f = next().text();
                e = new Dot(e.span().to(span(start)), e, f);
            } else {
                return e;
            }
        }
    }

    private Expr bulletList() {
        Token first = peek();
        String bullet = first.text();
        int col = first.col();
        List<Expr> items = new ArrayList<>();
        while (true) {
            p++; // the bullet
            pushFence(col);
            items.add(expr());
            popFence();
            Token t = peek();
            if (!(t.is(bullet) && t.col() == col)) break;
        }
        Span s = new Span(module, first.line(), first.col(), items.get(items.size() - 1).span().endLine(),
                items.get(items.size() - 1).span().endCol());
        if (items.size() == 1) return items.get(0);
        return new Junction(s, bullet.equals("/\\"), items);
    }

    private List<Expr> exprList(String close) {
        List<Expr> items = new ArrayList<>();
        if (accept(close)) return items;
        do {
            items.add(expr());
        } while (accept(","));
        expect(close);
        return items;
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                p++;
                if (t.text().contains(".")) return new Ast.Decimal(span(t), t.text());
                try {
                    return new Num(span(t), Long.parseLong(t.text()));
                } catch (NumberFormatException ex) {
                    throw new SyntaxException(file, t.line(), t.col(), "number " + t.text() + " is too large");
                }
            }
            case STRING -> {
                p++;
                return new Str(span(t), t.text());
            }
            case IDENT -> {
                if (skipLabel()) return expr();
                return name();
            }
            case KEYWORD -> {
                return keywordExpr(t);
            }
            case OP -> {
                return bracketExpr(t);
            }
            default -> throw error(t, "an expression");
        }
    }

    /**
     * Skips a label {@code Lbl::} or {@code Lbl(a, b)::}; what it labels extends as far right as it
     * can, and the label does not change its meaning.
     */
    private boolean skipLabel() {
        if (peekAt(1).is("::")) {
            p += 2;
            return true;
        }
        if (!peekAt(1).is("(")) return false;
        int i = 2;
        while (peekAt(i).kind() == Token.Kind.IDENT && (peekAt(i + 1).is(",") || peekAt(i + 1).is(")"))) {
            if (peekAt(i + 1).is(")")) {
                if (!peekAt(i + 2).is("::")) return false;
                p += i + 3;
                return true;
            }
            i += 2;
        }
        return false;
    }

    private Expr name() {
        Token t = next();
        String text = t.text();
        if ((text.startsWith("WF_") || text.startsWith("SF_"))) return fairness(t);
        List<String> path = new ArrayList<>();
        String name = text;
        List<Expr> args = List.of();
        while (true) {
            if (at("(")) {
                p++;
                pushFence(0);
                args = new ArrayList<>();
                do {
                    args.add(argument());
                } while (accept(","));
                expect(")");
                popFence();
            }
            if (at("!") && (peekAt(1).kind() == Token.Kind.IDENT || peekAt(1).kind() == Token.Kind.OP)) {
                if (!args.isEmpty()) {
                    throw new SyntaxException(file, t.line(), t.col(), "instances with parameters (I(x)!Op) are not supported");
                }
                p++;
                path.add(name);
                name = next().text();
                args = List.of();
                continue;
            }
            break;
        }
        return new Name(span(t), List.copyOf(path), name, List.copyOf(args));
    }

    /** An operator argument: an expression, a LAMBDA, or a bare operator symbol such as {@code +}. */
    private Expr argument() {
        Token t = peek();
        if (t.kind() == Token.Kind.OP && Operators.isInfix(t.text()) && (peekAt(1).is(",") || peekAt(1).is(")"))
                && !t.is("-")) {
            p++;
            return new OpArg(span(t), t.text());
        }
        return expr();
    }

    private Expr fairness(Token t) {
        boolean strong = t.text().startsWith("SF_");
        String rest = t.text().substring(3);
        Expr sub;
        if (rest.isEmpty()) {
            sub = primary();
        } else {
            sub = new Name(span(t), List.of(), rest, List.of());
        }
        expect("(");
        pushFence(0);
        Expr action = expr();
        popFence();
        expect(")");
        return new Fairness(span(t), strong, sub, action);
    }

    private Expr keywordExpr(Token t) {
        switch (t.text()) {
            case "IF" -> {
                p++;
                Expr c = expr();
                expect("THEN");
                Expr a = expr();
                expect("ELSE");
                Expr b = expr();
                return new If(span(t), c, a, b);
            }
            case "CASE" -> {
                p++;
                List<Expr> guards = new ArrayList<>();
                List<Expr> values = new ArrayList<>();
                Expr other = null;
                do {
                    if (accept("OTHER")) {
                        expect("->");
                        other = expr();
                        break;
                    }
                    guards.add(expr());
                    expect("->");
                    values.add(expr());
                } while (accept("[]"));
                return new Case(span(t), guards, values, other);
            }
            case "LET" -> {
                p++;
                List<Def> defs = new ArrayList<>();
                java.util.Set<String> recursive = new java.util.HashSet<>();
                while (!at("IN")) {
                    if (accept("RECURSIVE")) {
                        do {
                            recursive.add(paramDecl().name());
                        } while (accept(","));
                        continue;
                    }
                    Unit u = definition(false);
                    if (!(u instanceof Def d)) throw new SyntaxException(file, t.line(), t.col(), "INSTANCE inside LET is not supported");
                    defs.add(recursive.contains(d.name()) ? new Def(d.span(), d.name(), d.params(), d.fcnBounds(),
                            d.body(), d.local(), true) : d);
                }
                expect("IN");
                Expr body = expr();
                return new Let(span(t), defs, body);
            }
            case "CHOOSE" -> {
                p++;
                Bound b = oneBound();
                expect(":");
                Expr body = expr();
                return new Choose(span(t), b, body);
            }
            case "LAMBDA" -> {
                p++;
                List<String> params = new ArrayList<>();
                do {
                    params.add(expectIdent());
                } while (accept(","));
                expect(":");
                Expr body = expr();
                return new Lambda(span(t), params, body);
            }
            default -> throw error(t, "an expression");
        }
    }

    private Expr bracketExpr(Token t) {
        switch (t.text()) {
            case "(" -> {
                p++;
                pushFence(0);
                Expr e = expr();
                popFence();
                expect(")");
                return e;
            }
            case "@" -> {
                p++;
                return new At(span(t));
            }
            case "\\A", "\\E", "\\AA", "\\EE" -> {
                p++;
                List<Bound> bs = bounds();
                expect(":");
                Expr body = expr();
                return new Quant(span(t), t.text().startsWith("\\A"), bs, body);
            }
            case "<<" -> {
                p++;
                pushFence(0);
                List<Expr> items = new ArrayList<>();
                if (!at(">>") && !at(">>_")) {
                    do {
                        items.add(expr());
                    } while (accept(","));
                }
                popFence();
                if (accept(">>_")) {
                    if (items.size() != 1) throw error(toks.get(p - 1), "a single action inside <<A>>_v");
                    Expr sub = primary();
                    return new AngleAction(span(t), items.get(0), sub);
                }
                expect(">>");
                return new Tuple(span(t), items);
            }
            case "{" -> {
                p++;
                return setExpr(t);
            }
            case "[" -> {
                p++;
                return squareExpr(t);
            }
            default -> throw error(t, "an expression");
        }
    }

    private Expr setExpr(Token t) {
        pushFence(0);
        try {
            if (accept("}")) return new SetEnum(span(t), List.of());
            Expr first = expr();
            if (accept(":")) {
                if (first instanceof Binary b && b.op().equals("\\in") && isBoundPattern(b.left())) {
                    Bound bound = new Bound(patternNames(b.left()), b.left() instanceof Tuple, b.right(), b.left().span());
                    Expr pred = expr();
                    expect("}");
                    return new SetFilter(span(t), bound, pred);
                }
                List<Bound> bs = bounds();
                expect("}");
                return new SetMap(span(t), first, bs);
            }
            List<Expr> items = new ArrayList<>();
            items.add(first);
            while (accept(",")) items.add(expr());
            expect("}");
            return new SetEnum(span(t), items);
        } finally {
            popFence();
        }
    }

    private static boolean isBoundPattern(Expr e) {
        if (e instanceof Name n) return n.path().isEmpty() && n.args().isEmpty();
        if (e instanceof Tuple tu) return tu.items().stream().allMatch(Parser::isBoundPattern) && !tu.items().isEmpty();
        return false;
    }

    private static List<String> patternNames(Expr e) {
        if (e instanceof Name n) return List.of(n.name());
        List<String> names = new ArrayList<>();
        for (Expr i : ((Tuple) e).items()) names.add(((Name) i).name());
        return names;
    }

    private Expr squareExpr(Token t) {
        pushFence(0);
        try {
            // [a |-> e, ...] and [a : S, ...]
            if (peek().kind() == Token.Kind.IDENT && (peekAt(1).is("|->") || peekAt(1).is(":"))) {
                boolean cons = peekAt(1).is("|->");
                List<String> fields = new ArrayList<>();
                List<Expr> vals = new ArrayList<>();
                do {
                    fields.add(expectIdent());
                    expect(cons ? "|->" : ":");
                    vals.add(expr());
                } while (accept(","));
                expect("]");
                return cons ? new RecordCons(span(t), fields, vals) : new RecordSet(span(t), fields, vals);
            }
            // [x \in S, y \in T |-> e]
            int save = p;
            List<Bound> fb = tryFunctionBounds();
            if (fb != null) {
                Expr body = expr();
                expect("]");
                return new FcnCons(span(t), fb, body);
            }
            p = save;
            Expr first = expr();
            if (accept("->")) {
                Expr range = expr();
                expect("]");
                return new FcnSet(span(t), first, range);
            }
            if (accept("EXCEPT")) {
                List<ExceptClause> clauses = new ArrayList<>();
                do {
                    expect("!");
                    List<Object> path = new ArrayList<>();
                    while (true) {
                        if (accept(".")) {
                            path.add(expectIdent());
                        } else if (accept("[")) {
                            path.add(exprList("]"));
                        } else {
                            break;
                        }
                    }
                    if (path.isEmpty()) throw error(peek(), ".field or [index] after ! in EXCEPT");
                    expect("=");
                    clauses.add(new ExceptClause(path, expr()));
                } while (accept(","));
                expect("]");
                return new Except(span(t), first, clauses);
            }
            if (accept("]_")) {
                Expr sub = primary();
                return new BoxAction(span(t), first, sub);
            }
            throw error(peek(), "\"->\", \"EXCEPT\", \"|->\" or \"]_\" inside [ ]");
        } finally {
            popFence();
        }
    }

    private List<Bound> tryFunctionBounds() {
        Token t = peek();
        if (!(t.kind() == Token.Kind.IDENT || t.is("<<"))) return null;
        int save = p;
        try {
            List<Bound> bs = bounds();
            if (accept("|->")) return bs;
        } catch (SyntaxException e) {
            // not a function constructor; fall through
        }
        p = save;
        return null;
    }

    /** Bounds of quantifiers and function constructors: {@code x, y \in S, <<a, b>> \in T} or unbounded {@code x, y}. */
    private List<Bound> bounds() {
        List<Bound> out = new ArrayList<>();
        do {
            out.add(oneBound());
        } while (accept(","));
        return out;
    }

    private Bound oneBound() {
        Token first = peek();
        Span at = new Span(module, first.line(), first.col(), first.line(), first.endCol());
        if (accept("<<")) {
            List<String> names = new ArrayList<>();
            do {
                names.add(expectIdent());
            } while (accept(","));
            expect(">>");
            expect("\\in");
            return new Bound(names, true, expr(), at);
        }
        List<String> names = new ArrayList<>();
        names.add(expectIdent());
        while (at(",") && peekAt(1).kind() == Token.Kind.IDENT && !peekAt(2).is("|->")) {
            // "x, y \in S" shares one set; but "x \in S, y \in T" is two bounds: only take the comma
            // when the name after it is followed by another comma or \in.
            Token after = peekAt(2);
            if (after.is(",") || after.is("\\in") || after.is(":")) {
                p++;
                names.add(expectIdent());
            } else {
                break;
            }
        }
        if (accept("\\in")) return new Bound(names, false, expr(), at);
        return new Bound(names, false, null, at);
    }
}
