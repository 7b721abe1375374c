package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Ast;
import io.barreleye.modelcheck.syntax.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SANY's scope rules, checked over the syntax of every module before anything is compiled (the
 * compiler only resolves what a model reaches; SANY checks every definition):
 * <ul>
 *   <li>a name is visible only after its definition (a LET definition sees the ones before it; an
 *       operator sees itself only when declared RECURSIVE; a recursive function sees itself);</li>
 *   <li>a bound variable, parameter or LAMBDA parameter may not reuse a name already in scope:
 *       an enclosing binder, a definition, a declaration, or an operator of an extended standard
 *       module ("Multiply-defined symbol"). A binder's sets are outside its scope, so
 *       {@code {x \in {x \in S : P} : Q}} is legal, and bounds of one binder cannot see each other;</li>
 *   <li>a LET definition may not reuse a name in scope, and a module may not define or declare a
 *       name twice, directly or through EXTENDS and INSTANCE ("Multiple declarations or definitions");</li>
 *   <li>an operator is applied to as many arguments as it takes; an operator with parameters may be
 *       named without arguments only as an argument of another operator.</li>
 * </ul>
 */
public final class ScopeChecker {
    /**
     * A name in scope: where it was defined (for the message), its arity, the module it came from,
     * and for a definition the arity of each parameter (0 for an ordinary one, k for {@code F(_, ..)}).
     */
    private record Sym(Span at, int arity, String origin, List<Integer> paramArities) {
        Sym(Span at, int arity, String origin) {
            this(at, arity, origin, List.of());
        }

        static Sym of(Ast.Def d, String origin) {
            if (d.fcnBounds() != null) return new Sym(d.span(), 0, origin);
            List<Integer> ar = new ArrayList<>();
            for (Ast.Param p : d.params()) ar.add(p.arity());
            return new Sym(d.span(), ar.size(), origin, List.copyOf(ar));
        }
    }

    /** The names a module makes visible to a module that extends or instantiates it. */
    private record Exports(Map<String, Sym> names, Set<String> std) {}

    private final ModuleLoader loader;
    private final Map<String, Exports> done = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();

    // state of the module being checked
    private String file;
    private Map<String, Sym> globals;
    private Set<String> std;
    private final Map<String, Sym> locals = new HashMap<>();
    /** Operators declared RECURSIVE and not defined yet: visible to the definitions before theirs. */
    private final Map<String, Sym> recursiveDecls = new HashMap<>();

    ScopeChecker(ModuleLoader loader) {
        this.loader = loader;
    }

    /**
     * Parses {@code tla} and checks it and the modules it uses (read from its folder) as SANY would,
     * without a model: throws {@link io.barreleye.modelcheck.syntax.SyntaxException} or
     * {@link SemanticException} at the first violation.
     */
    public static void checkFile(java.nio.file.Path tla) throws java.io.IOException {
        ModuleLoader loader = new ModuleLoader(List.of(tla.toAbsolutePath().getParent()));
        new ScopeChecker(loader).check(loader.parseFile(tla));
    }

    /** Checks {@code m} and every module it extends or instantiates; throws at the first violation. */
    void check(Ast.Module m) {
        exportsOf(m);
    }

    private Exports exportsOf(Ast.Module m) {
        Exports e = done.get(m.name());
        if (e != null) return e;
        if (!inProgress.add(m.name())) {
            throw new SemanticException(new Span(m.name(), 1, 1, 1, 1), m.file(),
                    "module " + m.name() + " extends or instantiates itself (circular dependency)");
        }
        String savedFile = file;
        Map<String, Sym> savedGlobals = globals;
        Set<String> savedStd = std;
        try {
            e = checkModule(m);
        } finally {
            file = savedFile;
            globals = savedGlobals;
            std = savedStd;
            inProgress.remove(m.name());
        }
        done.put(m.name(), e);
        return e;
    }

