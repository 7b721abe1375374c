package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.config.ConfigException;
import io.barreleye.modelcheck.config.ModelConfig;
import io.barreleye.modelcheck.syntax.Ast;
import io.barreleye.modelcheck.syntax.Span;
import io.barreleye.modelcheck.temporal.Ltl;
import io.barreleye.modelcheck.value.Copies;
import io.barreleye.modelcheck.value.FcnValue;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.SetValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec and its model, ready to check: the initial predicate, the next-state action, the
 * invariants, constraints and action properties of the .cfg, and how states are fingerprinted
 * (plainly, through a VIEW, or up to SYMMETRY). Thread-safe: every call builds its own context.
 */
public final class CompiledSpec {
    /** Receives states (and, for successors, the action that produced them). */
    @FunctionalInterface
    public interface Sink {
        void accept(Value[] state, Label label);
    }

    /** A named state predicate or action from the model file. */
    public record Check(String name, Node node) {}

    public final String moduleName;
    public final String[] varNames;
    public final World world;
    public final boolean checkDeadlock;
    private final Node init;
    private final Node next;
    private final String nextName;
    public final List<Check> invariants = new ArrayList<>();
    public final List<Check> initProperties = new ArrayList<>();
    public final List<Check> actionProperties = new ArrayList<>();
    private final List<Node> constraints = new ArrayList<>();
    private final List<Node> actionConstraints = new ArrayList<>();
    private final List<Node> assumes;
    private final Node view;
    private final List<Map<Value, Value>> symmetry = new ArrayList<>();
    private final Node alias;
    private final Node postcondition;
    public final String postconditionName;

    /** The ALIAS of a state (a record of what to print instead of the variables), or null without one. */
    public Value alias(Value[] s, Value[] next, int level) {
        if (alias == null) return null;
        return alias.eval(ctx(s, next, false, level), null);
    }

    /** Evaluates the POSTCONDITION with the search's statistics; true when there is none. */
    public boolean postconditionHolds(long distinct, long generated, int depth, long queue) {
        if (postcondition == null) return true;
        world.stats.put("distinct", distinct);
        world.stats.put("generated", generated);
        world.stats.put("diameter", (long) depth);
        world.stats.put("queue", queue);
        return postcondition.evalBool(ctx(new Value[varNames.length], null, false, depth), null);
    }

    /** Fairness conjuncts of the specification, kept for liveness checking. */
    public final List<Node> fairness = new ArrayList<>();

    private final Compiler compiler;
    private final ModuleLoader loader;

