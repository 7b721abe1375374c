package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Ast;
import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.value.BoolValue;
import io.barreleye.modelcheck.value.InfiniteSet;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.SetValue;
import io.barreleye.modelcheck.value.StringValue;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves names and turns module syntax into compiled {@link Node}s. EXTENDS merges modules into
 * one scope; INSTANCE compiles the instantiated module again with its constants and variables
 * replaced by the substituted expressions; the configuration's constant values and {@code <-}
 * overrides are bound before any body is compiled.
 */
public final class Compiler {
    /** What a module-level name stands for. */
    sealed interface Binding permits DefB, VarB, SubstB, ConstB, InstB, OverrideB {}

    /** A definition, compiled when first referenced. */
    static final class DefB implements Binding {
        final Ast.Def ast;
        final ModuleScope scope;
        final OpDef def;
        boolean compiling;
        boolean compiled;

        DefB(Ast.Def ast, ModuleScope scope, OpDef def) {
            this.ast = ast;
            this.scope = scope;
            this.def = def;
        }
    }

    record VarB(int idx) implements Binding {}

    /** A constant or variable replaced by an expression (INSTANCE ... WITH, or a .cfg value). */
    record SubstB(Node node) implements Binding {}

    /** A declared constant the configuration has not given a value. */
    record ConstB(String name, int arity, Span span) implements Binding {}

    record InstB(ModuleScope inner) implements Binding {}

    /**
     * {@code Name <- Other} from the configuration; {@code inRoot} when Other is looked up in the
     * root module rather than where Name is used ({@code Name <- [M] Other} replaces a definition
     * of module M by one of the root, as TLC reads it).
     */
    record OverrideB(String target, boolean inRoot) implements Binding {
        OverrideB(String target) {
            this(target, false);
        }
    }

    /** The names visible at module level in one (instance of a) module. */
    static final class ModuleScope {
        final String name;
        final String file;
        final Map<String, Binding> globals = new LinkedHashMap<>();
        final Set<String> localNames = new HashSet<>();
        final Set<String> std = new HashSet<>();

        ModuleScope(String name, String file) {
            this.name = name;
            this.file = file;
        }
    }

    /** A compile-time frame, mirroring one runtime {@link Env}. */
    static final class Scope {
        final Scope parent;
        final List<String> names = new ArrayList<>();
        final List<Object> info = new ArrayList<>();

        Scope(Scope parent) {
            this.parent = parent;
        }

        int add(String name, Object what) {
            names.add(name);
            info.add(what);
            return names.size() - 1;
        }
    }

    /** Marker kinds for frame slots. */
    enum Kind { BOUND, PARAM }

    record OpParam(int arity) {}

    private final ModuleLoader loader;
    private final List<String> varNames = new ArrayList<>();
    private ModuleScope root;
    private Map<String, Value> cfgConstants = Map.of();
    private Map<String, String> cfgOverrides = Map.of();
    private Map<String, Map<String, Value>> cfgModuleConstants = Map.of();
    private Map<String, Map<String, String>> cfgModuleOverrides = Map.of();
    /** Every module loaded (extended or instantiated), by name. */
    private final Set<String> loadedModules = new HashSet<>();
    /** {@code M!Name} for each module-scoped override of the configuration that found its definition. */
    private final Set<String> appliedModuleOverrides = new HashSet<>();
    /** Names replaced with {@code <-} that are neither constants nor definitions of the root module. */
    private final List<String> undeclaredOverrides = new ArrayList<>();

    public Compiler(ModuleLoader loader) {
        this.loader = loader;
    }

    // ------------------------------------------------------------------ modules

    /**
     * Compiles the root module. {@code constants} maps constant names to values; {@code overrides}
     * maps names to the definition that replaces them ({@code <-} in the .cfg).
     */
    public void compileRoot(Ast.Module m, Map<String, Value> constants, Map<String, String> overrides) {
        new ScopeChecker(loader).check(m);
        InternOrder.meetSpec(m.name(), loader);
        InternOrder.meetModelValues(constants.values());
        root = new ModuleScope(m.name(), m.file());
        cfgConstants = constants;
        cfgOverrides = overrides;
        loading = true;
        loadInto(root, m, null, new HashSet<>());
        loading = false;
        for (Object[] late : lateOverrides) {
            Nodes.LateOverride n = (Nodes.LateOverride) late[0];
            ModuleScope scope = (ModuleScope) late[1];
            if (!(scope.globals.get(n.target) instanceof DefB d)) {
                throw error(n.span, scope, "the configuration replaces " + n.name + " by " + n.target + ", which is not defined in the spec");
            }
            n.bound = call(d, new Node[0], n.span, scope);
            n.level = n.bound.level;
            n.dyn = n.bound.dyn;
        }
        lateOverrides.clear();
        for (String name : overrides.keySet()) {
            if (!declaredInRoot(name)) undeclaredOverrides.add(name);
        }
        for (Map.Entry<String, Value> c : constants.entrySet()) {
            root.globals.put(c.getKey(), new SubstB(new Nodes.Lit(Span.NONE, c.getValue())));
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            root.globals.put(o.getKey(), new OverrideB(o.getValue()));
        }
    }

    /**
     * The configuration's module-scoped lines, {@code Name = [M] v} and {@code Name <- [M] Other}:
     * given before {@link #compileRoot}, they replace M's definition Name wherever M is loaded.
     */
    public void moduleScoped(Map<String, Map<String, Value>> constants, Map<String, Map<String, String>> overrides) {
        cfgModuleConstants = constants;
        cfgModuleOverrides = overrides;
    }

