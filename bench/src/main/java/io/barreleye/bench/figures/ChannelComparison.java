package io.barreleye.bench.figures;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH channel comparison of {@code io.barreleye.bench} run in one JMH invocation (the targets
 * are ratios, meaningful only side by side), turned into two bar charts: round-trip latency (URPC
 * of both generations against the raw cache-line ping-pong) and one-way throughput (URPC against
 * JCTools {@code SpscArrayQueue} and Agrona {@code OneToOneRingBuffer}, the consumer's messages
 * per microsecond), with the ratios of DESIGN.md section 5 as notes.
 */
public final class ChannelComparison {
    /** Benchmark names (class.method or class.group) and the labels the charts give them. */
    static final Map<String, String> LATENCY = labels("PingPongRoundTrip.roundTrip", "raw ping-pong",
            "UrpcRoundTrip.roundTrip:EPOCH_ACK", "URPC EPOCH_ACK", "UrpcRoundTrip.roundTrip:USED_BIT", "URPC USED_BIT");
    static final Map<String, String> THROUGHPUT = labels("UrpcThroughput.urpc:EPOCH_ACK", "URPC EPOCH_ACK",
            "UrpcThroughput.urpc:USED_BIT", "URPC USED_BIT", "SpscQueueThroughput.spsc", "JCTools SpscArrayQueue",
            "RingBufferThroughput.ringBuffer", "Agrona OneToOneRingBuffer");

    /** JMH's iteration settings: quick (1 s iterations) or the annotated full run. */
    public record Settings(int warmupIterations, int warmupSeconds, int iterations, int seconds) {
        public static final Settings QUICK = new Settings(1, 1, 2, 1);
        public static final Settings FULL = new Settings(3, 5, 5, 5);
    }

    private ChannelComparison() {}

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** Runs every channel benchmark in one JMH invocation (forked JVMs, as the annotations say). */
    public static Map<String, Double> run(Settings s) throws RunnerException {
        Options o = new OptionsBuilder().include("io\\.barreleye\\.bench\\.[A-Za-z]+\\.")
                .warmupIterations(s.warmupIterations()).warmupTime(TimeValue.seconds(s.warmupSeconds()))
                .measurementIterations(s.iterations()).measurementTime(TimeValue.seconds(s.seconds()))
                .forks(1).shouldFailOnError(true).build();
        return scores(new Runner(o).run());
    }

    /** Score per benchmark key ({@code Class.method[:generation]}); a group's score is its consumer's rate. */
    static Map<String, Double> scores(Collection<RunResult> results) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (RunResult r : results) {
            String full = r.getParams().getBenchmark();
            String[] parts = full.split("\\.");
            String key = parts[parts.length - 2] + "." + parts[parts.length - 1];
            String gen = r.getParams().getParamsKeys().contains("generation") ? r.getParams().getParam("generation") : null;
            if (gen != null) key += ":" + gen;
            Result<?> consume = r.getSecondaryResults().get("consume");
            out.put(key, (consume != null ? consume : r.getPrimaryResult()).getScore());
        }
        return out;
    }

    /** The two figures (latency, throughput) from scores; notes hold the ratios. */
    public static List<Figure> figures(Map<String, Double> scores, String conditions) {
        Map<String, String> latencyNotes = new LinkedHashMap<>();
        Map<String, String> throughputNotes = new LinkedHashMap<>();
        Double pingPong = scores.get("PingPongRoundTrip.roundTrip");
        Double spsc = scores.get("SpscQueueThroughput.spsc");
        Double ring = scores.get("RingBufferThroughput.ringBuffer");
        for (String g : new String[] {"EPOCH_ACK", "USED_BIT"}) {
            Double rt = scores.get("UrpcRoundTrip.roundTrip:" + g);
            Double tp = scores.get("UrpcThroughput.urpc:" + g);
            if (rt != null && pingPong != null) latencyNotes.put("URPC " + g + " round trip / ping-pong", ratio(rt, pingPong, "target <= 2"));
            if (tp != null && spsc != null) throughputNotes.put("URPC " + g + " / JCTools", ratio(tp, spsc, "target >= 1"));
            if (tp != null && ring != null) throughputNotes.put("URPC " + g + " / Agrona", ratio(tp, ring, "target >= 1"));
        }
        return List.of(bar("channels-latency", "Round trip: URPC vs raw cache-line ping-pong", "ns per round trip", LATENCY,
                        scores, latencyNotes, conditions),
                bar("channels-throughput", "One-way throughput: URPC vs JCTools vs Agrona", "messages per µs", THROUGHPUT,
                        scores, throughputNotes, conditions));
    }

    private static String ratio(double a, double b, String target) {
        return String.format(Locale.ROOT, "%.2f (%s)", a / b, target);
    }

    private static Figure bar(String name, String title, String unit, Map<String, String> wanted, Map<String, Double> scores,
                              Map<String, String> notes, String conditions) {
        List<String> categories = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            Double v = scores.get(e.getKey());
            if (v == null) continue;
            categories.add(e.getValue());
            ys.add(v);
        }
        if (categories.isEmpty()) throw new IllegalStateException(name + ": JMH returned none of " + wanted.keySet());
        double[] x = new double[ys.size()];
        double[] y = new double[ys.size()];
        for (int i = 0; i < ys.size(); i++) {
            x[i] = i;
            y[i] = ys.get(i);
        }
        return new Figure(name, title, "bar", "channel", unit, categories, List.of(new Figure.Series(unit, x, y)), notes,
                conditions);
    }
}