    private CompiledSpec(Compiler compiler, ModuleLoader loader, ModelConfig cfg, boolean deadlockFlagOff, PrintStream out) {
        this.compiler = compiler;
        this.loader = loader;
        this.moduleName = compiler.rootName();
        this.varNames = compiler.varNames().toArray(new String[0]);
        for (int i = varNames.length - 1; i >= 0; i--) varIndices.put(varNames[i], i); // the first of a name, as the scan found it
        this.world = new World(varNames, out);
        this.assumes = compiler.assumes();
        Node initNode;
        Node nextNode;
        String nName;
        if (cfg.specification != null && (cfg.init != null || cfg.next != null)) {
            throw new ConfigException("The model file names both SPECIFICATION and " + (cfg.init != null ? "INIT" : "NEXT")
                    + "; give either the specification or the initial predicate and next-state relation, as TLC requires.");
        }
        if (cfg.specification == null && cfg.init == null && cfg.next == null && varNames.length == 0
                && cfg.invariants.isEmpty() && cfg.properties.isEmpty()) {
            // TLC checks the assumptions of a spec without variables and stops: no initial
            // state is generated and nothing is explored (ModelChecker: no next-state action)
            initNode = new Nodes.Lit(Span.NONE, io.barreleye.modelcheck.value.BoolValue.FALSE);
            nextNode = initNode;
            nName = "Next";
        } else if (cfg.specification != null) {
            OpDef spec = def(compiler, cfg.specification, "specification");
            List<Node> inits = new ArrayList<>();
            List<Node> nexts = new ArrayList<>();
            List<Node> other = new ArrayList<>();
            analyzeSpec(spec.body, inits, nexts, other);
            if (inits.isEmpty()) throw new ConfigException("the specification " + cfg.specification + " has no initial predicate");
            if (nexts.size() != 1) {
                throw new ConfigException("the specification " + cfg.specification
                        + " must have exactly one conjunct of the form [][Next]_vars, found " + nexts.size());
            }
            if (!other.isEmpty()) {
                throw new ConfigException("the specification " + cfg.specification + " has a conjunct that is neither"
                        + " the initial predicate, [][Next]_vars nor fairness, at " + other.get(0).span.describe());
            }
            initNode = inits.size() == 1 ? inits.get(0) : new Nodes.And(spec.span, inits.toArray(new Node[0]), Node.STATE);
            nextNode = ((Nodes.BoxAction) nexts.get(0)).action;
            nName = cfg.specification;
            if (!cfg.fairnessUnused) for (Node f : fairness) expandFairness(f, null);
        } else {
            if (cfg.init == null) {
                throw new ConfigException("The model file does not give the initial predicate: name it with INIT"
                        + " (and the next-state relation with NEXT), or give SPECIFICATION.");
            }
            if (cfg.next == null) {
                throw new ConfigException("The model file does not give the next-state relation: name it with NEXT,"
                        + " or give SPECIFICATION.");
            }
            initNode = compiler.rootCall(def(compiler, cfg.init, "initial predicate").name, Span.NONE);
            nextNode = compiler.rootCall(def(compiler, cfg.next, "next-state relation").name, Span.NONE);
            nName = cfg.next;
        }
        // TLC checks the level of INVARIANTs only (SpecProcessor.processConfigInvariants). An
        // initial predicate, CONSTRAINT or VIEW that mentions x' or a temporal operator is
        // accepted and fails when TLC evaluates that part on a state: x' is looked up in an
        // empty next state ("In evaluation, the identifier x is either undefined or not an
        // operator", Tool.evalAppl), a temporal operator is TLC_ENCOUNTERED_FORMULA_IN_PREDICATE,
        // and an error while computing initial states or successors ends with exit 75
        // (ModelChecker: TLC_NESTED_EXPRESSION). The nodes below fail the same way, when evaluated.
        this.init = initNode;
        this.next = nextNode;
        this.nextName = nName;
        for (String inv : cfg.invariants) {
            OpDef d = def(compiler, inv, "invariant");
            if (d.arity() > 0) throw new ConfigException("the invariant " + inv + " takes arguments");
            if (d.level > Node.STATE) {
                // TLC's SpecProcessor: EC.TLC_INVARIANT_VIOLATED_LEVEL, exit 76 (FAILURE_SAFETY_EVAL)
                throw new EvalException(null, "The invariant " + inv + " is not a state predicate (it mentions primed"
                        + " variables or temporal operators); use PROPERTY for [][A]_v", 76);
            }
            invariants.add(new Check(inv, compiler.rootCall(inv, Span.NONE)));
        }
        for (String prop : cfg.properties) {
            OpDef d = def(compiler, prop, "property");
            analyzeProperty(prop, d.body);
        }
        for (String c : cfg.constraints) {
            def(compiler, c, "constraint");
            constraints.add(compiler.rootCall(c, Span.NONE));
        }
        for (String c : cfg.actionConstraints) {
            def(compiler, c, "action constraint");
            actionConstraints.add(compiler.rootCall(c, Span.NONE));
        }
        this.view = cfg.view == null ? null : compiler.rootCall(def(compiler, cfg.view, "view").name, Span.NONE);
        if (cfg.symmetry != null) {
            def(compiler, cfg.symmetry, "symmetry set");
            Node symNode = compiler.rootCall(cfg.symmetry, Span.NONE);
            Value perms = symNode.eval(new Ctx(world, new Value[varNames.length], null, false), null);
            for (Value p : Values.asEnum(symNode.span, "SYMMETRY", perms).elems) {
                FcnValue f = Values.asFcn(symNode.span, "SYMMETRY", p);
                Map<Value, Value> m = new HashMap<>();
                Value[] d = f.domainArray();
                for (int i = 0; i < d.length; i++) m.put(d[i], f.valueArray()[i]);
                symmetry.add(m);
            }
        }
        this.checkDeadlock = !deadlockFlagOff && (cfg.checkDeadlock == null || cfg.checkDeadlock);
        actions(); // annotates the next-state relation with the actions below each part
        this.alias = cfg.alias == null ? null : compiler.rootCall(def(compiler, cfg.alias, "alias").name, Span.NONE);
        this.postcondition = cfg.postcondition == null ? null
                : compiler.rootCall(def(compiler, cfg.postcondition, "postcondition").name, Span.NONE);
        this.postconditionName = cfg.postcondition;
    }

