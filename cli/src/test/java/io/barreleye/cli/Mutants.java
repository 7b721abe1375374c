package io.barreleye.cli;

import io.barreleye.modelcheck.trace.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutants of the project's inputs: traces, specs, models and command lines. Each says
 * whether it is certainly invalid ({@code mustFail}): a mutation the format cannot accept
 * (truncated JSON, bytes that are not UTF-8, unbalanced nesting, a field of the wrong type, an
 * unknown field) must be refused, while one that may still be valid (a line dropped or repeated,
 * a token deleted from a spec) need only be handled without a crash.
 */
final class Mutants {
    /** One mutated input: what was done, the bytes, and whether every reader must refuse them. */
    record Mutant(String what, byte[] bytes, boolean mustFail) {}

    private final SplittableRandom rnd;

    Mutants(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    int nextInt(int bound) {
        return rnd.nextInt(bound);
    }

    <T> T pick(List<T> xs) {
        return xs.get(rnd.nextInt(xs.size()));
    }

    // ---- traces ----

    /** Wrong-typed values per field of the trace format: every one of them breaks the format. */
    private static final Map<String, List<Object>> WRONG = Map.ofEntries(
            Map.entry("event", List.of(7L, List.of(), Map.of())),
            Map.entry("vars", List.of(List.of(Map.of("lock", 99L)), "x", 1L)),
            Map.entry("args", List.of("oops", Map.of(), 1L)),
            Map.entry("updates", List.of("garbage", Map.of(), List.of(1L))),
            Map.entry("clock", List.of("1", -1L, List.of())),
            Map.entry("core", List.of(-1L, "a")),
            Map.entry("trace", List.of("barreleye/9", 1L)),
            Map.entry("spec", List.of(5L, "../../../../etc/passwd.tla", "/etc/Urpc.tla", "Urpc")),
            Map.entry("model", List.of(1L, "model.txt", "../x.cfg")),
            Map.entry("constants", List.of(List.of(), "c")),
            Map.entry("order", List.of("line", 1L)));

    Mutant trace(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int i = rnd.nextInt(lines.size());
        String line = lines.get(i);
        return switch (rnd.nextInt(9)) {
            case 0 -> {
                // cut inside a line: a JSON object without its end
                int cut = 1 + rnd.nextInt(Math.max(1, line.length() - 1));
                List<String> kept = new ArrayList<>(lines.subList(0, i));
                kept.add(line.substring(0, cut));
                yield new Mutant("truncated line " + (i + 1) + " at " + cut, utf8(String.join("\n", kept)), true);
            }
            case 1 -> new Mutant("binary bytes in line " + (i + 1), withBytes(lines, i), true);
            case 2 -> {
                int depth = Json.MAX_DEPTH + 1 + rnd.nextInt(200_000);
                int at = line.indexOf(':');
                if (at < 0) at = 0;
                lines.set(i, line.substring(0, at + 1) + "[".repeat(depth) + "]".repeat(depth) + line.substring(at + 1));
                yield new Mutant(depth + " nested [ in line " + (i + 1), utf8(String.join("\n", lines)), true);
            }
            case 3 -> {
                // delete one structural token (a comma may leave valid JSON, so never a comma)
                List<Integer> at = positions(line, "{}[]:\"");
                int p = at.isEmpty() ? 0 : pick(at);
                lines.set(i, line.substring(0, p) + line.substring(Math.min(line.length(), p + 1)));
                yield new Mutant("token '" + (line.isEmpty() ? "" : line.charAt(p)) + "' deleted in line " + (i + 1),
                        utf8(String.join("\n", lines)), true);
            }
            case 4 -> {
                Matcher m = Pattern.compile("\"(\\w+)\":").matcher(line);
                List<int[]> keys = new ArrayList<>();
                while (m.find()) keys.add(new int[] {m.start(), m.end()});
                int[] k = pick(keys);
                // the same field twice in one object
                String dup = line.substring(k[0], k[1]) + "1,";
                lines.set(i, line.substring(0, k[0]) + dup + line.substring(k[0]));
                yield new Mutant("field repeated in line " + (i + 1), utf8(String.join("\n", lines)), true);
            }
            case 5 -> unknownField(lines, i);
            case 6 -> typeSwap(lines, i);
            case 7 -> {
                lines.add(i, line);
                yield new Mutant("line " + (i + 1) + " repeated", utf8(String.join("\n", lines)), i == 0);
            }
            default -> {
                lines.remove(i);
                // without its header a trace is refused; without an event it may still conform
                yield new Mutant("line " + (i + 1) + " dropped", utf8(String.join("\n", lines)), i == 0);
            }
        };
    }

    /** A top-level field renamed to one the format does not have. */
    @SuppressWarnings("unchecked")
    private Mutant unknownField(List<String> lines, int i) {
        Map<String, Object> o = (Map<String, Object>) Json.parse(lines.get(i));
        Map<String, Object> renamed = new java.util.LinkedHashMap<>();
        String f = pick(new ArrayList<>(o.keySet()));
        for (Map.Entry<String, Object> e : o.entrySet()) renamed.put(e.getKey().equals(f) ? f + "X" : e.getKey(), e.getValue());
        lines.set(i, toJson(renamed));
        return new Mutant("unknown field " + f + "X in line " + (i + 1), utf8(String.join("\n", lines)), true);
    }

    @SuppressWarnings("unchecked")
    private Mutant typeSwap(List<String> lines, int i) {
        Map<String, Object> o = (Map<String, Object>) Json.parse(lines.get(i));
        List<String> fields = o.keySet().stream().filter(WRONG::containsKey).toList();
        if (fields.isEmpty()) return new Mutant("nothing to swap", utf8(String.join("\n", lines)), false);
        String f = pick(fields);
        Object wrong = pick(WRONG.get(f));
        o.put(f, wrong);
        lines.set(i, toJson(o));
        return new Mutant("\"" + f + "\" := " + toJson(wrong) + " in line " + (i + 1), utf8(String.join("\n", lines)), true);
    }

    // ---- specs and models ----

    Mutant spec(String text) {
        // the start of the module's closing line (==== and more); text after it is not read at all
        int end = text.lastIndexOf("\n====") + 1;
        List<String> lines = new ArrayList<>(text.lines().toList());
        int body = Math.max(1, (int) text.substring(0, end).lines().count() - 1);
        int i = 1 + rnd.nextInt(body);
        return switch (rnd.nextInt(6)) {
            case 0 -> new Mutant("spec cut before its end at " + end, utf8(text.substring(0, rnd.nextInt(end))), true);
            case 1 -> new Mutant("binary bytes in spec line " + (i + 1), withBytes(lines, i), true);
            case 2 -> {
                // just before the module's end, where no comment can swallow it
                int depth = 20_000 + rnd.nextInt(20_000);
                String deep = text.substring(0, end) + "Deep == " + "(".repeat(depth) + "1\n" + text.substring(end);
                yield new Mutant(depth + " unclosed ( before the spec's end", utf8(deep), true);
            }
            case 3 -> {
                String[] words = lines.get(i).split(" ", -1);
                int w = rnd.nextInt(words.length);
                words[w] = "";
                lines.set(i, String.join(" ", words));
                yield new Mutant("word " + w + " deleted in spec line " + (i + 1), utf8(String.join("\n", lines)), false);
            }
            case 4 -> {
                lines.add(i, lines.get(i));
                yield new Mutant("spec line " + (i + 1) + " repeated", utf8(String.join("\n", lines)), false);
            }
            default -> {
                Matcher m = Pattern.compile("\\b\\d+\\b").matcher(lines.get(i));
                String swapped = m.find() ? m.replaceFirst("\"swapped\"") : "TRUE + " + lines.get(i);
                lines.set(i, swapped);
                yield new Mutant("value swapped in spec line " + (i + 1), utf8(String.join("\n", lines)), false);
            }
        };
    }

    Mutant model(String text) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        int i = rnd.nextInt(lines.size());
        return switch (rnd.nextInt(4)) {
            case 0 -> new Mutant("binary bytes in model line " + (i + 1), withBytes(lines, i), true);
            case 1 -> {
                lines.add(i, "BOGUS_KEYWORD Foo");
                yield new Mutant("unknown keyword at model line " + (i + 1), utf8(String.join("\n", lines)), true);
            }
            case 2 -> new Mutant("model cut", utf8(text.substring(0, rnd.nextInt(text.length()))), false);
            default -> {
                lines.remove(i);
                yield new Mutant("model line " + (i + 1) + " dropped", utf8(String.join("\n", lines)), false);
            }
        };
    }