    /**
     * Why the configuration's overrides cannot be applied, as TLC checks them, or null: a name
     * replaced with {@code <-} must be a constant or definition of the root module (or a
     * definition through one of its instances, {@code S!Op}), the replacing definition must
     * exist, and a module named in {@code [M]} must be loaded. ({@code Name = [M] v} for a
     * module that is not loaded is ignored, as TLC ignores it.)
     */
    public String overrideProblem() {
        for (Map.Entry<String, String> o : cfgOverrides.entrySet()) {
            if (undeclaredOverrides.contains(o.getKey())) {
                return "The identifier " + o.getKey() + " replaced in the configuration file (" + o.getKey() + " <- "
                        + o.getValue() + ") is neither a constant nor a definition of the specification.";
            }
            if (!(root.globals.get(o.getValue()) instanceof DefB)) {
                return "The configuration file substitutes " + o.getValue() + " for " + o.getKey()
                        + ", but " + o.getValue() + " is not defined in the specification.";
            }
        }
        for (Map.Entry<String, Map<String, String>> m : cfgModuleOverrides.entrySet()) {
            if (!loadedModules.contains(m.getKey())) {
                return "The configuration file replaces definitions of module " + m.getKey()
                        + " ([" + m.getKey() + "]), but the specification uses no module of that name.";
            }
            for (Map.Entry<String, String> o : m.getValue().entrySet()) {
                if (!(root.globals.get(o.getValue()) instanceof DefB)) {
                    return "The configuration file substitutes " + o.getValue() + " for " + o.getKey() + " of module "
                            + m.getKey() + ", but " + o.getValue() + " is not defined in the specification.";
                }
                if (!appliedModuleOverrides.contains(m.getKey() + "!" + o.getKey())) {
                    return "The identifier " + o.getKey() + " replaced in the configuration file (" + o.getKey()
                            + " <- [" + m.getKey() + "] " + o.getValue() + ") is not a definition of module " + m.getKey() + ".";
                }
            }
        }
        return null;
    }

    /** True when {@code name} (or {@code I!J!Op}) names a constant or definition of the root module. */
    private boolean declaredInRoot(String name) {
        String[] parts = name.split("!");
        ModuleScope target = root;
        for (int i = 0; i < parts.length - 1; i++) {
            if (!(target.globals.get(parts[i]) instanceof InstB ib)) return false;
            target = ib.inner();
        }
        String last = parts[parts.length - 1];
        Binding b = target.globals.get(last);
        if (target != root) return b instanceof DefB && !target.localNames.contains(last);
        if (b == null) {
            // an operator of a standard module the root extends (Seq <- BoundedSeq)
            Builtins.Entry std = Builtins.lookup(last);
            return std != null && root.std.contains(std.module());
        }
        return !(b instanceof VarB) && !(b instanceof InstB);
    }

