package io.barreleye.modelcheck.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every file the tools write goes through here, so that an output can never destroy an input: a
 * spec ({@code .tla}), a model ({@code .cfg}) or a trace is never replaced, a folder is never
 * written over, a missing folder is never created, and the file appears whole or not at all
 * (written to a temporary file beside it, then renamed).
 */
public final class OutputFiles {
    /** Writes an output's content; the writer is closed by the caller. */
    public interface Body {
        void writeTo(Writer w) throws IOException;
    }

    /**
     * One file of a set written together. {@code generatedMark} is the text a file this tool
     * wrote earlier starts with: such a file may be replaced even when it is a spec or model.
     */
    public record Output(Path target, byte[] content, String generatedMark) {}

    /** An output refused before anything was written: the message says why, in one line. */
    public static final class RefusedException extends IOException {
        public RefusedException(String message) {
            super(message);
        }
    }

    private static final List<String> INPUT_SUFFIXES = List.of(".tla", ".cfg", ".ndjson", ".jsonl");
    private static final String TRACE_HEADER = "{\"trace\":";

    private OutputFiles() {}

    /** Why writing {@code target} is refused, or null when it may be written. */
    public static String refusal(Path target) {
        return refusal(target, null);
    }

    private static String refusal(Path target, String generatedMark) {
        if (Files.isDirectory(target)) return target + " is a folder, not a file";
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return "the folder " + (target.getParent() == null ? parent : target.getParent()) + " does not exist";
        }
        if (!Files.exists(target)) return null;
        if (!Files.isRegularFile(target)) return target + " is not a regular file";
        if (generatedMark != null && startsWith(target, generatedMark)) return null;
        String kind = inputKind(target);
        return kind == null ? null : inputRefusal(target, kind);
    }

    private static String inputRefusal(Path target, String kind) {
        return target + " is " + kind + "; refusing to overwrite it (write to another file)";
    }

    /**
     * Why {@code target} must not be written because it is an existing spec, model or trace, or
     * null: what a command checks before it starts work that ends in writing {@code target}.
     */
    public static String overwritesInput(Path target) {
        if (!Files.isRegularFile(target)) return null;
        String kind = inputKind(target);
        return kind == null ? null : inputRefusal(target, kind);
    }

    /** "a spec", "a model" or "a trace" when {@code file} is an input the tools read, else null. */
    static String inputKind(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tla")) return "a spec";
        if (name.endsWith(".cfg")) return "a model";
        for (String s : INPUT_SUFFIXES) if (name.endsWith(s)) return "a trace";
        return startsWith(file, TRACE_HEADER) ? "a trace" : null;
    }

    private static boolean startsWith(Path file, String text) {
        byte[] want = text.getBytes(StandardCharsets.UTF_8);
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(want.length), want);
        } catch (IOException e) {
            return false;
        }
    }

    /** Refuses {@code target} with a {@link RefusedException} unless it may be written. */
    public static void checkWritable(Path target) throws RefusedException {
        String why = refusal(target);
        if (why != null) throw new RefusedException("cannot write " + target + ": " + why);
    }

    public static void write(Path target, String content) throws IOException {
        write(target, w -> w.write(content));
    }

    /** Writes {@code target} whole: the body goes to a temporary file beside it, renamed at the end. */
    public static void write(Path target, Body body) throws IOException {
        checkWritable(target);
        Path tmp = temporaryBeside(target);
        try {
            try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                body.writeTo(w);
            }
            rename(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes several files as one: every target is checked before the first is written, a file
     * already holding the same bytes is left alone, and when anything fails no temporary file
     * stays behind.
     */
    public static void writeAll(List<Output> outputs) throws IOException {
        List<Output> todo = new ArrayList<>();
        for (Output o : outputs) {
            if (Files.isRegularFile(o.target()) && Arrays.equals(Files.readAllBytes(o.target()), o.content())) continue;
            String why = refusal(o.target(), o.generatedMark());
            if (why != null) throw new RefusedException("cannot write " + o.target() + ": " + why);
            todo.add(o);
        }
        List<Path> temps = new ArrayList<>();
        try {
            for (Output o : todo) {
                Path tmp = temporaryBeside(o.target());
                temps.add(tmp);
                Files.write(tmp, o.content());
            }
            for (int i = 0; i < todo.size(); i++) rename(temps.get(i), todo.get(i).target());
        } finally {
            for (Path t : temps) Files.deleteIfExists(t);
        }
    }

    /**
     * Makes the folder {@code dir} when it is missing and its parent exists: one level only, so a
     * mistyped path never grows a tree of folders somewhere else.
     */
    public static void ensureFolder(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        if (Files.exists(dir)) throw new RefusedException(dir + " is a file, not a folder");
        Path parent = dir.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new RefusedException("the folder " + (dir.getParent() == null ? parent : dir.getParent())
                    + " does not exist (create it first: only the last folder of the path is created)");
        }
        Files.createDirectory(dir);
    }

    private static Path temporaryBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        return Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    }

    private static void rename(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
