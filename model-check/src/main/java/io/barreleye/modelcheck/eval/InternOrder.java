package io.barreleye.modelcheck.eval;

import io.barreleye.modelcheck.syntax.Lexer;
import io.barreleye.modelcheck.syntax.SyntaxException;
import io.barreleye.modelcheck.syntax.Token;
import io.barreleye.modelcheck.value.StringOrder;
import io.barreleye.modelcheck.value.StringValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Meets the strings of a spec in the order TLC meets them, so that sets of strings and record
 * fields print in TLC's order ({@link StringOrder}). TLC numbers a string when it first sees it:
 * <ol>
 * <li>while SANY parses: every identifier of the root module, in the order of the text, then
 *     those of the modules it extends or instantiates (each followed by the modules it needs);
 * <li>during semantic analysis: the string literals, module by module, a module after the
 *     modules it depends on (so the root module last);
 * <li>while TLC evaluates: every other string, when it is created.
 * </ol>
 * So {@code [b |-> 1, a |-> 2]} keeps b first (both are identifiers of the root module), while
 * {@code {"b", "a"}} prints {@code {"a", "b"}} because the standard module Naturals declares
 * parameters {@code a} and {@code b} before any literal is met (expressions oracle, surprise 1).
 */
final class InternOrder {
    private InternOrder() {}

    /**
     * The identifiers and numbers of TLC's standard modules in the order SANY's lexer meets them
     * in their text (module name, the modules they use, definitions, parameters, numbers such as
     * the 1 of {@code 1..n}: E012 shows {@code "1"} met before the root's literals). TLC's own {@code TLC} module is followed by {@code level}, which the oracle shows
     * to be met before the root module's literals (E079).
     */
    private static final Map<String, List<String>> STANDARD_IDENTIFIERS = Map.of(
            "Naturals", List.of("Naturals", "Nat", "a", "b", "n"),
            "Integers", List.of("Integers", "Naturals", "Int", "a"),
            "Sequences", List.of("Sequences", "Naturals", "Seq", "S", "1", "n", "Nat", "Len", "s", "t", "i", "Append", "e",
                    "Head", "Tail", "SubSeq", "m", "SelectSeq", "Test", "F", "0"),
            "FiniteSets", List.of("FiniteSets", "Naturals", "Sequences", "IsFiniteSet", "S", "seq", "Seq", "s", "n",
                    "1", "Len", "Cardinality", "CS", "T", "0", "x"),
            "TLC", List.of("TLC", "Naturals", "Sequences", "FiniteSets", "Print", "out", "val", "PrintT", "Assert", "v",
                    "JavaTime", "n", "Nat", "TLCGet", "i", "TLCSet", "d", "e", "x", "f", "g", "Permutations", "S", "w",
                    "SortSeq", "s", "Op", "Perm", "p", "Len", "j", "RandomElement", "Any", "ToString", "a", "b",
                    "TLCEval", "level"),
            "Bags", List.of("Bags", "Naturals", "IsABag", "B", "Nat", "n", "BagToSet", "SetToBag", "S", "e", "BagIn",
                    "EmptyBag", "B1", "B2", "Sum", "f", "DSum", "elt", "BagUnion", "SubBag", "RemoveFromDom", "x", "y",
                    "Combine", "BagSet", "i", "Biggest", "Range", "r", "s", "RSB", "BB", "BagOfAll", "F", "d",
                    "BagCardinality", "CopiesIn"),
            "TLCExt", List.of("TLCExt", "TLC", "Integers", "AssertEq", "a", "b", "PrintT", "AssertError", "err", "exp",
                    "FailsEval", "e", "TLCError", "s", "Assert", "TLCGetOrDefault", "key", "defaultVal", "n",
                    "TLCGetAndSet", "Op", "val", "oldVal", "v", "TLCSet", "Trace", "CounterExample", "ToTrace", "CE",
                    "TLCModelValue", "str", "ToString", "TLCDefer", "expression", "TLCNoOp", "PickSuccessor", "bool",
                    "TLCCache", "closure", "TLCFP", "var", "i", "Int", "TLCEvalDefinition", "definitionName"),
            "Json", List.of("Json", "Sequences", "FiniteSets", "TLC", "IsSequence", "F", "D", "ToJsonKeyValue", "d",
                    "ToString", "ToJsonObjectString", "ToJson", "ToJsonArray", "ToJsonObject", "JsonSerialize",
                    "JsonDeserialize", "ndJsonSerialize", "ndJsonDeserialize", "absoluteFilename", "value"));

