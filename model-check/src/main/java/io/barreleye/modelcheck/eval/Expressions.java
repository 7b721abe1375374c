package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Ast;
import io.barreleye.modelcheck.syntax.Parser;
import io.barreleye.modelcheck.value.Value;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Evaluates a constant TLA+ expression, for tests and tools: {@code evaluate("1 + 2", "Naturals")}. */
public final class Expressions {
    private Expressions() {}

    public static Value evaluate(String expr, String... modules) {
        return evaluate(expr, System.out, modules);
    }

    public static Value evaluate(String expr, PrintStream out, String... modules) {
        String ext = modules.length == 0 ? "" : "EXTENDS " + String.join(", ", modules) + "\n";
        String src = "---- MODULE Expr ----\n" + ext + "E == " + expr + "\n====\n";
        Ast.Module m = Parser.parseModule("Expr.tla", src);
        ModuleLoader loader = new ModuleLoader(List.of());
        loader.register(m, src);
        Compiler c = new Compiler(loader);
        c.compileRoot(m, Map.of(), Map.of());
        OpDef d = c.definition("E");
        Ctx ctx = new Ctx(new World(new String[0], out), new Value[0], null, false);
        return c.rootCall("E", d.span).eval(ctx, null);
    }
}
