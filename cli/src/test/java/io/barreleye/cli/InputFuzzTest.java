package io.barreleye.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the command line with seeded mutants of the project's golden traces, specs, models and
 * of command lines (see {@link Mutants}). For every case: no stack trace and no internal error in
 * the output, an answer within the time limit, no file changed outside the scratch folder's
 * output folder (the project's specs and golden traces, the scratch copies of them, the working
 * directory), a non-zero exit for every mutant that cannot be valid, and, for a refused trace, the
 * position of the mistake. The build runs {@link #CASES} cases from seed {@link #SEED}; the slow
 * run ten times as many from another seed. {@code -Dfuzz.seed=S} replays a seed.
 */
class InputFuzzTest {
    static final long SEED = 14;
    static final int CASES = 320;
    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern STACK_TRACE = Pattern.compile("\\tat |Exception in thread|internal error|\\.java:\\d+\\)");
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path scratch;

    @Test
    void mutantsAreRefusedCleanly() throws Exception {
        fuzz(Long.getLong("fuzz.seed", SEED), CASES);
    }

    @Tag("slow")
    @Test
    void manyMoreMutantsAreRefusedCleanly() throws Exception {
        fuzz(Long.getLong("fuzz.seed", SEED * 100), CASES * 10);
    }

    /** What one case ran, gave and whether it broke a rule. */
    private record Outcome(String what, int exit, String output, String broken) {}

    void fuzz(long seed, int cases) throws Exception {
        PrintStream realOut = System.out;
        realOut.println("InputFuzzTest: seed " + seed + ", " + cases + " cases (replay with -Dfuzz.seed=" + seed + ")");
        Path specs = copy(REPO.resolve("specs"), scratch.resolve("specs"));
        Path traces = copy(REPO.resolve("traces/golden"), scratch.resolve("traces"));
        Path counter = Files.createDirectories(scratch.resolve("counter"));
        Files.writeString(counter.resolve("Counter.tla"), CliTest.COUNTER);
        Files.writeString(counter.resolve("Counter.cfg"), "INIT Init\nNEXT Next\nCHECK_DEADLOCK FALSE\n");
        Path work = Files.createDirectories(scratch.resolve("work"));
        Path out = Files.createDirectories(scratch.resolve("out"));
        Map<String, String> before = snapshot();
        List<String> cwdBefore = listing(Path.of(""));

        long t0 = System.nanoTime();
        Mutants m = new Mutants(seed);
        List<Path> goldens = list(traces, ".ndjson");
        List<String> specNames = List.of("Urpc", "Shootdown", "CapCommit", "Membership");
        List<Outcome> broken = new ArrayList<>();
        int[] counts = new int[4];
        int refused = 0;
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "fuzz-case", 0);
            t.setDaemon(true);
            return t;
        });
        try {
            for (int n = 0; n < cases; n++) {
                int kind = n % 8 < 4 ? 0 : n % 8 < 5 ? 1 : n % 8 < 6 ? 2 : 3;
                counts[kind]++;
                Mutants.Mutant mu;
                String[] args;
                Path file = null;
                switch (kind) {
                    case 0 -> {
                        Path g = m.pick(goldens);
                        mu = m.trace(Files.readString(g));
                        file = Files.write(work.resolve(n + "-" + g.getFileName()), mu.bytes());
                        args = new String[] {"traces", "check", "--specs", specs.toString(), file.toString()};
                    }
                    case 1 -> {
                        String s = m.pick(specNames);
                        mu = m.spec(Files.readString(specs.resolve(s + ".tla")));
                        Path dir = copy(specs, work.resolve("spec" + n));
                        file = Files.write(dir.resolve(s + ".tla"), mu.bytes());
                        args = new String[] {"check", "-simulate", "-depth", "8", "-num", "2", "-seed", "1", "-config",
                                dir.resolve(s + ".cfg").toString(), file.toString()};
                    }
                    case 2 -> {
                        String s = m.pick(specNames);
                        mu = m.model(Files.readString(specs.resolve(s + ".cfg")));
                        file = Files.write(work.resolve(n + "-" + s + ".cfg"), mu.bytes());
                        args = new String[] {"check", "-simulate", "-depth", "8", "-num", "2", "-seed", "1", "-config",
                                file.toString(), specs.resolve(s + ".tla").toString()};
                    }
                    default -> {
                        List<List<String>> lines = commandLines(specs, traces, counter, out, n);
                        List<String> base = m.pick(lines);
                        mu = m.commandLine(base, base.get(0).equals("traces") ? 2 : 1);
                        args = new String(mu.bytes(), StandardCharsets.UTF_8).split("\u0001", -1);
                    }
                }
                Outcome o = run(pool, "case " + n + " (" + mu.what() + ")", args, mu.mustFail(), file, kind == 0);
                if (o.exit() != 0) refused++;
                if (o.broken() != null) broken.add(o);
                Map<String, String> after = snapshot();
                if (!after.equals(before)) {
                    broken.add(new Outcome(o.what(), o.exit(), o.output(), "changed files outside the output folder: "
                            + diff(before, after)));
                    before = after;
                }
                if (!listing(Path.of("")).equals(cwdBefore)) {
                    broken.add(new Outcome(o.what(), o.exit(), o.output(), "changed the working directory"));
                    cwdBefore = listing(Path.of(""));
                }
                if (o.exit() == -1) break; // a hung case holds the only worker thread
            }
        } finally {
            pool.shutdownNow();
        }
        realOut.printf("InputFuzzTest: %d cases (%d traces, %d specs, %d models, %d command lines) in %.0f s, %d refused,"
                + " %d broke a rule%n", cases, counts[0], counts[1], counts[2], counts[3], (System.nanoTime() - t0) / 1e9, refused,
                broken.size());
        StringBuilder sb = new StringBuilder();
        for (Outcome o : broken) {
            sb.append("\n").append(o.what()).append(": ").append(o.broken()).append(" (exit ").append(o.exit()).append(")\n")
                    .append(o.output().length() > 2000 ? o.output().substring(0, 2000) + "..." : o.output());
        }
        assertTrue(broken.isEmpty(), "seed " + seed + ": " + broken.size() + " of " + cases + " cases broke a rule:" + sb);
    }

    /** Runs one command line in-process, with its output captured and a time limit. */
    private Outcome run(ExecutorService pool, String what, String[] args, boolean mustFail, Path file, boolean trace)
            throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(ps);
        System.setErr(ps);
        int exit;
        try {
            Future<Integer> f = pool.submit(() -> Barreleye.execute(args));
            try {
                exit = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                return new Outcome(what, -1, buf.toString(StandardCharsets.UTF_8), "no answer within " + TIMEOUT_SECONDS + " s");
            }
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String output = buf.toString(StandardCharsets.UTF_8);
        String why = null;
        if (STACK_TRACE.matcher(output).find()) why = "a stack trace or internal error";
        else if (mustFail && exit == 0) why = "an invalid input was accepted";
        else if (trace && mustFail && !output.contains(file + ":")) why = "the refusal does not give the position";
        return new Outcome(what + ": barreleye " + String.join(" ", args), exit, output, why);
    }

    /** Valid command lines to mutate; outputs go to {@code out}, under names unique to case {@code n}. */
    private static List<List<String>> commandLines(Path specs, Path traces, Path counter, Path out, int n) {
        String c = counter.resolve("Counter.tla").toString();
        return List.of(
                List.of("check", "-workers", "1", "-config", counter.resolve("Counter.cfg").toString(), "-json",
                        out.resolve("r" + n + ".json").toString(), c),
                List.of("check", "-simulate", "-depth", "6", "-num", "2", "-seed", "3", "-config", specs.resolve("Urpc.cfg").toString(),
                        specs.resolve("Urpc.tla").toString()),
                List.of("traces", "check", "--specs", specs.toString(), traces.resolve("Urpc_B.ndjson").toString()),
                List.of("traces", "simulate", specs.resolve("Urpc.tla").toString(), "-config", specs.resolve("Urpc_B.cfg").toString(),
                        "-depth", "5", "-seed", "2", "--out", out.resolve("s" + n + ".ndjson").toString()),
                List.of("traces", "export-tla", traces.resolve("Membership.ndjson").toString(), "--out", out.resolve("e" + n).toString()),
                List.of("run", "--cores", "4", "--rounds", "3", "--seed", "1", "--workload", "ping-pong"),
                List.of("check", "-dump", "dot", out.resolve("g" + n + ".dot").toString(), "-deadlock", c),
                List.of("check", "-fp", "3", "-cleanup", "-lncheck", "final", "-noGenerateSpecTE", c.replace(".tla", "")));
    }

    /** Hashes of every file the tools must not change: the project's inputs and their scratch copies. */
    private Map<String, String> snapshot() throws IOException, NoSuchAlgorithmException {
        Map<String, String> out = new TreeMap<>();
        for (Path root : List.of(REPO.resolve("specs"), REPO.resolve("traces/golden"), scratch.resolve("specs"),
                scratch.resolve("traces"), scratch.resolve("counter"))) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : s.sorted().toList()) {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    out.put(p.toString(), Files.isRegularFile(p) ? HexFormat.of().formatHex(md.digest(Files.readAllBytes(p))) : "dir");
                }
            }
        }
        return out;
    }

    private static String diff(Map<String, String> a, Map<String, String> b) {
        List<String> d = new ArrayList<>();
        for (String k : a.keySet()) if (!a.get(k).equals(b.get(k))) d.add(k);
        for (String k : b.keySet()) if (!a.containsKey(k)) d.add("new " + k);
        return String.join(", ", d);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Copies the files of {@code from} (not its sub-folders) into a new folder {@code to}. */
    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (Path p : list(from, "")) if (Files.isRegularFile(p)) Files.copy(p, to.resolve(p.getFileName()));
        return to;
    }
}