    /** Parses, resolves and compiles {@code tla} with the model {@code cfg}. */
    public static CompiledSpec compile(Path tla, ModelConfig cfg, boolean deadlockFlagOff, PrintStream out)
            throws IOException {
        Path dir = tla.toAbsolutePath().getParent();
        ModuleLoader loader = new ModuleLoader(List.of(dir));
        Ast.Module m = loader.parseFile(tla);
        Compiler compiler = new Compiler(loader);
        compiler.moduleScoped(cfg.moduleConstants, cfg.moduleOverrides);
        compiler.compileRoot(m, cfg.constants, cfg.overrides);
        String overrideProblem = compiler.overrideProblem();
        if (overrideProblem != null) throw new ConfigException(overrideProblem);
        for (String name : compiler.unassignedConstants()) {
            throw new ConfigException("The constant parameter " + name
                    + " is not assigned a value by the configuration file (add CONSTANT " + name + " = ...)");
        }
        for (String name : cfg.constants.keySet()) {
            if (!(compiler.global(name) instanceof Compiler.SubstB)) {
                throw new ConfigException("the model file assigns " + name + ", which is not a constant of the spec");
            }
        }
        return new CompiledSpec(compiler, loader, cfg, deadlockFlagOff, out);
    }

    /** The module files the spec was compiled from: the root and every module it extends or instantiates. */
    public List<Path> moduleFiles() {
        return loader.files();
    }

    private static OpDef def(Compiler compiler, String name, String role) {
        OpDef d = compiler.definition(name);
        if (d == null) {
            throw new ConfigException("The " + role + " " + name + " specified in the configuration file"
                    + " is not defined in the specification.");
        }
        return d;
    }

    private void analyzeSpec(Node n, List<Node> inits, List<Node> nexts, List<Node> other) {
        if (n instanceof Nodes.And a) {
            for (Node i : a.items) analyzeSpec(i, inits, nexts, other);
        } else if (n.level <= Node.STATE) {
            inits.add(n);
        } else if (n instanceof Nodes.DefCall dc && dc.args.length == 0) {
            analyzeSpec(dc.def.body, inits, nexts, other);
        } else if (n instanceof Nodes.Temporal t && t.op.equals("[]") && t.parts[0] instanceof Nodes.BoxAction) {
            nexts.add(t.parts[0]);
        } else if (isFairness(n)) {
            fairness.add(n);
        } else {
            other.add(n);
        }
    }

    private static boolean isFairness(Node n) {
        if (n instanceof Nodes.Temporal t) return t.op.equals("WF") || t.op.equals("SF");
        if (n instanceof Nodes.Quant q) return q.forall && isFairness(q.body);
        if (n instanceof Nodes.And a) {
            for (Node i : a.items) {
                if (!isFairness(i)) return false;
            }
            return true;
        }
        if (n instanceof Nodes.DefCall dc) return isFairness(dc.def.body);
        return false;
    }

    private void analyzeProperty(String name, Node n) {
        analyzeProperty(name, n, null, n);
    }

