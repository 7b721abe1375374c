package io.barreleye.modelcheck.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs never destroy inputs, never appear half written, and never grow folders far away. */
class OutputFilesTest {
    @TempDir
    Path dir;

    List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void specsModelsAndTracesAreNeverReplaced() throws IOException {
        Path spec = Files.writeString(dir.resolve("Spec.tla"), "---- MODULE Spec ----\n====\n");
        Path model = Files.writeString(dir.resolve("Spec.cfg"), "INIT Init\n");
        Path trace = Files.writeString(dir.resolve("run.log"), "{\"trace\":\"barreleye/1\",\"spec\":\"Spec.tla\"}\n");
        Path ndjson = Files.writeString(dir.resolve("t.ndjson"), "");
        for (Path p : List.of(spec, model, trace, ndjson)) {
            String before = Files.readString(p);
            OutputFiles.RefusedException e = assertThrows(OutputFiles.RefusedException.class, () -> OutputFiles.write(p, "digraph {}"));
            assertTrue(e.getMessage().contains("refusing to overwrite it"), e.getMessage());
            assertEquals(before, Files.readString(p));
            assertTrue(OutputFiles.overwritesInput(p).contains("refusing to overwrite"));
        }
        assertTrue(OutputFiles.refusal(spec).startsWith(spec + " is a spec"));
        assertTrue(OutputFiles.refusal(trace).startsWith(trace + " is a trace"));
        assertEquals(List.of("Spec.cfg", "Spec.tla", "run.log", "t.ndjson"), names());
    }

    @Test
    void foldersAndMissingFoldersAreRefused() throws IOException {
        assertEquals(dir + " is a folder, not a file", OutputFiles.refusal(dir));
        Path far = dir.resolve("a/b/out.json");
        assertEquals("the folder " + dir.resolve("a/b") + " does not exist", OutputFiles.refusal(far));
        assertThrows(OutputFiles.RefusedException.class, () -> OutputFiles.write(far, "{}"));
        assertFalse(Files.exists(dir.resolve("a")));
        assertNull(OutputFiles.overwritesInput(dir.resolve("new.tla")));
    }

    @Test
    void anOrdinaryFileIsWrittenWholeAndReplaced() throws IOException {
        Path out = dir.resolve("result.json");
        OutputFiles.write(out, "{\"a\":1}");
        OutputFiles.write(out, "{\"a\":2}");
        assertEquals("{\"a\":2}", Files.readString(out));
        assertThrows(IOException.class, () -> OutputFiles.write(out, w -> {
            w.write("partial");
            throw new IOException("disk full");
        }));
        assertEquals("{\"a\":2}", Files.readString(out), "a failed write leaves the old file as it was");
        assertEquals(List.of("result.json"), names(), "and no temporary file behind");
    }

    @Test
    void aSetOfFilesIsWrittenWholeOrNotAtAll() throws IOException {
        Path spec = Files.writeString(dir.resolve("Spec.tla"), "mine");
        byte[] gen = "GENERATED new".getBytes(StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("Gen.tla"), "GENERATED old");
        OutputFiles.RefusedException e = assertThrows(OutputFiles.RefusedException.class, () -> OutputFiles.writeAll(List.of(
                new OutputFiles.Output(dir.resolve("Gen.tla"), gen, "GENERATED"),
                new OutputFiles.Output(dir.resolve("New.cfg"), gen, null),
                new OutputFiles.Output(spec, "theirs".getBytes(StandardCharsets.UTF_8), null))));
        assertTrue(e.getMessage().contains("Spec.tla is a spec"), e.getMessage());
        assertEquals("GENERATED old", Files.readString(dir.resolve("Gen.tla")));
        assertEquals(List.of("Gen.tla", "Spec.tla"), names());
        OutputFiles.writeAll(List.of(new OutputFiles.Output(dir.resolve("Gen.tla"), gen, "GENERATED"),
                new OutputFiles.Output(spec, "mine".getBytes(StandardCharsets.UTF_8), null)));
        assertEquals("GENERATED new", Files.readString(dir.resolve("Gen.tla")), "a file this tool generated may be replaced");
        assertEquals("mine", Files.readString(spec), "a file with the same bytes is left alone");
    }

    @Test
    void onlyTheLastFolderOfAPathIsCreated() throws IOException {
        OutputFiles.ensureFolder(dir.resolve("out"));
        assertTrue(Files.isDirectory(dir.resolve("out")));
        OutputFiles.ensureFolder(dir.resolve("out"));
        OutputFiles.RefusedException e = assertThrows(OutputFiles.RefusedException.class,
                () -> OutputFiles.ensureFolder(dir.resolve("x/y/z")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x")));
        Path file = Files.writeString(dir.resolve("f"), "");
        assertThrows(OutputFiles.RefusedException.class, () -> OutputFiles.ensureFolder(file));
    }
}
