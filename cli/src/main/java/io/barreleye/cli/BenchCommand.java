package io.barreleye.cli;

import io.barreleye.bench.figures.ChannelComparison;
import io.barreleye.bench.figures.Figure;
import io.barreleye.bench.figures.FigureWriter;
import io.barreleye.bench.figures.Tradeoff;
import io.barreleye.bench.figures.UnmapLatency;
import io.barreleye.sharing.Calibration;
import io.barreleye.sharing.Calibrator;
import io.barreleye.sharing.ReplicatedCounter;
import io.barreleye.sharing.SharingPolicy;
import io.barreleye.topology.Machines;
import io.barreleye.topology.Topology;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code barreleye bench}: the measured figures, as PNG and JSON in target/report (shown by the
 * page {@code verify} writes). Without a subcommand, every figure; {@code --bundle DIR} writes
 * a self-contained copy that runs them on a machine without Java.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure and plot: the shared-lines vs messages trade-off, unmap latency vs cores, the JMH channel"
                + " comparison and the per-cache-group sharing calibration; PNG + JSON into target/report.",
        subcommands = {BenchCommand.TradeoffCmd.class, BenchCommand.UnmapCmd.class, BenchCommand.ChannelsCmd.class,
                BenchCommand.SharingCmd.class})
final class BenchCommand implements Callable<Integer> {
    /** Options every bench command takes (before or after the subcommand's name). */
    static final class Settings {
        @Option(names = "--quick", description = "Short measurements (the whole bench in under 2 minutes); numbers are rough.")
        boolean quick;

        @Option(names = "--out", paramLabel = "DIR", description = "Directory for the PNG and JSON files (default: target/report).")
        Path out;

        @Option(names = "--clients", paramLabel = "N",
                description = "Trade-off: client threads up to N (default: this machine's CPUs - 1, at least 1).")
        Integer clients;
    }

    @Mixin
    Settings settings;

    @Option(names = "--bundle", paramLabel = "DIR",
            description = "Write a self-contained directory (a jlink Java runtime, the barreleye jar and a run script) that runs"
                    + " the benchmarks on a machine without Java, and stop.")
    Path bundle;

    @Override
    public Integer call() {
        if (bundle != null) return BenchBundle.write(bundle);
        return Step.run("bench", settings, null, (s, w) -> {
            List<Figure> all = new ArrayList<>();
            all.add(tradeoff(s, w));
            all.addAll(unmap(s, w));
            all.add(sharing(s, w));
            all.addAll(channels(s, w));
            return all;
        });
    }

    /** One bench step: resolve the settings, open the writer, measure, write, print what was written. */
    @FunctionalInterface
    interface Step {
        List<Figure> measure(Settings s, FigureWriter w) throws Exception;

        static int run(String name, Settings own, BenchCommand parent, Step step) {
            Settings s = merge(own, parent == null ? null : parent.settings);
            System.setProperty("java.awt.headless", "true");
            try {
                FigureWriter w = new FigureWriter(s.out);
                List<Figure> figures = step.measure(s, w);
                for (Figure f : figures) {
                    System.out.println(f.name() + ": " + w.dir().resolve(f.name() + ".png") + " and .json");
                    for (Map.Entry<String, String> e : f.notes().entrySet()) {
                        System.out.println("  " + e.getKey() + ": " + e.getValue());
                    }
                }
                return 0;
            } catch (IOException | IllegalArgumentException e) {
                System.err.println("barreleye " + name + ": " + e.getMessage());
                return 2;
            } catch (Exception e) {
                System.err.println("barreleye " + name + ": the measurement failed: " + e);
                return 1;
            }
        }

        private static Settings merge(Settings own, Settings parent) {
            Settings s = new Settings();
            s.quick = own.quick || (parent != null && parent.quick);
            s.out = own.out != null ? own.out : parent != null && parent.out != null ? parent.out
                    : SpecCatalog.specsDir().toAbsolutePath().getParent().resolve("target").resolve("report");
            s.clients = own.clients != null ? own.clients : parent != null ? parent.clients : null;
            return s;
        }
    }