    // ---- command lines ----

    private static final List<String> JUNK = List.of("-1", "0", "abc", "", "99999999999", "1e3", "%s", "\u0000");
    private static final List<String> OUTPUT_OPTIONS = List.of("-json", "--out", "dot");
    private static final List<String> BAD_FLAGS = List.of("-nosuch", "--nosuch", "-checkpoint", "-gzip", "-dfid", "-view");

    /** A mutated command line; {@code subcommandWords} words name the command and stay in front. */
    Mutant commandLine(List<String> args, int subcommandWords) {
        List<String> a = new ArrayList<>(args);
        int i = subcommandWords + rnd.nextInt(a.size() - subcommandWords);
        // an output path replaced by junk names a file in the working directory: a valid request, not a mutant
        while (i > 0 && OUTPUT_OPTIONS.contains(a.get(i - 1))) i = subcommandWords + rnd.nextInt(a.size() - subcommandWords);
        return switch (rnd.nextInt(4)) {
            case 0 -> {
                String flag = pick(BAD_FLAGS);
                a.add(subcommandWords, flag);
                yield new Mutant("option " + flag + " added", String.join("\u0001", a).getBytes(StandardCharsets.UTF_8), true);
            }
            case 1 -> {
                String was = a.remove(i);
                yield new Mutant("argument '" + was + "' dropped", String.join("\u0001", a).getBytes(StandardCharsets.UTF_8), false);
            }
            case 2 -> {
                a.add(i, a.get(i));
                yield new Mutant("argument '" + a.get(i) + "' repeated", String.join("\u0001", a).getBytes(StandardCharsets.UTF_8), false);
            }
            default -> {
                String junk = pick(JUNK);
                String was = a.set(i, junk);
                yield new Mutant("'" + was + "' := '" + junk + "'", String.join("\u0001", a).getBytes(StandardCharsets.UTF_8), false);
            }
        };
    }