    /**
     * Sorts the conjuncts of property {@code name} (whose body is {@code top}): state predicates
     * are checked on the initial states, {@code [][A]_v} on every step (named by its position when
     * it is only part of the property, as TLC names the step part of a refinement), the forms the
     * graph checker decides directly go to {@link #liveness}, and any other temporal formula to
     * {@link #temporal}, to be checked through its tableau.
     */
    private void analyzeProperty(String name, Node n, Env env, Node top) {
        if (n instanceof Nodes.And a) {
            for (Node i : a.items) analyzeProperty(name, i, env, top);
        } else if (n instanceof Compiler.Unbounded) {
            addTemporal(name, n, env);
        } else if (n.level <= Node.STATE && env == null) {
            initProperties.add(new Check(name, n));
        } else if (n instanceof Nodes.DefCall dc && !dc.def.isFunction()) {
            analyzeProperty(name, dc.def.body, dc.args.length == 0 && dc.def.frameSize == 0 ? null : bindArgs(dc, env), top);
        } else if (n instanceof Nodes.Quant q && q.forall && n.level > Node.STATE) {
            for (Env frame : expand(q.binder, env)) analyzeProperty(name, q.body, frame, top);
        } else if (n instanceof Nodes.Temporal t && t.op.equals("[]") && t.parts[0] instanceof Nodes.BoxAction ba
                && env == null) {
            actionProperties.add(new Check(n == top ? name : n.span.describe(), ba));
        } else if (n instanceof Nodes.Temporal t && t.op.equals("[]") && t.parts[0].level <= Node.STATE) {
            if (env == null) invariants.add(new Check(name, t.parts[0]));
            else liveness.add(new Liveness(name, LiveKind.ALWAYS, t.parts[0], null, env));
        } else if (n instanceof Nodes.Temporal t && t.op.equals("<>") && t.parts[0].level <= Node.STATE) {
            liveness.add(new Liveness(name, LiveKind.EVENTUALLY, t.parts[0], null, env));
        } else if (n instanceof Nodes.Temporal t && t.op.equals("[]") && t.parts[0] instanceof Nodes.Temporal in
                && in.op.equals("<>") && in.parts[0].level <= Node.STATE) {
            liveness.add(new Liveness(name, LiveKind.INFINITELY_OFTEN, in.parts[0], null, env));
        } else if (n instanceof Nodes.Temporal t && t.op.equals("<>") && t.parts[0] instanceof Nodes.Temporal in
                && in.op.equals("[]") && in.parts[0].level <= Node.STATE) {
            liveness.add(new Liveness(name, LiveKind.EVENTUALLY_ALWAYS, in.parts[0], null, env));
        } else if (n instanceof Nodes.Temporal t && t.op.equals("~>") && t.parts[0].level <= Node.STATE
                && t.parts[1].level <= Node.STATE) {
            liveness.add(new Liveness(name, LiveKind.LEADS_TO, t.parts[0], t.parts[1], env));
        } else if (n instanceof Nodes.Temporal t && t.op.equals("[]") && t.parts[0] instanceof Nodes.Implies imp
                && imp.a.level <= Node.STATE && imp.b instanceof Nodes.Temporal ev && ev.op.equals("<>")
                && ev.parts[0].level <= Node.STATE) {
            liveness.add(new Liveness(name, LiveKind.LEADS_TO, imp.a, ev.parts[0], env));
        } else if (n.level == Node.ACTION && !n.dyn) {
            // TLC's SpecProcessor: an action is no property (TLC_CONFIG_PROPERTY_NOT_CORRECTLY_DEFINED, exit 151)
            throw new ConfigException("The property " + name + " is not correctly defined: " + n.span.describe()
                    + " is an action (it mentions primed variables); an action property is written [][A]_v");
        } else {
            addTemporal(name, n, env);
        }
    }

    private void addTemporal(String name, Node n, Env env) {
        temporal.add(new TemporalProperty(name, Ltl.not(new TemporalTranslator(this, name).translate(n, env))));
    }

    /** One frame per combination of the binder's values (each a fresh copy). */
    List<Env> expand(Binder b, Env outer) {
        List<Env> out = new ArrayList<>();
        Env frame = new Env(b.size, outer);
        b.forEach(ctx(new Value[varNames.length], null, false, 0), outer, frame, () -> {
            Env copy = new Env(b.size, outer);
            System.arraycopy(frame.slots, 0, copy.slots, 0, b.size);
            out.add(copy);
            return true;
        });
        return out;
    }

    Env bindArgs(Nodes.DefCall dc, Env env) {
        Env frame = new Env(dc.def.frameSize, null);
        Ctx c = ctx(new Value[varNames.length], null, false, 0);
        for (int i = 0; i < dc.args.length; i++) frame.slots[i] = dc.args[i].eval(c, env);
        return frame;
    }

    private void expandFairness(Node n, Env env) {
        if (n instanceof Nodes.Temporal t && (t.op.equals("WF") || t.op.equals("SF"))) {
            fairConditions.add(new Fair(t.op.equals("SF"), t.parts[1], t.parts[0], env, t.span));
        } else if (n instanceof Nodes.Quant q) {
            for (Env frame : expand(q.binder, env)) expandFairness(q.body, frame);
        } else if (n instanceof Nodes.And a) {
            for (Node i : a.items) expandFairness(i, env);
        } else if (n instanceof Nodes.DefCall dc) {
            expandFairness(dc.def.body, dc.args.length == 0 ? null : bindArgs(dc, env));
        } else {
            throw new ConfigException("unsupported fairness condition at " + n.span.describe());
        }
    }

