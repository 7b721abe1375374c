package io.barreleye.modelcheck.config;

import io.barreleye.modelcheck.syntax.Lexer;
import io.barreleye.modelcheck.syntax.SyntaxException;
import io.barreleye.modelcheck.syntax.Token;
import io.barreleye.modelcheck.value.BoolValue;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.ModelValue;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.StringValue;
import io.barreleye.modelcheck.value.TupleValue;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads TLC's model files: the same keywords, comments and value syntax TLC accepts. */
public final class ConfigParser {
    private static final Set<String> SECTIONS = Set.of("CONSTANT", "CONSTANTS", "INIT", "NEXT", "SPECIFICATION",
            "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES", "CONSTRAINT", "CONSTRAINTS", "ACTION_CONSTRAINT",
            "ACTION_CONSTRAINTS", "SYMMETRY", "VIEW", "ALIAS", "POSTCONDITION", "CHECK_DEADLOCK");

    private final String file;
    private final List<Token> toks;
    private int p;

    private ConfigParser(String file, String text) {
        this.file = file;
        this.toks = Lexer.tokenize(file, text);
    }

    public static ModelConfig parse(String file, String text) {
        try {
            return new ConfigParser(file, text).run();
        } catch (SyntaxException e) {
            throw new ConfigException(e.located());
        }
    }

    private ConfigException error(Token t, String expected) {
        return new ConfigException(file + ":" + t.line() + ":" + t.col() + ": expected " + expected + " but found "
                + t.describe());
    }

    private Token peek() {
        return toks.get(p);
    }

    private boolean isSection(Token t) {
        return (t.kind() == Token.Kind.IDENT || t.kind() == Token.Kind.KEYWORD) && SECTIONS.contains(t.text());
    }

    private String name() {
        Token t = peek();
        if (t.kind() != Token.Kind.IDENT || isSection(t)) throw error(t, "a name");
        p++;
        return t.text();
    }

    private List<String> names() {
        List<String> out = new ArrayList<>();
        while (peek().kind() == Token.Kind.IDENT && !isSection(peek())) out.add(name());
        return out;
    }

    private ModelConfig run() {
        ModelConfig c = new ModelConfig();
        while (true) {
            Token t = peek();
            if (t.kind() == Token.Kind.EOF) return c;
            if (t.kind() == Token.Kind.SEPARATOR || t.kind() == Token.Kind.MODULE_END) {
                p++;
                continue;
            }
            if (!isSection(t)) throw error(t, "a model file keyword (INIT, NEXT, SPECIFICATION, CONSTANT, INVARIANT, ...)");
            p++;
            switch (t.text()) {
                case "CONSTANT", "CONSTANTS" -> constants(c);
                case "INIT" -> c.init = name();
                case "NEXT" -> c.next = name();
                case "SPECIFICATION" -> c.specification = name();
                case "INVARIANT", "INVARIANTS" -> c.invariants.addAll(names());
                case "PROPERTY", "PROPERTIES" -> c.properties.addAll(names());
                case "CONSTRAINT", "CONSTRAINTS" -> c.constraints.addAll(names());
                case "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS" -> c.actionConstraints.addAll(names());
                case "SYMMETRY" -> c.symmetry = name();
                case "VIEW" -> c.view = name();
                case "ALIAS" -> c.alias = name();
                case "POSTCONDITION" -> c.postcondition = name();
                case "CHECK_DEADLOCK" -> {
                    Token v = peek();
                    if (!(v.text().equals("TRUE") || v.text().equals("FALSE"))) throw error(v, "TRUE or FALSE");
                    p++;
                    c.checkDeadlock = v.text().equals("TRUE");
                }
                default -> throw error(t, "a model file keyword");
            }
        }
    }

    private void constants(ModelConfig c) {
        while (peek().kind() == Token.Kind.IDENT && !isSection(peek())) {
            String n = qualifiedName();
            if (peek().is("(")) {
                // Op(_, _) <- Def
                while (!peek().is(")")) {
                    if (peek().kind() == Token.Kind.EOF) throw error(peek(), ")");
                    p++;
                }
                p++;
            }
            Token op = peek();
            if (op.is("=")) {
                p++;
                String module = moduleQualifier();
                Value v = value();
                if (module == null) c.constants.put(n, v);
                else c.moduleConstants.computeIfAbsent(module, k -> new java.util.LinkedHashMap<>()).put(n, v);
            } else if (op.is("<-")) {
                p++;
                String module = moduleQualifier();
                String target = name();
                if (module == null) c.overrides.put(n, target);
                else c.moduleOverrides.computeIfAbsent(module, k -> new java.util.LinkedHashMap<>()).put(n, target);
            } else {
                throw error(op, "= or <- after constant " + n);
            }
        }
    }

    /** A name, or the name of a definition reached through instances: {@code S!Max}. */
    private String qualifiedName() {
        StringBuilder n = new StringBuilder(name());
        while (peek().is("!")) {
            p++;
            n.append('!').append(name());
        }
        return n.toString();
    }

    /** {@code [M]} before a value or a replacing definition: the module whose definition is meant; else null. */
    private String moduleQualifier() {
        if (!peek().is("[")) return null;
        p++;
        String module = name();
        if (!peek().is("]")) throw error(peek(), "]");
        p++;
        return module;
    }

    private Value value() {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                p++;
                try {
                    return IntValue.of(Integer.parseInt(t.text()));
                } catch (NumberFormatException e) {
                    throw error(t, "an integer within TLC's 32 bits");
                }
            }
            case STRING -> {
                p++;
                return StringValue.of(t.text());
            }
            case IDENT -> {
                if (isSection(t)) throw error(t, "a value");
                p++;
                if (t.text().equals("TRUE")) return BoolValue.TRUE;
                if (t.text().equals("FALSE")) return BoolValue.FALSE;
                return ModelValue.of(t.text());
            }
            case OP -> {
                if (t.is("-") && toks.get(p + 1).kind() == Token.Kind.NUMBER) {
                    p += 2;
                    return IntValue.of(-Integer.parseInt(toks.get(p - 1).text()));
                }
                if (t.is("{") || t.is("<<")) {
                    p++;
                    String close = t.is("{") ? "}" : ">>";
                    List<Value> items = new ArrayList<>();
                    if (!peek().is(close)) {
                        items.add(value());
                        while (peek().is(",")) {
                            p++;
                            items.add(value());
                        }
                    }
                    if (!peek().is(close)) throw error(peek(), close);
                    p++;
                    return close.equals("}") ? SetEnumValue.of(items) : TupleValue.of(items.toArray(new Value[0]));
                }
                throw error(t, "a value (number, string, name, {set} or <<tuple>>)");
            }
            default -> throw error(t, "a value");
        }
    }
}