    // ---- helpers ----

    private byte[] withBytes(List<String> lines, int i) {
        String line = lines.get(i);
        int at = rnd.nextInt(line.length() + 1);
        byte[] before = utf8(String.join("\n", lines.subList(0, i)) + (i > 0 ? "\n" : "") + line.substring(0, at));
        byte[] after = utf8(line.substring(at) + "\n" + String.join("\n", lines.subList(i + 1, lines.size())));
        // 0xFF never occurs in UTF-8; the other bytes are random, control characters included
        byte[] junk = new byte[1 + rnd.nextInt(8)];
        for (int k = 0; k < junk.length; k++) junk[k] = (byte) rnd.nextInt(256);
        junk[rnd.nextInt(junk.length)] = (byte) 0xFF;
        byte[] out = new byte[before.length + junk.length + after.length];
        System.arraycopy(before, 0, out, 0, before.length);
        System.arraycopy(junk, 0, out, before.length, junk.length);
        System.arraycopy(after, 0, out, before.length + junk.length, after.length);
        return out;
    }

    private static List<Integer> positions(String s, String chars) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < s.length(); k++) if (chars.indexOf(s.charAt(k)) >= 0) out.add(k);
        return out;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** JSON text of the reader's values (Maps, Lists, Strings, Longs, Booleans, null). */
    static String toJson(Object v) {
        if (v == null) return "null";
        if (v instanceof String s) return io.barreleye.modelcheck.Report.quoteJson(s);
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object x : l) parts.add(toJson(x));
            return "[" + String.join(",", parts) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) parts.add(toJson(e.getKey()) + ":" + toJson(e.getValue()));
            return "{" + String.join(",", parts) + "}";
        }
        return v.toString();
    }
}