    /** The kinds of temporal property the liveness checker decides. */
    public enum LiveKind { ALWAYS, EVENTUALLY, INFINITELY_OFTEN, EVENTUALLY_ALWAYS, LEADS_TO }

    /** A temporal property: {@code p} (and {@code q} for leads-to) evaluated in {@code env}. */
    public record Liveness(String name, LiveKind kind, Node p, Node q, Env env) {}

    /** A fairness condition WF_sub(action) or SF_sub(action). */
    public record Fair(boolean strong, Node action, Node sub, Env env, Span at) {
        /** How TLC names the condition, {@code WF_<place>}: built when asked (a spec may have thousands of conditions). */
        public String text() {
            return (strong ? "SF" : "WF") + "_" + at.describe();
        }
    }

    public final List<Liveness> liveness = new ArrayList<>();

    /** A temporal property checked through the tableau of its negation. */
    public record TemporalProperty(String name, Ltl negation) {}

    public final List<TemporalProperty> temporal = new ArrayList<>();

    /**
     * TLC's warning when SYMMETRY is declared with temporal properties (checking them on the
     * graph of representatives may miss violations), and the same caution for VIEW.
     */
    public List<String> livenessWarnings() {
        List<String> out = new ArrayList<>();
        if (!symmetry.isEmpty()) {
            out.add("Warning: Declaring symmetry during liveness checking is dangerous. It might cause TLC to miss"
                    + " violations of the stated liveness properties. Please check liveness without symmetry defined.");
        }
        if (view != null) {
            out.add("Warning: Declaring a VIEW during liveness checking is dangerous: states with the same view are"
                    + " one node of the graph, so violations of the stated liveness properties may be missed."
                    + " Please check liveness without a view defined.");
        }
        return out;
    }

    /** Whether some property needs the whole state graph (a liveness or other temporal property). */
    public boolean needsStateGraph() {
        return !liveness.isEmpty() || !temporal.isEmpty();
    }

    public final List<Fair> fairConditions = new ArrayList<>();

    public boolean holds(Node pred, Env env, Value[] s) {
        return pred.evalBool(ctx(s, null, false, 0), env);
    }

    /** The action {@code a} holds on the step from {@code s} to {@code t}. */
    boolean holdsStep(Node a, Env env, Value[] s, Value[] t) {
        return a.evalBool(ctx(s, t, false, 0), env);
    }

    /** ENABLED <<A>>_sub in state s. */
    public boolean enabled(Fair f, Value[] s) {
        Value[] nxt = new Value[varNames.length];
        Ctx c = ctx(s, nxt, false, 0);
        c.virtualNext = new java.util.IdentityHashMap<>();
        Value before = f.sub().eval(ctx(s, null, false, 0), f.env());
        boolean[] found = {false};
        try {
            f.action().enumerate(c, f.env(), () -> {
                Value after;
                if (c.virtualNext.isEmpty()) {
                    for (Value v : nxt) {
                        if (v == null) return;
                    }
                    after = f.sub().eval(ctx(nxt, null, false, 0), f.env());
                } else {
                    // x' bound for an instance variable x <- e: the subscript is read through those bindings
                    after = f.sub().eval(c.primed(f.sub()), f.env());
                }
                if (!Values.eq(before, after)) {
                    found[0] = true;
                    throw STOP;
                }
            });
        } catch (RuntimeException ex) {
            if (ex != STOP) throw ex;
        }
        return found[0];
    }

    private static final RuntimeException STOP = new RuntimeException("stop", null, false, false) {};

    /** The step s -> t is an <<A>>_sub step. */
    public boolean taken(Fair f, Value[] s, Value[] t) {
        Value a = f.sub().eval(ctx(s, null, false, 0), f.env());
        Value b = f.sub().eval(ctx(t, null, false, 0), f.env());
        if (Values.eq(a, b)) return false;
        return f.action().evalBool(ctx(s, t, false, 0), f.env());
    }

    /** A property this checker (like TLC) refuses to check, with the reason. */
    public static final class UnsupportedPropertyException extends RuntimeException {
        public final Span span;

