package io.barreleye.modelcheck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/**
 * The one list of oracle rows (TLC models and single expressions) on which the embedded checker
 * does not yet give TLC's answer, each with its reason: {@code oracle/known-divergences.tsv}.
 * It is checked both ways: a row that diverges and is not listed fails, and so does a listed row
 * that now agrees (remove it from the list). The build stays green while the list shrinks.
 */
final class KnownDivergences {
    static final String RESOURCE = "/oracle/known-divergences.tsv";
    private static final Map<String, String> LISTED = load();

    private KnownDivergences() {}

    private static Map<String, String> load() {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = KnownDivergences.class.getResourceAsStream(RESOURCE)) {
            if (in == null) return m;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int tab = line.indexOf('\t');
                String key = tab < 0 ? line.strip() : line.substring(0, tab).strip();
                String reason = tab < 0 ? "" : line.substring(tab + 1).strip();
                if (reason.isEmpty()) throw new IllegalStateException(RESOURCE + ": " + key + " has no reason");
                if (m.put(key, reason) != null) throw new IllegalStateException(RESOURCE + ": " + key + " listed twice");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    static boolean listed(String key) {
        return LISTED.containsKey(key);
    }

    static Map<String, String> all() {
        return LISTED;
    }

    /** Runs the comparison; a listed row must still diverge, an unlisted one must agree. */
    static void check(String key, Executable comparison) throws Throwable {
        AssertionError diverged = null;
        try {
            comparison.execute();
        } catch (AssertionError e) {
            diverged = e;
        }
        if (LISTED.containsKey(key)) {
            assertTrue(diverged != null, key + " now agrees with TLC: remove it from " + RESOURCE
                    + " (listed because: " + LISTED.get(key) + ")");
        } else if (diverged != null) {
            fail(key + " diverges from TLC and is not in " + RESOURCE + ": " + diverged.getMessage(), diverged);
        }
    }
}
