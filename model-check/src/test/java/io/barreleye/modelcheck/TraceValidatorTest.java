package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barreleye.modelcheck.config.ConfigParser;
import io.barreleye.modelcheck.eval.CompiledSpec;
import io.barreleye.modelcheck.eval.Expressions;
import io.barreleye.modelcheck.trace.Json;
import io.barreleye.modelcheck.trace.SpecSimulator;
import io.barreleye.modelcheck.trace.Trace;
import io.barreleye.modelcheck.trace.TraceCheck;
import io.barreleye.modelcheck.trace.TraceValidator;
import io.barreleye.modelcheck.trace.TraceValues;
import io.barreleye.modelcheck.value.Value;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace validation engine on a small two-counter spec. */
class TraceValidatorTest {
    static final String SPEC = """
            ---- MODULE Pair ----
            EXTENDS Naturals
            CONSTANT Max
            VARIABLES x, y
            Init == x = 0 /\\ y = 0
            IncX == x < Max /\\ x' = x + 1 /\\ UNCHANGED y
            IncY(d) == d \\in 1..2 /\\ y + d <= Max /\\ y' = y + d /\\ UNCHANGED x
            Next == IncX \\/ \\E d \\in 1..2 : IncY(d)
            ====
            """;

    @TempDir
    Path dir;

    CompiledSpec spec() throws IOException {
        Files.writeString(dir.resolve("Pair.tla"), SPEC);
        Files.writeString(dir.resolve("Pair.cfg"), "CONSTANT Max = 5\nINIT Init\nNEXT Next\n");
        return CompiledSpec.compile(dir.resolve("Pair.tla"), ConfigParser.parse("Pair.cfg", "CONSTANT Max = 5\nINIT Init\nNEXT Next\n"),
                true, new PrintStream(OutputStream.nullOutputStream()));
    }

    TraceValidator.Result check(List<String> events) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(TraceCheck.header("Pair.tla", "Pair.cfg", Map.of()));
        lines.addAll(events);
        Path f = dir.resolve("t.ndjson");
        Files.write(f, lines);
        return TraceCheck.check(Trace.read(f), dir);
    }

    @Test
    void simulatedBehavioursConformAndCoverTheSpec() throws IOException {
        CompiledSpec s = spec();
        for (long seed = 1; seed <= 5; seed++) {
            TraceValidator.Result r = check(SpecSimulator.behaviour(s, seed, 30));
            assertTrue(r.conforms(), r.diagnosis());
            assertTrue(r.actions().containsKey("IncX") || r.actions().containsKey("IncY"), r.actions().toString());
            assertTrue(r.states().size() >= 2);
        }
    }

    @Test
    void argumentsAreCheckedAndFalseConjunctsNamed() throws IOException {
        spec();
        TraceValidator.Result ok = check(List.of("{\"event\":\"IncY\",\"args\":[2],\"vars\":{\"y\":2}}",
                "{\"event\":\"IncX\",\"vars\":{\"x\":1}}"));
        assertTrue(ok.conforms(), ok.diagnosis());
        TraceValidator.Result bad = check(List.of("{\"event\":\"IncY\",\"args\":[3]}"));
        assertFalse(bad.conforms());
        assertTrue(bad.diagnosis().contains("conjunct \"d \\in 1..2\""), bad.diagnosis());
        TraceValidator.Result wrongValue = check(List.of("{\"event\":\"IncY\",\"args\":[1],\"vars\":{\"y\":2}}"));
        assertTrue(wrongValue.diagnosis().contains("the trace records y' = 2 where the spec allows [1]"), wrongValue.diagnosis());
        TraceValidator.Result arity = check(List.of("{\"event\":\"IncY\",\"args\":[1, 2]}"));
        assertTrue(arity.diagnosis().contains("takes 1 argument(s)"), arity.diagnosis());
        TraceValidator.Result unknownVar = check(List.of("{\"event\":\"IncX\",\"vars\":{\"z\":1}}"));
        assertTrue(unknownVar.diagnosis().contains("does not declare"), unknownVar.diagnosis());
        TraceValidator.Result badInit = check(List.of("{\"event\":\"Init\",\"vars\":{\"x\":4}}"));
        assertTrue(badInit.diagnosis().contains("no initial state"), badInit.diagnosis());
        TraceValidator.Result pathUpdate = check(List.of("{\"event\":\"IncX\",\"updates\":[{\"var\":\"x\",\"path\":[],\"value\":1}]}"));
        assertTrue(pathUpdate.conforms(), pathUpdate.diagnosis());
    }

    @Test
    void threadedTracesAreOrderedByTheirClocks() throws IOException {
        Path f = dir.resolve("clock.ndjson");
        spec();
        Files.write(f, List.of("{\"trace\":\"barreleye/1\",\"spec\":\"Pair.tla\",\"model\":\"Pair.cfg\",\"order\":\"clock\"}",
                "{\"event\":\"IncX\",\"clock\":2,\"vars\":{\"x\":2}}",
                "{\"event\":\"IncX\",\"clock\":1,\"vars\":{\"x\":1}}"));
        assertTrue(TraceCheck.check(Trace.read(f), dir).conforms());
    }

    @Test
    void valuesRoundTripThroughJson() {
        for (String e : List.of("<<1, \"a\", TRUE>>", "[a |-> {1, 2}, b |-> <<>>]", "(0 :> 1 @@ 5 :> 2)", "{{}, {1}}")) {
            Value v = Expressions.evaluate(e, "TLC");
            assertEquals(v, TraceValues.toValue(Json.parse(TraceValues.toJson(v))), e);
        }
        Json.JsonException ex = assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\": [1, }"));
        assertEquals(11, ex.column);
        assertThrows(Json.JsonException.class, () -> Json.parse("{\"a\": 1.5}"));
        assertEquals(Map.of("s", "q\"\n"), Json.parse("{\"s\":\"q\\\"\\n\"}"));
    }
}