        /** A property refused for the reason {@code message} gives. */
        public UnsupportedPropertyException(String message) {
            super(message, null, false, false);
            this.span = Span.NONE;
        }

        UnsupportedPropertyException(String name, Span span) {
            super("the property " + name + " (" + span.describe() + ") has a form this checker does not decide;"
                    + " a temporal formula is built from state predicates, [A]_v, <<A>>_v and ENABLED with [], <>, ~>,"
                    + " WF, SF, ~, /\\, \\/, =>, <=>, bounded \\A and \\E, LET and definitions", null, false, false);
            this.span = span;
        }
    }

    // ------------------------------------------------------------------ checking

    private Ctx ctx(Value[] cur, Value[] next, boolean initMode, int level) {
        Ctx c = new Ctx(world, cur, next, initMode);
        c.level = level;
        return c;
    }

    /** A behaviour as TLCExt's Trace gives it: a sequence of records, one field per variable. */
    public Value behaviourValue(List<Value[]> states) {
        Value[] recs = new Value[states.size()];
        for (int i = 0; i < recs.length; i++) {
            recs[i] = io.barreleye.modelcheck.value.RecordValue.of(varNames, states.get(i));
        }
        return io.barreleye.modelcheck.value.TupleValue.of(recs);
    }

    /** Returns the first ASSUME that is false, or null; throws {@link AssumptionEvaluationException} for one that fails. */
    public Span falseAssumption() {
        for (Node a : assumes) {
            boolean holds;
            try {
                Ctx c = ctx(new Value[varNames.length], null, false, 0);
                c.assumption = true;
                holds = a.evalBool(c, null);
            } catch (EvalException | io.barreleye.modelcheck.value.ValueException e) {
                throw new AssumptionEvaluationException(a.span, e);
            }
            if (!holds) return a.span;
        }
        return null;
    }

    public void initStates(Sink sink) {
        Value[] cur = new Value[varNames.length];
        Ctx c = ctx(cur, null, true, 1);
        init.enumerate(c, null, () -> {
            for (int i = 0; i < cur.length; i++) {
                if (cur[i] == null) {
                    throw new EvalException(init.span, "the initial predicate does not assign a value to variable "
                            + varNames[i]);
                }
            }
            sink.accept(Copies.of(cur), Label.INIT);
        });
    }

    /** Every successor of {@code s} under the next-state action, labelled with its action. */
    public void successors(Value[] s, int level, Sink sink) {
        Value[] nxt = new Value[varNames.length];
        Ctx c = ctx(s, nxt, false, level);
        next.enumerateTop(c, null, () -> {
            for (int i = 0; i < nxt.length; i++) {
                if (nxt[i] == null) {
                    throw new EvalException(c.label == null ? next.span : c.label.span(),
                            "Successor state is not completely specified by action " + (c.label == null ? nextName
                                    : c.label.name()) + ": variable " + varNames[i] + "' is not assigned a value");
                }
            }
            sink.accept(Copies.of(nxt), c.label);
        }, nextName);
    }

    /** The index of variable {@code name}, or -1. */
    public int varIndex(String name) {
        Integer i = varIndices.get(name);
        return i == null ? -1 : i;
    }

    /**
     * Each variable's index by name: trace validation looks up the variables an event records at
     * every event, where comparing the name with every variable's was several string comparisons.
     */
    private final Map<String, Integer> varIndices = new HashMap<>();

    /** The arity of the action (operator) named {@code name}, or -1 when the spec defines no such operator. */
    public int actionArity(String name) {
        OpDef d = compiler.definition(name);
        return d == null || d.isFunction() ? -1 : d.arity();
    }

    /**
     * Successors of {@code s} by the action named {@code action}: with every argument given, the
     * operator itself is applied to them; otherwise the next-state relation's successors whose
     * action has that name (the arguments then range over whatever the relation quantifies).
     */
    public void successorsVia(String action, Value[] args, Value[] s, int level, Sink sink) {
        NamedAction named = namedActions.get(action);
        if (named == null) named = namedActions.computeIfAbsent(action, this::namedAction);
        OpDef d = named.def();
        if (d != null && !d.isFunction() && args != null && args.length == d.arity() && allKnown(args)) {
            Value[] nxt = new Value[varNames.length];
            Ctx c = ctx(s, nxt, false, level);
            call(d, args).enumerate(c, null, new Deliver(nxt, sink, named.label()));
            return;
        }
        Value[] nxt = new Value[varNames.length];
        Ctx c = ctx(s, nxt, false, level);
        c.onlyAction = action;
        next.enumerateTop(c, null, () -> {
            for (Value v : nxt) {
                if (v == null) return;
            }
            if (c.label != null && c.label.name().equals(action)) sink.accept(Copies.of(nxt), c.label);
        }, nextName);
    }