    private Exports checkModule(Ast.Module m) {
        Map<String, Sym> names = new LinkedHashMap<>();
        Set<String> stdMods = new HashSet<>();
        Set<String> localNames = new HashSet<>();
        for (String ext : m.extendsNames()) {
            if (Builtins.STANDARD_MODULES.contains(ext)) {
                addStd(stdMods, ext);
                continue;
            }
            Ast.Module em = loader.load(ext);
            if (em == null) continue; // the compiler reports the missing module
            Exports x = exportsOf(em);
            stdMods.addAll(x.std());
            for (Map.Entry<String, Sym> n : x.names().entrySet()) declare(names, stdMods, n.getKey(), n.getValue(), m);
        }
        file = m.file();
        globals = names;
        std = stdMods;
        recursiveDecls.clear();
        for (Ast.Param r : m.recursiveDecls()) recursiveDecls.put(r.name(), new Sym(moduleSpan(m), r.arity(), m.name()));
        // in source order: a name is visible only after its declaration or definition
        List<Object[]> items = new ArrayList<>();
        for (int i = 0; i < m.constants().size(); i++) {
            Ast.Param c = m.constants().get(i);
            items.add(new Object[] {m.constantSpans().get(i), c.name(), c.arity()});
        }
        for (int i = 0; i < m.variables().size(); i++) {
            items.add(new Object[] {m.variableSpans().get(i), m.variables().get(i), 0});
        }
        for (Ast.Unit u : m.units()) items.add(new Object[] {unitSpan(u), u});
        items.sort(java.util.Comparator.comparingInt((Object[] o) -> ((Span) o[0]).line())
                .thenComparingInt(o -> ((Span) o[0]).col()));
        for (Object[] item : items) {
            if (item.length == 3) {
                declare(names, stdMods, (String) item[1], new Sym((Span) item[0], (int) item[2], m.name()), m);
                continue;
            }
            Ast.Unit u = (Ast.Unit) item[1];
            if (u instanceof Ast.Def d) {
                Sym s = Sym.of(d, m.name());
                definition(d, s, recursiveDecls.remove(d.name()) != null);
                declare(names, stdMods, d.name(), s, m);
                if (d.local()) localNames.add(d.name());
            } else if (u instanceof Ast.InstanceDef inst) {
                instance(inst, names, stdMods, localNames, m);
            } else if (u instanceof Ast.Assume a) {
                expr(a.expr(), false);
            }
        }
        Map<String, Sym> exported = new LinkedHashMap<>();
        for (Map.Entry<String, Sym> n : names.entrySet()) {
            if (!localNames.contains(n.getKey())) exported.put(n.getKey(), n.getValue());
        }
        return new Exports(exported, stdMods);
    }

    private void instance(Ast.InstanceDef inst, Map<String, Sym> names, Set<String> stdMods, Set<String> localNames,
                          Ast.Module m) {
        for (Ast.Expr e : inst.substExprs()) expr(e, true);
        Exports x = null;
        if (!Builtins.STANDARD_MODULES.contains(inst.module())) {
            Ast.Module im = loader.load(inst.module());
            if (im != null) x = exportsOf(im);
            file = m.file();
            globals = names;
            std = stdMods;
        }
        if (inst.name() != null) {
            declare(names, stdMods, inst.name(), new Sym(inst.span(), inst.params().size(), m.name()), m);
            if (inst.local()) localNames.add(inst.name());
            return;
        }
        if (x == null) {
            addStd(stdMods, inst.module());
            return;
        }
        stdMods.addAll(x.std());
        Set<String> params = new HashSet<>();
        Ast.Module im = loader.load(inst.module());
        for (Ast.Param c : im.constants()) params.add(c.name());
        params.addAll(im.variables());
        for (Map.Entry<String, Sym> n : x.names().entrySet()) {
            // the instantiated module's constants and variables are substituted, not defined here
            if (params.contains(n.getKey())) continue;
            declare(names, stdMods, n.getKey(), n.getValue(), m);
            if (inst.local()) localNames.add(n.getKey());
        }
    }

    private static void addStd(Set<String> stdMods, String name) {
        if (!stdMods.add(name)) return;
        for (String e : Builtins.EXTENDS.getOrDefault(name, List.of())) addStd(stdMods, e);
    }

    private static Span unitSpan(Ast.Unit u) {
        if (u instanceof Ast.Def d) return d.span();
        if (u instanceof Ast.InstanceDef i) return i.span();
        return ((Ast.Assume) u).span();
    }

    private static Span moduleSpan(Ast.Module m) {
        return new Span(m.name(), 1, 1, 1, 1);
    }

    /** Adds a module-level name; the same definition reached twice (a diamond of EXTENDS) is no conflict. */
    private void declare(Map<String, Sym> names, Set<String> stdMods, String name, Sym s, Ast.Module m) {
        Sym old = names.get(name);
        if (old != null && !old.equals(s)) {
            throw new SemanticException(s.at(), fileOf(s, m), "Multiple declarations or definitions for symbol "
                    + name + ": it is already " + where(old));
        }
        if (old == null && isStd(stdMods, name)) {
            throw new SemanticException(s.at(), fileOf(s, m), "Multiple declarations or definitions for symbol "
                    + name + ": it is already defined by the standard module " + Builtins.lookup(name).module());
        }
        names.put(name, s);
    }