    /** Constants of the root module that the configuration gives no value. */
    public List<String> unassignedConstants() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Binding> b : root.globals.entrySet()) {
            if (b.getValue() instanceof ConstB) out.add(b.getKey());
        }
        return out;
    }

    /** Names the root module defines or declares (for checking a configuration). */
    public Binding global(String name) {
        return root.globals.get(name);
    }

    public List<String> varNames() {
        return varNames;
    }

    public String rootName() {
        return root.name;
    }

    private final List<Object[]> pendingAssumes = new ArrayList<>();
    /** True while the root module and what it extends and instantiates are being loaded. */
    private boolean loading;
    /** {LateOverride, ModuleScope}: references to overridden constants whose target was not loaded yet. */
    private final List<Object[]> lateOverrides = new ArrayList<>();

    /** Compiled ASSUME expressions of the root module (and what it extends), with their spans. */
    public List<Node> assumes() {
        List<Node> out = new ArrayList<>();
        for (Object[] a : pendingAssumes) {
            Ast.Expr e = (Ast.Expr) a[0];
            Node n = expr(e, null, (ModuleScope) a[1]);
            // SANY's AssumeNode.levelCheck (ASSUMPTION_IS_NOT_CONSTANT): an assumption is a
            // constant formula. Levels here are lower bounds, except that a built-in that reads
            // the search's state (TLCGet) counts as a state expression, so only an action or a
            // temporal formula is certain to be refused; an ASSUME that reads a variable fails
            // when it is evaluated.
            levelAtMost(n, Node.STATE, e.span(), (ModuleScope) a[1], "an ASSUME must be a constant formula (level 0), but this one is");
            out.add(n);
        }
        return out;
    }

    private void loadInto(ModuleScope ms, Ast.Module m, Map<String, Node> subst, Set<String> seen) {
        if (!seen.add(m.name())) return;
        loadedModules.add(m.name());
        for (String ext : m.extendsNames()) {
            if (Builtins.STANDARD_MODULES.contains(ext)) {
                addStd(ms, ext);
                continue;
            }
            Ast.Module em = loader.load(ext);
            if (em == null) {
                throw new SemanticException(new Span(m.name(), 1, 1, 1, 1), m.file(),
                        "cannot find module " + ext + " (EXTENDS " + ext + "): no file " + ext + ".tla next to the spec"
                                + " and it is not a standard module (" + String.join(", ", new java.util.TreeSet<>(Builtins.STANDARD_MODULES)) + ")");
            }
            loadInto(ms, em, subst, seen);
        }
        for (Ast.Param c : m.constants()) {
            if (subst != null) {
                Node n = subst.get(c.name());
                if (n == null) {
                    throw new SemanticException(new Span(m.name(), 1, 1, 1, 1), m.file(),
                            "INSTANCE of " + m.name() + " gives no substitution for constant " + c.name()
                                    + " and no name " + c.name() + " is defined where it is instantiated");
                }
                ms.globals.put(c.name(), new SubstB(n));
            } else if (cfgConstants.containsKey(c.name())) {
                ms.globals.put(c.name(), new SubstB(new Nodes.Lit(Span.NONE, cfgConstants.get(c.name()))));
            } else if (cfgOverrides.containsKey(c.name())) {
                ms.globals.put(c.name(), new OverrideB(cfgOverrides.get(c.name())));
            } else {
                ms.globals.put(c.name(), new ConstB(c.name(), c.arity(), new Span(m.name(), 1, 1, 1, 1)));
            }
        }
        for (int i = 0; i < m.variables().size(); i++) {
            String v = m.variables().get(i);
            if (subst != null) {
                Node n = subst.get(v);
                if (n == null) {
                    throw new SemanticException(m.variableSpans().get(i), m.file(), "INSTANCE of " + m.name()
                            + " gives no substitution for variable " + v + " and no name " + v
                            + " is defined where it is instantiated");
                }
                // an expression standing for a variable of the instantiated module: ENABLED may assign its prime
                ms.globals.put(v, new SubstB(n instanceof Nodes.VarRef ? n : new Nodes.InstanceVar(v, n)));
            } else {
                if (ms.globals.get(v) instanceof VarB) continue;
                ms.globals.put(v, new VarB(varNames.size()));
                varNames.add(v);
            }
        }
        for (Ast.Unit u : m.units()) {
            if (u instanceof Ast.Def d) {
                int[] ar = new int[d.fcnBounds() != null ? countNames(d.fcnBounds()) : d.params().size()];
                if (d.fcnBounds() == null) {
                    for (int i = 0; i < ar.length; i++) ar[i] = d.params().get(i).arity();
                }
                OpDef od = new OpDef(d.name(), d.span(), ar);
                ms.globals.put(d.name(), moduleScopedReplacement(m.name(), d.name(), new DefB(d, ms, od)));
                if (d.local()) ms.localNames.add(d.name());
            } else if (u instanceof Ast.InstanceDef inst) {
                instance(ms, inst);
            } else if (u instanceof Ast.Assume a) {
                if (subst == null) pendingAssumes.add(new Object[] {a.expr(), ms});
            }
        }
    }

    /** What the configuration puts in place of definition {@code name} of module {@code module}; else {@code def}. */
    private Binding moduleScopedReplacement(String module, String name, DefB def) {
        Value v = cfgModuleConstants.getOrDefault(module, Map.of()).get(name);
        if (v != null) return new SubstB(new Nodes.Lit(Span.NONE, v));
        String target = cfgModuleOverrides.getOrDefault(module, Map.of()).get(name);
        if (target == null) return def;
        appliedModuleOverrides.add(module + "!" + name);
        return new OverrideB(target, true);
    }

    private static int countNames(List<Ast.Bound> bounds) {
        int n = 0;
        for (Ast.Bound b : bounds) n += b.names().size();
        return n;
    }

    private void addStd(ModuleScope ms, String name) {
        if (!ms.std.add(name)) return;
        for (String e : Builtins.EXTENDS.getOrDefault(name, List.of())) addStd(ms, e);
    }

    private void instance(ModuleScope ms, Ast.InstanceDef inst) {
        if (!inst.params().isEmpty()) {
            throw error(inst.span(), ms, "parameterised instances (I(x) == INSTANCE ...) are not supported");
        }
        ModuleScope inner;
        if (Builtins.STANDARD_MODULES.contains(inst.module())) {
            if (inst.name() == null) {
                addStd(ms, inst.module());
                return;
            }
            inner = new ModuleScope(inst.module(), null);
            addStd(inner, inst.module());
            ms.globals.put(inst.name(), new InstB(inner));
            return;
        }
        Ast.Module m = loader.load(inst.module());
        if (m == null) {
            throw error(inst.span(), ms, "cannot find module " + inst.module()
                    + " for INSTANCE: no file " + inst.module() + ".tla next to the spec");
        }
        Map<String, Node> subst = new HashMap<>();
        for (int i = 0; i < inst.substNames().size(); i++) {
            subst.put(inst.substNames().get(i), expr(inst.substExprs().get(i), null, ms));
        }
        // Implicit substitution: parameters not named in WITH mean the same name here.
        List<String> params = new ArrayList<>();
        collectParams(m, params, new HashSet<>());
        for (String p : params) {
            if (!subst.containsKey(p) && ms.globals.containsKey(p)) {
                subst.put(p, resolveGlobalAsNode(ms, p, inst.span()));
            }
        }
        inner = new ModuleScope(m.name(), m.file());
        loadInto(inner, m, subst, new HashSet<>());
        if (inst.name() == null) {
            for (Map.Entry<String, Binding> b : inner.globals.entrySet()) {
                if (b.getValue() instanceof DefB && !inner.localNames.contains(b.getKey())) {
                    ms.globals.put(b.getKey(), b.getValue());
                }
            }
            ms.std.addAll(inner.std);
        } else {
            ms.globals.put(inst.name(), new InstB(inner));
        }
    }

    private void collectParams(Ast.Module m, List<String> out, Set<String> seen) {
        if (!seen.add(m.name())) return;
        for (String e : m.extendsNames()) {
            if (!Builtins.STANDARD_MODULES.contains(e)) {
                Ast.Module em = loader.load(e);
                if (em != null) collectParams(em, out, seen);
            }
        }
        for (Ast.Param c : m.constants()) out.add(c.name());
        out.addAll(m.variables());
    }

    private Node resolveGlobalAsNode(ModuleScope ms, String name, Span at) {
        return expr(new Ast.Name(at, List.of(), name, List.of()), null, ms);
    }

    /** The compiled definition of a root-module name (for INIT, NEXT, INVARIANT, ...). */
    public OpDef definition(String name) {
        Binding b = root.globals.get(name);
        if (b instanceof OverrideB o) b = root.globals.get(o.target());
        if (b instanceof DefB d) {
            ensureCompiled(d);
            return d.def;
        }
        return null;
    }

    /** Compiles an expression in the root module's scope (for .cfg-level uses). */
    public Node rootCall(String name, Span at) {
        return expr(new Ast.Name(at, List.of(), name, List.of()), null, root);
    }

    private void ensureCompiled(DefB d) {
        if (d.compiled || d.compiling) return;
        d.compiling = true;
        Ast.Def ast = d.ast;
        OpDef od = d.def;
        if (ast.fcnBounds() != null) {
            Scope s = new Scope(null);
            od.domain = binder(ast.fcnBounds(), null, d.scope, s, ast.span());
            od.frameSize = od.domain.size;
            od.body = expr(ast.body(), s, d.scope);
        } else {
            Scope s = new Scope(null);
            for (Ast.Param p : ast.params()) {
                s.add(p.name(), p.arity() == 0 ? Kind.PARAM : new OpParam(p.arity()));
            }
            od.frameSize = Math.max(ast.params().size(), 0);
            od.body = expr(ast.body(), ast.params().isEmpty() ? null : s, d.scope);
        }
        od.level = od.body.level;
        if (od.domain != null) {
            for (Binder.Group g : od.domain.groups) od.level = Math.max(od.level, g.set().level);
        }
        d.compiled = true;
        d.compiling = false;
    }

    // ------------------------------------------------------------------ expressions

    private SemanticException error(Span at, ModuleScope ms, String msg) {
        // located in the file of the module the text is in, which is not the root's for an extended module
        String file = at.module().equals(ms.name) || at == Span.NONE || ms.file == null ? ms.file : at.module() + ".tla";
        return new SemanticException(at, file, msg);
    }

    private static Node dyn(Node n, Node... children) {
        for (Node c : children) {
            if (c != null && c.dyn) n.dyn = true;
        }
        return n;
    }

    private Node[] exprs(List<Ast.Expr> es, Scope s, ModuleScope ms) {
        Node[] out = new Node[es.size()];
        for (int i = 0; i < out.length; i++) out[i] = expr(es.get(i), s, ms);
        return out;
    }

    Node expr(Ast.Expr e, Scope s, ModuleScope ms) {
        if (e instanceof Ast.Num n) {
            if (n.value() > Integer.MAX_VALUE) {
                // SANY accepts it; TLC stops when it evaluates it (Tool.evalImpl, NumeralKind:
                // TLC_INTEGER_TOO_BIG), so an unused one is harmless (D026, D043)
                long big = n.value();
                return core(n.span(), "a number", (c, at, a) -> {
                    throw new EvalException(at, "TLC can't handle a number this big: " + big
                            + " is outside TLC's 32-bit integers", 255);
                });
            }
            return new Nodes.Lit(n.span(), IntValue.of((int) n.value()));
        }
        if (e instanceof Ast.Decimal d) {
            // SANY parses the Reals' literals; TLC has no real numbers and stops when it meets one (C015, D085)
            String text = d.text();
            return core(d.span(), "a number", (c, at, a) -> {
                throw new EvalException(at, "TLC can't handle real numbers.\n" + text);
            });
        }
        if (e instanceof Ast.Str str) return new Nodes.Lit(str.span(), StringValue.of(str.value()));
        if (e instanceof Ast.Name n) return name(n, s, ms);
        if (e instanceof Ast.OpArg o) return opArg(o, ms);
        if (e instanceof Ast.Prime p) {
            Node inner = expr(p.expr(), s, ms);
            levelAtMost(inner, Node.STATE, p.span(), ms, "' (prime) applies to a state expression, but this one is");
            if (inner.level == Node.CONSTANT) return inner; // a constant primed is itself, also where no next state exists (B054)
            if (inner instanceof Nodes.VarRef v) return new Nodes.PrimeVar(p.span(), v.idx);
            return dyn(new Nodes.PrimeExpr(p.span(), inner), inner);
        }
        if (e instanceof Ast.Unary u) return unary(u, s, ms);
        if (e instanceof Ast.Binary b) return binary(b, s, ms);
        if (e instanceof Ast.Junction j) {
            List<Node> items = new ArrayList<>();
            flattenJunction(j, j.conjunction(), items, s, ms);
            Node[] arr = items.toArray(new Node[0]);
            int level = DataNodes.maxLevel(arr);
            Node n = j.conjunction() ? new Nodes.And(j.span(), arr, level) : new Nodes.Or(j.span(), arr, level);
            return dyn(n, arr);
        }
        if (e instanceof Ast.Tuple t) {
            Node[] items = exprs(t.items(), s, ms);
            return dyn(new DataNodes.Tuple(t.span(), items), items);
        }
        if (e instanceof Ast.SetEnum se) {
            Node[] items = exprs(se.items(), s, ms);
            return dyn(new DataNodes.SetEnum(se.span(), items), items);
        }
        if (e instanceof Ast.SetFilter sf) {
            Scope inner = new Scope(s);
            Binder b = binder(List.of(sf.bound()), s, ms, inner, sf.span());
            Node pred = expr(sf.pred(), inner, ms);
            return dyn(new DataNodes.SetFilter(sf.span(), b, pred, Math.max(pred.level, binderLevel(b))), pred, binderDyn(b));
        }
        if (e instanceof Ast.SetMap sm) {
            Scope inner = new Scope(s);
            Binder b = binder(sm.bounds(), s, ms, inner, sm.span());
            Node body = expr(sm.expr(), inner, ms);
            return dyn(new DataNodes.SetMap(sm.span(), b, body, Math.max(body.level, binderLevel(b))), body, binderDyn(b));
        }
        if (e instanceof Ast.FcnCons fc) {
            Scope inner = new Scope(s);
            Binder b = binder(fc.bounds(), s, ms, inner, fc.span());
            Node body = expr(fc.body(), inner, ms);
            return dyn(new DataNodes.FcnCons(fc.span(), b, body, Math.max(body.level, binderLevel(b))), body, binderDyn(b));
        }
        if (e instanceof Ast.FcnApp fa) return fcnApp(fa, s, ms);
        if (e instanceof Ast.FcnSet fs) {
            Node d = expr(fs.domain(), s, ms);
            Node r = expr(fs.range(), s, ms);
            return dyn(new DataNodes.FcnSet(fs.span(), d, r), d, r);
        }
        if (e instanceof Ast.RecordCons rc) {
            Node[] vals = exprs(rc.values(), s, ms);
            return dyn(new DataNodes.RecordCons(rc.span(), rc.fields().toArray(new String[0]), vals), vals);
        }
        if (e instanceof Ast.RecordSet rs) {
            Node[] sets = exprs(rs.sets(), s, ms);
            return dyn(new DataNodes.RecordSet(rs.span(), rs.fields().toArray(new String[0]), sets), sets);
        }
        if (e instanceof Ast.Except ex) return except(ex, s, ms);
        if (e instanceof Ast.At at) {
            Node r = lookupLocal("@", at.span(), s, List.of(), ms);
            if (r == null) throw error(at.span(), ms, "@ may only be used in the value of an EXCEPT clause");
            return r;
        }
        if (e instanceof Ast.Dot d) {
            Node r = expr(d.record(), s, ms);
            return dyn(new DataNodes.Dot(d.span(), r, d.field()), r);
        }
        if (e instanceof Ast.If i) {
            Node c = expr(i.cond(), s, ms);
            Node t = expr(i.then(), s, ms);
            Node o = expr(i.otherwise(), s, ms);
            return dyn(new Nodes.If(i.span(), c, t, o), c, t, o);
        }
        if (e instanceof Ast.Case cs) {
            Node[] g = exprs(cs.guards(), s, ms);
            Node[] v = exprs(cs.values(), s, ms);
            Node o = cs.other() == null ? null : expr(cs.other(), s, ms);
            int level = Math.max(DataNodes.maxLevel(g), DataNodes.maxLevel(v));
            if (o != null) level = Math.max(level, o.level);
            Node n = new Nodes.Case(cs.span(), g, v, o, level);
            dyn(n, g);
            dyn(n, v);
            return dyn(n, o);
        }
        if (e instanceof Ast.Let l) return let(l, s, ms);
        if (e instanceof Ast.Quant q) {
            if (q.bounds().stream().anyMatch(b -> b.set() == null)) {
                return new Unbounded(q.span(), "an unbounded quantifier (\\A x : P or \\E x : P)");
            }
            Scope inner = new Scope(s);
            Binder b = binder(q.bounds(), s, ms, inner, q.span());
            Node body = expr(q.body(), inner, ms);
            return dyn(new Nodes.Quant(q.span(), q.forall(), b, body, Math.max(body.level, binderLevel(b))), body, binderDyn(b));
        }
        if (e instanceof Ast.Choose ch) {
            if (ch.bound().set() == null) return new Unbounded(ch.span(), "an unbounded CHOOSE (CHOOSE x : P)");
            Scope inner = new Scope(s);
            Binder b = binder(List.of(ch.bound()), s, ms, inner, ch.span());
            Node body = expr(ch.body(), inner, ms);
            return dyn(new Nodes.Choose(ch.span(), b, body, Math.max(body.level, binderLevel(b))), body, binderDyn(b));
        }
        if (e instanceof Ast.Lambda lam) {
            Scope inner = new Scope(s);
            for (String p : lam.params()) inner.add(p, Kind.PARAM);
            OpDef od = new OpDef("LAMBDA", lam.span(), new int[lam.params().size()]);
            od.body = expr(lam.body(), inner, ms);
            od.level = od.body.level;
            return new Nodes.LambdaNode(lam.span(), od);
        }
        if (e instanceof Ast.BoxAction ba) {
            Node a = expr(ba.action(), s, ms);
            levelAtMost(a, Node.ACTION, ba.span(), ms, "[A]_v needs an action A, but this one is");
            Nodes.Unchanged u = unchanged(ba.sub(), s, ms);
            return dyn(new Nodes.BoxAction(ba.span(), a, u), a, u);
        }
        if (e instanceof Ast.AngleAction aa) {
            Node a = expr(aa.action(), s, ms);
            levelAtMost(a, Node.ACTION, aa.span(), ms, "<<A>>_v needs an action A, but this one is");
            Nodes.Unchanged u = unchanged(aa.sub(), s, ms);
            return dyn(new Nodes.AngleAction(aa.span(), a, u), a, u);
        }
        if (e instanceof Ast.Fairness f) {
            Node sub = expr(f.sub(), s, ms);
            Node a = expr(f.action(), s, ms);
            levelAtMost(a, Node.ACTION, f.span(), ms, (f.strong() ? "SF" : "WF") + "_v(A) needs an action A, but this one is");
            levelAtMost(sub, Node.STATE, f.span(), ms, "the subscript v of " + (f.strong() ? "SF" : "WF") + "_v(A) must be a state expression, but it is");
            return new Nodes.Temporal(f.span(), f.strong() ? "SF" : "WF", sub, a);
        }
        if (e instanceof Ast.Times t) {
            Node[] sets = exprs(t.sets(), s, ms);
            return dyn(new DataNodes.Times(t.span(), sets), sets);
        }
        throw error(e.span(), ms, "unsupported expression");
    }

    private static final String[] LEVELS = {"a constant", "a state expression", "an action (it contains a primed"
            + " variable)", "a temporal formula"};

    /**
     * SANY's level checking: an operand whose level (a lower bound: parameters count as constants) is
     * above {@code max} is a semantic error, as in TLC.
     */
    private void levelAtMost(Node n, int max, Span at, ModuleScope ms, String what) {
        if (n.level > max) throw error(at, ms, "Level error: " + what + " " + LEVELS[Math.min(n.level, 3)]);
    }

    private static int binderLevel(Binder b) {
        int l = Node.CONSTANT;
        for (Binder.Group g : b.groups) l = Math.max(l, g.set().level);
        return l;
    }

    private static Node binderDyn(Binder b) {
        for (Binder.Group g : b.groups) {
            if (g.set().dyn) return g.set();
        }
        return null;
    }

    private void flattenJunction(Ast.Expr e, boolean conj, List<Node> out, Scope s, ModuleScope ms) {
        if (e instanceof Ast.Junction j && j.conjunction() == conj) {
            for (Ast.Expr i : j.items()) flattenJunction(i, conj, out, s, ms);
        } else {
            out.add(expr(e, s, ms));
        }
    }

    /** Bounds: sets compiled in the enclosing scope, names added to {@code inner}. */
    private Binder binder(List<Ast.Bound> bounds, Scope outer, ModuleScope ms, Scope inner, Span span) {
        List<Binder.Group> groups = new ArrayList<>();
        for (Ast.Bound b : bounds) {
            if (b.set() == null) throw error(span, ms, "TLC needs a bound set here (x \\in S)");
            Node set = expr(b.set(), outer, ms);
            int first = inner.names.size();
            for (String n : b.names()) inner.add(n, Kind.BOUND);
            groups.add(new Binder.Group(first, List.copyOf(b.names()), b.tuple(), set));
        }
        return new Binder(groups.toArray(new Binder.Group[0]), span);
    }

    private Node except(Ast.Except ex, Scope s, ModuleScope ms) {
        Node f = expr(ex.fcn(), s, ms);
        Object[][] paths = new Object[ex.clauses().size()][];
        Node[] values = new Node[paths.length];
        int level = f.level;
        Node n0 = f;
        List<Node> all = new ArrayList<>();
        all.add(f);
        for (int i = 0; i < paths.length; i++) {
            Ast.ExceptClause cl = ex.clauses().get(i);
            paths[i] = new Object[cl.path().size()];
            for (int j = 0; j < paths[i].length; j++) {
                Object step = cl.path().get(j);
                if (step instanceof String str) {
                    paths[i][j] = str;
                } else {
                    @SuppressWarnings("unchecked")
                    Node[] idx = exprs((List<Ast.Expr>) step, s, ms);
                    for (Node x : idx) {
                        level = Math.max(level, x.level);
                        all.add(x);
                    }
                    paths[i][j] = idx;
                }
            }
            Scope at = new Scope(s);
            at.add("@", Kind.BOUND);
            values[i] = expr(cl.value(), at, ms);
            level = Math.max(level, values[i].level);
            all.add(values[i]);
        }
        return dyn(new DataNodes.Except(ex.span(), n0, paths, values, level), all.toArray(new Node[0]));
    }

    private Node let(Ast.Let l, Scope s, ModuleScope ms) {
        Scope inner = new Scope(s);
        OpDef[] defs = new OpDef[l.defs().size()];
        for (int i = 0; i < defs.length; i++) {
            Ast.Def d = l.defs().get(i);
            int n = d.fcnBounds() != null ? countNames(d.fcnBounds()) : d.params().size();
            int[] ar = new int[n];
            if (d.fcnBounds() == null) {
                for (int k = 0; k < n; k++) ar[k] = d.params().get(k).arity();
            }
            defs[i] = new OpDef(d.name(), d.span(), ar);
            inner.add(d.name(), defs[i]);
        }
        for (int i = 0; i < defs.length; i++) {
            Ast.Def d = l.defs().get(i);
            OpDef od = defs[i];
            if (d.fcnBounds() != null) {
                Scope fs = new Scope(inner);
                od.domain = binder(d.fcnBounds(), inner, ms, fs, d.span());
                od.frameSize = od.domain.size;
                od.body = expr(d.body(), fs, ms);
            } else if (d.params().isEmpty()) {
                od.body = expr(d.body(), inner, ms);
            } else {
                Scope ps = new Scope(inner);
                for (Ast.Param p : d.params()) ps.add(p.name(), p.arity() == 0 ? Kind.PARAM : new OpParam(p.arity()));
                od.body = expr(d.body(), ps, ms);
            }
            od.level = od.body.level;
        }
        Node body = expr(l.body(), inner, ms);
        Node n = new Nodes.Let(l.span(), defs, body);
        n.dyn = body.dyn;
        for (OpDef d : defs) n.dyn |= d.body.dyn;
        return n;
    }

    private Nodes.Unchanged unchanged(Ast.Expr sub, Scope s, ModuleScope ms) {
        Node n = expr(sub, s, ms);
        levelAtMost(n, Node.STATE, sub.span(), ms, "UNCHANGED and the subscript of [A]_v take a state expression, but this one is");
        List<Integer> vars = new ArrayList<>();
        List<Node> others = new ArrayList<>();
        flattenVars(n, vars, others);
        int[] vs = new int[vars.size()];
        for (int i = 0; i < vs.length; i++) vs[i] = vars.get(i);
        return new Nodes.Unchanged(sub.span(), vs, others.toArray(new Node[0]));
    }

    private void flattenVars(Node n, List<Integer> vars, List<Node> others) {
        if (n instanceof Nodes.VarRef v) {
            vars.add(v.idx);
        } else if (n instanceof DataNodes.Tuple t) {
            for (Node i : t.items) flattenVars(i, vars, others);
        } else if (n instanceof Nodes.DefCall dc && dc.args.length == 0 && !dc.def.isFunction()) {
            flattenVars(dc.def.body, vars, others);
        } else if (n.level == Node.CONSTANT) {
            // a constant never changes
        } else {
            others.add(n);
        }
    }

    private Node unary(Ast.Unary u, Scope s, ModuleScope ms) {
        Node x = expr(u.expr(), s, ms);
        Node n = switch (u.op()) {
            case "~" -> new Nodes.Not(u.span(), x);
            case "[]", "<>" -> new Nodes.Temporal(u.span(), u.op(), x);
            case "ENABLED" -> {
                levelAtMost(x, Node.ACTION, u.span(), ms, "ENABLED applies to an action, but this is");
                yield new Nodes.Enabled(u.span(), x);
            }
            case "UNCHANGED" -> unchanged(u.expr(), s, ms);
            case "SUBSET" -> core(u.span(), "SUBSET", (c, at, a) ->
                    new io.barreleye.modelcheck.value.LazySets.PowerSet(Values.asSet(at, "SUBSET", a[0])), x);
            case "UNION" -> core(u.span(), "UNION", (c, at, a) -> Builtins.union(at, a[0]), x);
            case "DOMAIN" -> core(u.span(), "DOMAIN", (c, at, a) -> Values.asFcn(at, "DOMAIN", a[0]).domain(), x);
            default -> userOrBuiltin(u.span(), u.op(), new Node[] {x}, s, ms);
        };
        return dyn(n, x);
    }

    private static Node core(Span span, String name, Builtins.Fn fn, Node... args) {
        return new DataNodes.Builtin(span, name, fn, args, DataNodes.maxLevel(args));
    }

    private Node binary(Ast.Binary b, Scope s, ModuleScope ms) {
        // A user definition of the symbol (e.g. \prec, ++) takes precedence over the built-in one.
        if (ms.globals.get(b.op()) instanceof DefB) {
            return userOrBuiltin(b.span(), b.op(), new Node[] {expr(b.left(), s, ms), expr(b.right(), s, ms)}, s, ms);
        }
        Node l = expr(b.left(), s, ms);
        Node r = expr(b.right(), s, ms);
        Span sp = b.span();
        Node n = switch (b.op()) {
            case "=" -> new Nodes.Eq(sp, l, r);
            case "#", "/=" -> new Nodes.Not(sp, new Nodes.Eq(sp, l, r));
            case "\\in" -> new Nodes.In(sp, l, r);
            case "\\notin" -> new Nodes.Not(sp, new Nodes.In(sp, l, r));
            case "=>" -> new Nodes.Implies(sp, l, r);
            case "<=>" -> new Nodes.Equiv(sp, l, r);
            case "~>", "-+->" -> new Nodes.Temporal(sp, b.op(), l, r);
            case "\\cup", "\\cap", "\\" -> core(sp, b.op(), (c, at, a) -> Builtins.setOp(at, b.op(), a[0], a[1]), l, r);
            case "\\subseteq" -> core(sp, b.op(), (c, at, a) ->
                    BoolValue.of(subset(at, a[0], a[1])), l, r);
            case "\\subset" -> core(sp, b.op(), (c, at, a) ->
                    BoolValue.of(subset(at, a[0], a[1]) && !Values.eq(a[0], a[1])), l, r);
            case "\\supseteq" -> core(sp, b.op(), (c, at, a) -> BoolValue.of(subset(at, a[1], a[0])), l, r);
            case "\\supset" -> core(sp, b.op(), (c, at, a) ->
                    BoolValue.of(subset(at, a[1], a[0]) && !Values.eq(a[0], a[1])), l, r);
            default -> userOrBuiltin(sp, b.op(), new Node[] {l, r}, s, ms);
        };
        if (n.level < Math.max(l.level, r.level)) n.level = Math.max(l.level, r.level);
        return dyn(n, l, r);
    }

    private static boolean subset(Span at, Value a, Value b) {
        SetValue x = Values.asSet(at, "\\subseteq", a);
        SetValue y = Values.asSet(at, "\\subseteq", b);
        try {
            return x.subsetOf(y);
        } catch (io.barreleye.modelcheck.value.ValueException ex) {
            throw new EvalException(at, ex.getMessage());
        }
    }

    /** An operator symbol or name: a user definition if there is one, else a standard-module built-in. */
    private Node userOrBuiltin(Span span, String op, Node[] args, Scope s, ModuleScope ms) {
        Binding b = ms.globals.get(op);
        if (b instanceof DefB d) return call(d, args, span, ms);
        if (op.equals("AssertError") && args.length == 2 && ms.std.contains("TLCExt")) {
            return dyn(new DataNodes.AssertError(span, args[0], args[1]), args); // its expression is evaluated inside it
        }
        Builtins.Entry entry = Builtins.lookup(op);
        if (entry != null && ms.std.contains(entry.module())) {
            if (entry.arity() != args.length) {
                throw error(span, ms, op + " takes " + entry.arity() + " argument(s) but is given " + args.length);
            }
            Node n = new DataNodes.Builtin(span, op, entry.fn(), args, entry.stateful()
                    ? Math.max(Node.STATE, DataNodes.maxLevel(args)) : DataNodes.maxLevel(args));
            return dyn(n, args);
        }
        String display = op.equals("-.") ? "-" : op;
        if (entry != null) {
            throw error(span, ms, "Unknown operator: `" + display + "'. It is defined in the standard module "
                    + entry.module() + "; add it to EXTENDS");
        }
        throw error(span, ms, "Unknown operator: `" + display + "'");
    }

    private Node opArg(Ast.OpArg o, ModuleScope ms) {
        Binding b = ms.globals.get(o.symbol());
        if (b instanceof DefB d) {
            ensureCompiled(d);
            return new Nodes.OpRef(o.span(), d.def);
        }
        Builtins.Entry entry = Builtins.lookup(o.symbol());
        if (entry != null && ms.std.contains(entry.module())) {
            return new Nodes.BuiltinOpRef(o.span(), new Closure.OfBuiltin(o.symbol(), entry.arity(), entry.fn()));
        }
        throw error(o.span(), ms, "Unknown operator: `" + o.symbol() + "'");
    }

    private Node call(DefB d, Node[] args, Span span, ModuleScope ms) {
        ensureCompiled(d);
        OpDef od = d.def;
        if (args.length == 0 && od.arity() > 0 && !od.isFunction()) return new Nodes.OpRef(span, od);
        if (od.isFunction() && args.length == 0) {
            Node n = new Nodes.DefCall(span, od, args, Math.max(0, od.level));
            return n;
        }
        if (od.arity() != args.length) {
            throw error(span, ms, d.ast.name() + " takes " + od.arity() + " argument(s) but is given " + args.length);
        }
        int level = Math.max(od.level, DataNodes.maxLevel(args));
        Node n = new Nodes.DefCall(span, od, args, level);
        return dyn(n, args);
    }

    private Node fcnApp(Ast.FcnApp fa, Scope s, ModuleScope ms) {
        Node[] args = exprs(fa.args(), s, ms);
        if (fa.fcn() instanceof Ast.Name n && n.args().isEmpty() && n.path().isEmpty()) {
            // f[x] of a recursive function definition is evaluated point by point.
            Object[] local = findLocal(n.name(), s);
            if (local != null && local[2] instanceof OpDef od && od.isFunction()) {
                Nodes.LocalRef ref = new Nodes.LocalRef(n.span(), (int) local[0], (int) local[1], n.name(), od.level);
                return dyn(new Nodes.RecFcnApp(fa.span(), od, ref, args, Math.max(od.level < 0 ? 0 : od.level, DataNodes.maxLevel(args))), args);
            }
            if (local == null && ms.globals.get(n.name()) instanceof DefB d && d.ast.fcnBounds() != null) {
                ensureCompiled(d);
                return dyn(new Nodes.RecFcnApp(fa.span(), d.def, null, args, Math.max(Math.max(d.def.level, 0), DataNodes.maxLevel(args))), args);
            }
        }
        Node f = expr(fa.fcn(), s, ms);
        return dyn(new DataNodes.FcnApp(fa.span(), f, args), args);
    }

    /** Returns {depth, index, info} of the innermost local binding of {@code name}, or null. */
    private static Object[] findLocal(String name, Scope s) {
        int depth = 0;
        for (Scope sc = s; sc != null; sc = sc.parent, depth++) {
            for (int i = sc.names.size() - 1; i >= 0; i--) {
                if (sc.names.get(i).equals(name)) return new Object[] {depth, i, sc.info.get(i)};
            }
        }
        return null;
    }

    private Node lookupLocal(String name, Span span, Scope s, List<Ast.Expr> argAsts, ModuleScope ms) {
        Object[] found = findLocal(name, s);
        if (found == null) return null;
        int depth = (int) found[0];
        int idx = (int) found[1];
        Object info = found[2];
        if (info == Kind.BOUND) {
            if (!argAsts.isEmpty()) throw error(span, ms, name + " is a bound variable, not an operator; it takes no arguments");
            return new Nodes.LocalRef(span, depth, idx, name, Node.CONSTANT);
        }
        if (info == Kind.PARAM) {
            if (!argAsts.isEmpty()) throw error(span, ms, name + " is an ordinary parameter; it takes no arguments");
            Node n = new Nodes.LocalRef(span, depth, idx, name, Node.CONSTANT);
            n.dyn = true;
            return n;
        }
        Node[] args = exprs(argAsts, s, ms);
        if (args.length == 0 && (info instanceof OpParam || info instanceof OpDef od0 && od0.arity() > 0)) {
            // an operator named without arguments: passed on to a higher-order parameter
            Node ref = new Nodes.LocalRef(span, depth, idx, name, Node.CONSTANT);
            ref.dyn = true;
            return ref;
        }
        if (info instanceof OpParam op) {
            if (op.arity() != args.length) {
                throw error(span, ms, name + " takes " + op.arity() + " argument(s) but is given " + args.length);
            }
            Nodes.LocalRef ref = new Nodes.LocalRef(span, depth, idx, name, Node.CONSTANT);
            Node n = new Nodes.ClosureCall(span, ref, args, DataNodes.maxLevel(args));
            n.dyn = true;
            return n;
        }
        OpDef od = (OpDef) info;
        int lvl = Math.max(od.level < 0 ? 0 : od.level, DataNodes.maxLevel(args));
        Nodes.LocalRef ref = new Nodes.LocalRef(span, depth, idx, name, lvl);
        if (od.isFunction() || od.arity() == 0) {
            if (args.length > 0) throw error(span, ms, name + " takes no arguments");
            if (od.body != null) ref.dyn = od.body.dyn;
            return ref;
        }
        if (od.arity() != args.length) {
            throw error(span, ms, name + " takes " + od.arity() + " argument(s) but is given " + args.length);
        }
        Node n = new Nodes.ClosureCall(span, ref, args, lvl);
        if (od.body != null) n.dyn = od.body.dyn;
        return dyn(n, args);
    }

    private Node name(Ast.Name n, Scope s, ModuleScope ms) {
        if (!n.path().isEmpty()) {
            ModuleScope target = ms;
            for (String p : n.path()) {
                Binding b = target.globals.get(p);
                if (!(b instanceof InstB ib)) throw error(n.span(), target, p + " is not an instance (M == INSTANCE ...)");
                target = ib.inner();
            }
            Binding b = target.globals.get(n.name());
            if (target.localNames.contains(n.name())) b = null;
            // the configuration may replace S!Op itself (CONSTANT S!Op = v, S!Op <- Def), as TLC names it
            Binding whole = ms == root ? root.globals.get(String.join("!", n.path()) + "!" + n.name()) : null;
            if (whole != null) {
                b = whole;
                target = root;
            }
            Node[] args = exprs(n.args(), s, ms);
            if (b instanceof OverrideB o) b = overrideTarget(o, n, target);
            if (b instanceof SubstB sb && args.length == 0) return sb.node();
            if (b instanceof DefB d) return call(d, args, n.span(), target);
            if (b == null) {
                return userOrBuiltin(n.span(), n.name(), args, s, target);
            }
            throw error(n.span(), ms, n.name() + " is not a definition of " + target.name);
        }
        Node local = lookupLocal(n.name(), n.span(), s, n.args(), ms);
        if (local != null) return local;
        Binding b = ms.globals.get(n.name());
        if (b instanceof OverrideB o) {
            ModuleScope where = o.inRoot() ? root : ms;
            Binding t = where.globals.get(o.target());
            if (!(t instanceof DefB) && t == null && n.args().isEmpty() && loading) {
                // perhaps defined by a module loaded later (one that extends this one): bind at the end
                Nodes.LateOverride late = new Nodes.LateOverride(n.span(), n.name(), o.target());
                lateOverrides.add(new Object[] {late, where});
                return late;
            }
            b = overrideTarget(o, n, ms);
        }
        if (b instanceof DefB d) return call(d, exprs(n.args(), s, ms), n.span(), ms);
        if (b instanceof VarB v) {
            if (!n.args().isEmpty()) throw error(n.span(), ms, n.name() + " is a variable; it takes no arguments");
            return new Nodes.VarRef(n.span(), v.idx());
        }
        if (b instanceof SubstB sb) {
            if (n.args().isEmpty()) return sb.node();
            // a constant operator (Parent(_, _)) that INSTANCE ... WITH Parent <- Op replaced by an operator
            Node[] args = exprs(n.args(), s, ms);
            Node call = new Nodes.ClosureCall(n.span(), sb.node(), n.name(), args, Math.max(sb.node().level, DataNodes.maxLevel(args)));
            call.dyn = true;
            return call;
        }
        if (b instanceof ConstB cb) {
            throw error(n.span(), ms, "the constant " + n.name() + " has no value: give it one in the .cfg file"
                    + " (CONSTANT " + n.name() + " = ...)");
        }
        if (b instanceof InstB) throw error(n.span(), ms, n.name() + " is an instance; use " + n.name() + "!Op");
        switch (n.name()) {
            case "TRUE":
                return new Nodes.Lit(n.span(), BoolValue.TRUE);
            case "FALSE":
                return new Nodes.Lit(n.span(), BoolValue.FALSE);
            case "BOOLEAN":
                return new Nodes.Lit(n.span(), SetEnumValue.of(new Value[] {BoolValue.FALSE, BoolValue.TRUE}));
            case "STRING":
                return new Nodes.Lit(n.span(), InfiniteSet.STRING);
            default:
                break;
        }
        return userOrBuiltin(n.span(), n.name(), exprs(n.args(), s, ms), s, ms);
    }

    /** The definition that replaces a name overridden in the configuration. */
    private DefB overrideTarget(OverrideB o, Ast.Name n, ModuleScope ms) {
        if ((o.inRoot() ? root : ms).globals.get(o.target()) instanceof DefB d) return d;
        throw error(n.span(), ms, "the configuration replaces " + n.name() + " by " + o.target()
                + ", which is not defined in the spec");
    }

    /** An unbounded quantifier or CHOOSE: legal TLA+, but TLC cannot evaluate it. */
    static final class Unbounded extends Node {
        private final String what;

        Unbounded(Span s, String what) {
            super(s, Node.CONSTANT);
            this.what = what;
        }

        @Override public Value eval(Ctx c, Env e) {
            throw new EvalException(span, "TLC cannot evaluate " + what + "; bound it with \\in S");
        }
    }
}