    private static final Map<String, List<String>> STANDARD_USES = Map.of(
            "Naturals", List.of(),
            "Integers", List.of("Naturals"),
            "Sequences", List.of("Naturals"),
            "FiniteSets", List.of("Naturals", "Sequences"),
            "TLC", List.of("Naturals", "Sequences", "FiniteSets"),
            "Bags", List.of("Naturals"),
            "TLCExt", List.of("TLC", "Integers"),
            "Json", List.of("Sequences", "FiniteSets", "TLC"));

    /** String literals of the standard modules, met during semantic analysis. */
    private static final Map<String, List<String>> STANDARD_LITERALS = Map.of(
            "TLCExt", List.of("Assertion failed"),
            "Json", List.of(":", "{", "}", ", "));

    /** Starts a fresh order and meets the strings of {@code root} and the modules it uses, as TLC does before evaluating. */
    static void meetSpec(String root, ModuleLoader loader) {
        StringOrder.begin();
        List<String> postOrder = new ArrayList<>();
        parse(root, loader, new HashSet<>(), postOrder);
        for (String module : postOrder) {
            if (standard(module, loader)) {
                STANDARD_LITERALS.getOrDefault(module, List.of()).forEach(StringValue::of);
            } else {
                for (Token t : tokens(module, loader)) {
                    if (t.kind() == Token.Kind.STRING) StringValue.of(t.text());
                }
            }
        }
    }

    /** Meets the strings and model-value names of the model's constants, in the order of the .cfg file. */
    static void meetModelValues(java.util.Collection<io.barreleye.modelcheck.value.Value> constants) {
        for (io.barreleye.modelcheck.value.Value v : constants) meet(v);
    }

    private static void meet(io.barreleye.modelcheck.value.Value v) {
        if (v instanceof io.barreleye.modelcheck.value.ModelValue m) StringValue.of(m.name);
        else if (v instanceof StringValue s) StringValue.of(s.value);
        else if (v instanceof io.barreleye.modelcheck.value.SetEnumValue set && !set.mixed()) {
            for (io.barreleye.modelcheck.value.Value e : set.elems) meet(e);
        }
    }

    /** Meets the identifiers of {@code module}, then of the modules it uses; records the modules after their uses. */
    private static void parse(String module, ModuleLoader loader, Set<String> seen, List<String> postOrder) {
        if (!seen.add(module)) return;
        List<String> uses;
        if (standard(module, loader)) {
            STANDARD_IDENTIFIERS.get(module).forEach(StringValue::of);
            uses = STANDARD_USES.get(module);
        } else {
            List<Token> tokens = tokens(module, loader);
            uses = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                // SANY interns the image of every identifier and number it reads
                if (t.kind() == Token.Kind.IDENT || t.kind() == Token.Kind.NUMBER) StringValue.of(t.text());
                if (t.is("EXTENDS")) {
                    for (int j = i + 1; j < tokens.size() && tokens.get(j).kind() == Token.Kind.IDENT; j += 2) {
                        uses.add(tokens.get(j).text());
                        if (j + 1 >= tokens.size() || !tokens.get(j + 1).text().equals(",")) break;
                    }
                }
                if (t.is("INSTANCE") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Token.Kind.IDENT) {
                    uses.add(tokens.get(i + 1).text());
                }
            }
        }
        for (String u : uses) {
            if (!STANDARD_USES.containsKey(u) && loader.source(u) == null && loader.load(u) == null) continue; // reported by the compiler
            parse(u, loader, seen, postOrder);
        }
        postOrder.add(module);
    }

    /** A standard module TLC provides itself (a file of that name next to the spec is read instead). */
    private static boolean standard(String module, ModuleLoader loader) {
        return STANDARD_USES.containsKey(module) && loader.source(module) == null;
    }

    private static List<Token> tokens(String module, ModuleLoader loader) {
        String src = loader.source(module);
        if (src == null) return List.of();
        try {
            return Lexer.tokenize(module + ".tla", src);
        } catch (SyntaxException e) {
            return List.of(); // the parser reports it
        }
    }
}