    private static String fileOf(Sym s, Ast.Module m) {
        return s.origin().equals(m.name()) ? m.file() : s.origin() + ".tla";
    }

    private static String where(Sym s) {
        return "defined or declared at " + s.at().describe();
    }

    private static boolean isStd(Set<String> stdMods, String name) {
        Builtins.Entry e = Builtins.lookup(name);
        return e != null && stdMods.contains(e.module());
    }

    // ------------------------------------------------------------------ definitions and expressions

    /** Checks a definition's parameters and body; {@code self} when the body may refer to the definition. */
    private void definition(Ast.Def d, Sym s, boolean self) {
        List<String> bound = new ArrayList<>();
        if (d.fcnBounds() != null) {
            for (Ast.Bound b : d.fcnBounds()) if (b.set() != null) expr(b.set(), false);
            bindLocal(d.name(), s, bound); // a recursive function sees itself
            for (Ast.Bound b : d.fcnBounds()) bindAll(b, bound);
        } else {
            if (self) bindLocal(d.name(), s, bound);
            for (Ast.Param p : d.params()) bind(p.name(), new Sym(d.span(), p.arity(), "param"), d.span(), bound);
        }
        expr(d.body(), false);
        unbind(bound);
    }

    private void bindAll(Ast.Bound b, List<String> bound) {
        for (String n : b.names()) bind(n, new Sym(b.at(), 0, "bound"), b.at(), bound);
    }

    /** Binds a bound variable or parameter: SANY refuses any name already in scope. */
    private void bind(String name, Sym s, Span at, List<String> bound) {
        Sym old = lookup(name);
        if (old != null) {
            throw new SemanticException(at, file, "Multiply-defined symbol '" + name
                    + "': this definition or declaration conflicts with the one "
                    + (old.at() == null ? "of the standard module " + Builtins.lookup(name).module() : "at " + old.at().describe()));
        }
        bindLocal(name, s, bound);
    }

    private void bindLocal(String name, Sym s, List<String> bound) {
        locals.put(name, s);
        bound.add(name);
    }

    private void unbind(List<String> bound) {
        for (String n : bound) locals.remove(n);
    }

    /** What {@code name} refers to here: a local, a module-level name, or a standard-module operator (at null). */
    private Sym lookup(String name) {
        Sym s = locals.get(name);
        if (s != null) return s;
        s = globals.get(name);
        if (s != null) return s;
        s = recursiveDecls.get(name);
        if (s != null) return s;
        if (isStd(std, name)) return new Sym(null, Builtins.lookup(name).arity(), Builtins.lookup(name).module());
        return null;
    }

    private void exprs(List<Ast.Expr> es) {
        for (Ast.Expr e : es) expr(e, false);
    }

    private void bounds(List<Ast.Bound> bs, List<String> bound) {
        for (Ast.Bound b : bs) if (b.set() != null) expr(b.set(), false);
        for (Ast.Bound b : bs) bindAll(b, bound);
    }