    /**
     * Hands a copy of the next state to {@code sink} once every variable is assigned. A class, not
     * a lambda: the client compiler creates a capturing lambda through a slow runtime call, and this
     * is made once per event of a trace.
     */
    private static final class Deliver implements Cont {
        private final Value[] nxt;
        private final Sink sink;
        private final Label label;

        Deliver(Value[] nxt, Sink sink, Label label) {
            this.nxt = nxt;
            this.sink = sink;
            this.label = label;
        }

        @Override public void run() {
            for (Value v : nxt) {
                if (v == null) return;
            }
            sink.accept(Copies.of(nxt), label);
        }
    }

    /**
     * An action's definition (null when the spec defines none) and the label of its steps, looked
     * up once per name: a trace names a few actions at each of its many events.
     */
    private record NamedAction(OpDef def, Label label) {}

    private final java.util.concurrent.ConcurrentHashMap<String, NamedAction> namedActions = new java.util.concurrent.ConcurrentHashMap<>();

    private NamedAction namedAction(String action) {
        OpDef d = compiler.definition(action);
        return new NamedAction(d, d == null || d.isFunction() ? null : world.label(new Label(action, d.body.span)));
    }

    private static boolean allKnown(Value[] args) {
        for (Value a : args) {
            if (a == null) return false;
        }
        return true;
    }

    private Node call(OpDef d, Value[] args) {
        Node[] lits = new Node[args.length];
        for (int i = 0; i < args.length; i++) lits[i] = new Nodes.Lit(d.span, args[i]);
        return new Nodes.DefCall(d.span, d, lits, Node.ACTION);
    }

    /**
     * Why action {@code action} with {@code args} cannot be taken in {@code s}: the first conjunct
     * of its definition after which no step is possible, with its source text; null if it can be taken.
     */
    public String falseConjunct(String action, Value[] args, Value[] s, int level) {
        OpDef d = compiler.definition(action);
        if (d == null || d.isFunction()) return "the spec defines no action " + action;
        if (args == null || args.length != d.arity() || !allKnown(args)) return null;
        Node body = d.body;
        Env frame = new Env(Math.max(d.frameSize, 0), null);
        System.arraycopy(args, 0, frame.slots, 0, args.length);
        while (body instanceof Nodes.Let let) {
            // look inside LET ... IN /\ ... so the diagnosis names a conjunct, not the whole body
            frame = let.frame(frame);
            body = let.body;
        }
        Node[] items = body instanceof Nodes.And a ? a.items : new Node[] {body};
        for (int i = 1; i <= items.length; i++) {
            Node prefix = new Nodes.And(body.span, java.util.Arrays.copyOf(items, i), Node.ACTION);
            Value[] nxt = new Value[varNames.length];
            boolean[] ok = {false};
            try {
                prefix.enumerate(ctx(s, nxt, false, level), frame, () -> {
                    ok[0] = true;
                    throw STOP;
                });
            } catch (RuntimeException ex) {
                if (ex != STOP) {
                    return "evaluating " + describe(items[i - 1]) + " fails: " + ex.getMessage();
                }
            }
            if (!ok[0]) return "conjunct " + describe(items[i - 1]) + " is false";
        }
        return null;
    }

    private String describe(Node n) {
        String text = loader.text(n.span);
        return (text == null ? "" : "\"" + text + "\" ") + "(" + n.span.describe() + ")";
    }

    /** The actions of the next-state relation, named and located as successors are labelled. */
    public List<Label> actions() {
        List<Label> out = new ArrayList<>();
        collectActions(next, nextName, out);
        return out;
    }