    /** How a figure was measured, stored in its JSON: the machine, its load at the start, quick or full. */
    static String conditions(Settings s) {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%s, %d CPUs, load average %.1f at start, %s run, %s",
                System.getProperty("os.name") + "/" + System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                load, s.quick ? "quick" : "full", Instant.now().toString().substring(0, 19) + "Z");
    }

    static Figure tradeoff(Settings s, FigureWriter w) throws Exception {
        int cpus = Runtime.getRuntime().availableProcessors();
        int clients = s.clients != null ? s.clients : Math.max(1, cpus - 1);
        Tradeoff.Settings ts = s.quick ? new Tradeoff.Settings(20, 60, clients, 8) : new Tradeoff.Settings(200, 600, clients, 8);
        System.out.printf("trade-off: 1..%d clients x 1..8 lines, shared vs URPC (both generations)%n", clients);
        Figure f = Tradeoff.figure(Tradeoff.measure(ts), conditions(s));
        w.write(f);
        return f;
    }

    static List<Figure> unmap(Settings s, FigureWriter w) throws IOException {
        String cond = conditions(s);
        List<Figure> out = new ArrayList<>();
        System.out.println("unmap: threads on this machine, then simulated " + UnmapLatency.SIMULATED);
        out.add(UnmapLatency.threads(s.quick ? 20 : 200, cond));
        for (String m : UnmapLatency.SIMULATED) out.add(UnmapLatency.simulated(m, s.quick ? 5 : 30, s.quick ? 6 : 2, 1, cond));
        for (Figure f : out) w.write(f);
        return out;
    }

    static List<Figure> channels(Settings s, FigureWriter w) throws Exception {
        System.out.println("channels: JMH, " + (s.quick ? "quick" : "full") + " settings, one invocation");
        List<Figure> out = ChannelComparison.figures(
                ChannelComparison.run(s.quick ? ChannelComparison.Settings.QUICK : ChannelComparison.Settings.FULL),
                conditions(s));
        for (Figure f : out) w.write(f);
        return out;
    }

    /** The boot calibration of every cache group of this machine, as {@code run --sharing auto} makes it. */
    static Figure sharing(Settings s, FigureWriter w) throws IOException {
        Topology host = Machines.host();
        Calibrator cal = s.quick ? Calibration.atBoot() : new Calibration(20_000, 5, io.barreleye.channel.Generation.EPOCH_ACK);
        List<String> groups = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        Map<String, String> notes = new LinkedHashMap<>();
        try (ReplicatedCounter rc = ReplicatedCounter.boot(host, host.size(), SharingPolicy.AUTO, cal,
                io.barreleye.channel.Generation.EPOCH_ACK)) {
            for (ReplicatedCounter.GroupChoice g : rc.choices()) {
                String label = "cores " + g.cores();
                notes.put(label, g.mode() + " (" + g.reason() + (g.measured() == null ? "" : ": " + g.measured()) + ")");
                if (g.measured() == null) continue;
                groups.add(label);
                values.add(new double[] {g.measured().sharedNanos(), g.measured().messagesNanos()});
            }
        }
        if (groups.isEmpty()) {
            groups.add("no group of 2+ cores");
            values.add(new double[] {0, 0});
        }
        double[] x = new double[groups.size()];
        double[] shared = new double[groups.size()];
        double[] messages = new double[groups.size()];
        for (int i = 0; i < groups.size(); i++) {
            x[i] = i;
            shared[i] = values.get(i)[0];
            messages[i] = values.get(i)[1];
        }
        Figure f = new Figure("sharing", "Boot calibration per cache group (this machine)", "bar", "cache group", "ns per add",
                groups, List.of(new Figure.Series("shared copy under a lock", x, shared),
                new Figure.Series("messages to the home core", x, messages)), notes, conditions(s));
        w.write(f);
        return f;
    }

    /** A subcommand: its own options, falling back to those given before its name, and one step. */
    abstract static class Sub implements Callable<Integer> {
        @Mixin
        Settings settings;
        @ParentCommand
        BenchCommand parent;

        abstract Step step();

        @Override
        public Integer call() {
            return Step.run("bench " + getClass().getAnnotation(Command.class).name(), settings, parent, step());
        }
    }

    @Command(name = "tradeoff", mixinStandardHelpOptions = true,
            description = "n clients updating k shared cache lines vs sending one URPC message per update to a server.")
    static final class TradeoffCmd extends Sub {
        @Override
        Step step() {
            return (s, w) -> List.of(tradeoff(s, w));
        }
    }

    @Command(name = "unmap", mixinStandardHelpOptions = true,
            description = "Unmap latency vs cores for every multicast tree: threads here, and simulated intel-2x4, amd-4x4, amd-8x4.")
    static final class UnmapCmd extends Sub {
        @Override
        Step step() {
            return BenchCommand::unmap;
        }
    }

    @Command(name = "channels", mixinStandardHelpOptions = true,
            description = "The JMH channel comparison: URPC vs raw ping-pong, JCTools SpscArrayQueue and Agrona OneToOneRingBuffer.")
    static final class ChannelsCmd extends Sub {
        @Override
        Step step() {
            return BenchCommand::channels;
        }
    }

    @Command(name = "sharing", mixinStandardHelpOptions = true,
            description = "The boot calibration of each cache group of this machine: shared copy under a lock vs messages.")
    static final class SharingCmd extends Sub {
        @Override
        Step step() {
            return (s, w) -> List.of(sharing(s, w));
        }
    }
}