    /** {@code asArgument}: the expression is an argument of an operator, where an operator may be named bare. */
    private void expr(Ast.Expr e, boolean asArgument) {
        if (e instanceof Ast.Name n) {
            name(n, asArgument);
        } else if (e instanceof Ast.Prime p) {
            expr(p.expr(), false);
        } else if (e instanceof Ast.Unary u) {
            expr(u.expr(), false);
        } else if (e instanceof Ast.Binary b) {
            expr(b.left(), false);
            expr(b.right(), false);
        } else if (e instanceof Ast.Junction j) {
            exprs(j.items());
        } else if (e instanceof Ast.Tuple t) {
            exprs(t.items());
        } else if (e instanceof Ast.SetEnum s) {
            exprs(s.items());
        } else if (e instanceof Ast.SetFilter sf) {
            scoped(List.of(sf.bound()), List.of(sf.pred()));
        } else if (e instanceof Ast.SetMap sm) {
            scoped(sm.bounds(), List.of(sm.expr()));
        } else if (e instanceof Ast.FcnCons fc) {
            scoped(fc.bounds(), List.of(fc.body()));
        } else if (e instanceof Ast.Quant q) {
            scoped(q.bounds(), List.of(q.body()));
        } else if (e instanceof Ast.Choose c) {
            scoped(List.of(c.bound()), List.of(c.body()));
        } else if (e instanceof Ast.FcnApp fa) {
            expr(fa.fcn(), false);
            exprs(fa.args());
        } else if (e instanceof Ast.FcnSet fs) {
            expr(fs.domain(), false);
            expr(fs.range(), false);
        } else if (e instanceof Ast.RecordCons rc) {
            uniqueFields(rc.fields(), rc.span());
            exprs(rc.values());
        } else if (e instanceof Ast.RecordSet rs) {
            uniqueFields(rs.fields(), rs.span());
            exprs(rs.sets());
        } else if (e instanceof Ast.Except ex) {
            expr(ex.fcn(), false);
            for (Ast.ExceptClause c : ex.clauses()) {
                for (Object step : c.path()) {
                    if (step instanceof List<?> args) for (Object a : args) expr((Ast.Expr) a, false);
                }
                expr(c.value(), false);
            }
        } else if (e instanceof Ast.Dot d) {
            expr(d.record(), false);
        } else if (e instanceof Ast.If i) {
            expr(i.cond(), false);
            expr(i.then(), false);
            expr(i.otherwise(), false);
        } else if (e instanceof Ast.Case cs) {
            exprs(cs.guards());
            exprs(cs.values());
            if (cs.other() != null) expr(cs.other(), false);
        } else if (e instanceof Ast.Let l) {
            let(l);
        } else if (e instanceof Ast.Lambda lam) {
            List<String> bound = new ArrayList<>();
            for (String p : lam.params()) bind(p, new Sym(lam.span(), 0, "param"), lam.span(), bound);
            expr(lam.body(), false);
            unbind(bound);
        } else if (e instanceof Ast.BoxAction ba) {
            expr(ba.action(), false);
            expr(ba.sub(), false);
        } else if (e instanceof Ast.AngleAction aa) {
            expr(aa.action(), false);
            expr(aa.sub(), false);
        } else if (e instanceof Ast.Fairness f) {
            expr(f.sub(), false);
            expr(f.action(), false);
        } else if (e instanceof Ast.Times t) {
            exprs(t.sets());
        }
        // Num, Str, At, OpArg: nothing to resolve here
    }

    private void uniqueFields(List<String> fields, Span at) {
        if (new HashSet<>(fields).size() != fields.size()) {
            throw new SemanticException(at, file, "Non-unique fields in constructor: a field is named twice in " + fields);
        }
    }

    private void scoped(List<Ast.Bound> bs, List<Ast.Expr> body) {
        List<String> bound = new ArrayList<>();
        bounds(bs, bound);
        exprs(body);
        unbind(bound);
    }

    private void let(Ast.Let l) {
        List<String> bound = new ArrayList<>();
        for (Ast.Def d : l.defs()) {
            Sym s = Sym.of(d, "let");
            if (lookup(d.name()) != null) {
                throw new SemanticException(d.span(), file, "Operator " + d.name() + " already defined or declared ("
                        + (lookup(d.name()).at() == null ? "by the standard module " + lookup(d.name()).origin()
                        : where(lookup(d.name()))) + ")");
            }
            definition(d, s, d.recursive());
            locals.put(d.name(), s);
            bound.add(d.name());
        }
        expr(l.body(), false);
        unbind(bound);
    }

    private void name(Ast.Name n, boolean asArgument) {
        for (Ast.Expr a : n.args()) expr(a, true);
        if (!n.path().isEmpty()) return; // I!Op: resolved against the instance by the compiler
        Sym s = lookup(n.name());
        if (s == null) {
            if (Set.of("TRUE", "FALSE", "BOOLEAN", "STRING").contains(n.name())) return;
            Builtins.Entry b = Builtins.lookup(n.name());
            throw new SemanticException(n.span(), file, "Unknown operator: `" + n.name() + "'"
                    + (b == null ? "" : ". It is defined in the standard module " + b.module() + "; add it to EXTENDS"));
        }
        if (!n.args().isEmpty() && s.arity() != n.args().size()) {
            throw new SemanticException(n.span(), file, "The operator " + n.name() + " requires " + s.arity()
                    + " argument(s) but is given " + n.args().size());
        }
        for (int i = 0; i < n.args().size() && i < s.paramArities().size(); i++) {
            if (n.args().get(i) instanceof Ast.Lambda lam && lam.params().size() != s.paramArities().get(i)) {
                throw new SemanticException(lam.span(), file, "a LAMBDA with " + lam.params().size()
                        + " parameter(s) is given as argument " + (i + 1) + " of " + n.name() + ", which expects an operator"
                        + " with " + s.paramArities().get(i) + " argument(s)");
            }
        }
        if (s.arity() > 0 && n.args().isEmpty() && !asArgument) {
            throw new SemanticException(n.span(), file, "The operator " + n.name() + " requires " + s.arity()
                    + " argument(s); it can be named without them only as the argument of another operator");
        }
    }
}