    private void collectActions(Node n, String defName, List<Label> out) {
        int before = out.size();
        if (n instanceof Nodes.Or o) {
            for (Node i : o.items) collectActions(i, defName, out);
        } else if (n instanceof Nodes.DefCall dc && !dc.def.isFunction() && dc.splitsAsAction()) {
            collectActions(dc.def.body, dc.def.name, out);
        } else if (n instanceof Nodes.DefCall dc && !dc.def.isFunction()) {
            Label l = world.label(new Label(dc.def.name, n.span));
            if (!out.contains(l)) out.add(l);
            else before = out.indexOf(l);
        } else if (n instanceof Nodes.Let l) {
            collectActions(l.body, defName, out);
        } else if (n instanceof Nodes.Quant q && !q.forall) {
            collectActions(q.body, defName, out);
        } else {
            Label l = world.label(new Label(defName, n.span));
            if (!out.contains(l)) out.add(l);
            else before = out.indexOf(l);
        }
        // remember which actions lie below this node, so one action's steps can be found alone
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Label l : out.subList(Math.min(before, out.size()), out.size())) names.add(l.name());
        if (n.topActions == null) n.topActions = names;
        else n.topActions.addAll(names);
    }

    public String violatedInvariant(Value[] s, int level) {
        return violatedInvariant(s, level, null);
    }

    /** As {@link #violatedInvariant(Value[], int)}, with the behaviour that led to s for TLCExt's Trace. */
    public String violatedInvariant(Value[] s, int level, java.util.function.Supplier<Value> behaviour) {
        Ctx c = ctx(s, null, false, level);
        c.behaviour = behaviour;
        for (Check inv : invariants) {
            if (!inv.node().evalBool(c, null)) return inv.name();
        }
        return null;
    }

    public String violatedInitProperty(Value[] s) {
        Ctx c = ctx(s, null, false, 1);
        for (Check p : initProperties) {
            if (!p.node().evalBool(c, null)) return p.name();
        }
        return null;
    }

    public boolean inConstraint(Value[] s, int level) {
        Ctx c = ctx(s, null, false, level);
        for (Node n : constraints) {
            if (!n.evalBool(c, null)) return false;
        }
        return true;
    }

    public boolean hasActionConstraints() {
        return !actionConstraints.isEmpty();
    }

    public boolean actionConstraintsHold(Value[] s, Value[] t, int level) {
        Ctx c = ctx(s, t, false, level);
        for (Node n : actionConstraints) {
            if (!n.evalBool(c, null)) return false;
        }
        return true;
    }

    public String violatedActionProperty(Value[] s, Value[] t, int level) {
        Ctx c = ctx(s, t, false, level);
        for (Check p : actionProperties) {
            if (!p.node().evalBool(c, null)) return p.name();
        }
        return null;
    }

    /** The state's fingerprint: of the VIEW when given, the least over SYMMETRY permutations when given. */
    public long fingerprint(Value[] s) {
        Value[] st = s;
        if (view != null) {
            st = new Value[] {view.eval(ctx(s, null, false, 0), null)};
        }
        if (symmetry.isEmpty()) return fp(st);
        long best = Long.MAX_VALUE;
        for (Map<Value, Value> perm : symmetry) {
            Value[] q = new Value[st.length];
            for (int i = 0; i < st.length; i++) q[i] = permute(st[i], perm);
            best = Math.min(best, fp(q));
        }
        return best;
    }

    private static long fp(Value[] s) {
        long h = 0x5EED5EED5EEDL;
        for (Value v : s) h = v.fingerprint(h);
        return h == 0 ? 1 : h;
    }

    private static Value permute(Value v, Map<Value, Value> perm) {
        Value m = perm.get(v);
        if (m != null) return m;
        if (v instanceof TupleValue t) {
            Value[] e = new Value[t.size()];
            for (int i = 0; i < e.length; i++) e[i] = permute(t.get(i), perm);
            return TupleValue.of(e);
        }
        if (v instanceof FcnValue f) {
            Value[] d = f.domainArray();
            Value[] r = f.valueArray();
            List<Value> keys = new ArrayList<>();
            List<Value> vals = new ArrayList<>();
            for (int i = 0; i < d.length; i++) {
                keys.add(permute(d[i], perm));
                vals.add(permute(r[i], perm));
            }
            return Nodes.fcnOf(keys, vals);
        }
        if (v instanceof SetValue s && s.isFinite()) {
            Value[] e = s.toEnum().elems;
            Value[] out = new Value[e.length];
            for (int i = 0; i < e.length; i++) out[i] = permute(e[i], perm);
            return SetEnumValue.of(out);
        }
        return v;
    }

    public int varCount() {
        return varNames.length;
    }
}
