package io.barreleye.modelcheck.syntax;

import java.util.List;

/** The syntax tree of a TLA+ module, as parsed and before names are resolved. */
public final class Ast {
    private Ast() {}

    /** Every expression knows where it came from, for error messages and action labels. */
    public sealed interface Expr permits Num, Decimal, Str, Name, Prime, Unary, Binary, Junction, Tuple, SetEnum,
            SetFilter, SetMap, FcnCons, FcnApp, FcnSet, RecordCons, RecordSet, Except, At, Dot, If, Case, Let,
            Quant, Choose, Lambda, BoxAction, AngleAction, Fairness, Times, OpArg {
        Span span();
    }

    public record Num(Span span, long value) implements Expr {}

    /** A decimal literal such as {@code 1.5}: SANY accepts it, TLC fails when it evaluates it. */
    public record Decimal(Span span, String text) implements Expr {}

    public record Str(Span span, String value) implements Expr {}

    /** A name applied to arguments ({@code Op(a, b)}, or no arguments), optionally via instances {@code A!B!Op}. */
    public record Name(Span span, List<String> path, String name, List<Expr> args) implements Expr {}

    /** An operator symbol passed as an argument, e.g. the {@code +} in {@code Fold(+, s)}. */
    public record OpArg(Span span, String symbol) implements Expr {}

    public record Prime(Span span, Expr expr) implements Expr {}

    /** Prefix and postfix operators: ~, -, [], <>, ENABLED, UNCHANGED, SUBSET, UNION, DOMAIN. */
    public record Unary(Span span, String op, Expr expr) implements Expr {}

    public record Binary(Span span, String op, Expr left, Expr right) implements Expr {}

    /** A bulleted or infix /\ or \/ list. */
    public record Junction(Span span, boolean conjunction, List<Expr> items) implements Expr {}

    public record Tuple(Span span, List<Expr> items) implements Expr {}

    public record SetEnum(Span span, List<Expr> items) implements Expr {}

    /** {@code {x \in S : P}}. */
    public record SetFilter(Span span, Bound bound, Expr pred) implements Expr {}

    /** {@code {e : x \in S, y \in T}}. */
    public record SetMap(Span span, Expr expr, List<Bound> bounds) implements Expr {}

    public record FcnCons(Span span, List<Bound> bounds, Expr body) implements Expr {}

    public record FcnApp(Span span, Expr fcn, List<Expr> args) implements Expr {}

    public record FcnSet(Span span, Expr domain, Expr range) implements Expr {}

    public record RecordCons(Span span, List<String> fields, List<Expr> values) implements Expr {}

    public record RecordSet(Span span, List<String> fields, List<Expr> sets) implements Expr {}

    public record Except(Span span, Expr fcn, List<ExceptClause> clauses) implements Expr {}

    /** One {@code ![a].b = e}: each path step is a field name (String) or an argument list (List of Expr). */
    public record ExceptClause(List<Object> path, Expr value) {}

    public record At(Span span) implements Expr {}

    public record Dot(Span span, Expr record, String field) implements Expr {}

    public record If(Span span, Expr cond, Expr then, Expr otherwise) implements Expr {}

    public record Case(Span span, List<Expr> guards, List<Expr> values, Expr other) implements Expr {}

    public record Let(Span span, List<Def> defs, Expr body) implements Expr {}

    /** {@code \A}/{@code \E}; bounds may be null-set for unbounded quantifiers, which TLC cannot evaluate. */
    public record Quant(Span span, boolean forall, List<Bound> bounds, Expr body) implements Expr {}

    public record Choose(Span span, Bound bound, Expr body) implements Expr {}

    public record Lambda(Span span, List<String> params, Expr body) implements Expr {}

    /** {@code [A]_v}. */
    public record BoxAction(Span span, Expr action, Expr sub) implements Expr {}

    /** {@code <<A>>_v}. */
    public record AngleAction(Span span, Expr action, Expr sub) implements Expr {}

    public record Fairness(Span span, boolean strong, Expr sub, Expr action) implements Expr {}

    public record Times(Span span, List<Expr> sets) implements Expr {}

    /**
     * A bound: names (or, when {@code tuple}, the components of a tuple pattern) ranging over a set.
     * {@code set} is null for an unbounded quantifier. {@code at} is where the first name is written.
     */
    public record Bound(List<String> names, boolean tuple, Expr set, Span at) {}

    /** An operator parameter; arity above 0 for higher-order parameters {@code Op(_, _)}. */
    public record Param(String name, int arity) {}

    public sealed interface Unit permits Def, InstanceDef, Assume {}

    /**
     * An operator definition {@code Op(p) == e}, or a function definition {@code f[x \in S] == e}
     * (then {@code fcnBounds} is non-null and the body is the function's value).
     */
    public record Def(Span span, String name, List<Param> params, List<Bound> fcnBounds, Expr body,
                      boolean local, boolean recursive) implements Unit {}

    /** {@code M == INSTANCE N WITH a <- e} (name null for an unnamed INSTANCE). */
    public record InstanceDef(Span span, String name, List<Param> params, String module, List<String> substNames,
                              List<Expr> substExprs, boolean local) implements Unit {}

    public record Assume(Span span, Expr expr) implements Unit {}

    /** A parsed module; {@code constantSpans} and {@code variableSpans} say where each name is declared. */
    public record Module(String name, String file, List<String> extendsNames, List<Param> constants,
                         List<String> variables, List<Span> variableSpans, List<Unit> units,
                         List<Param> recursiveDecls, List<Span> constantSpans) {}
}
