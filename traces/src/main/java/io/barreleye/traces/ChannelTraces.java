package io.barreleye.traces;

import io.barreleye.channel.ChannelObserver;
import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.modelcheck.trace.Trace;
import io.barreleye.modelcheck.trace.TraceCheck;
import io.barreleye.modelcheck.trace.TraceValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Records every URPC channel of a machine (pass it to {@code Machine.boot}): one
 * {@link UrpcRecorder} per pair of cores, including the channels of hot-plugged cores, each a
 * trace of specs/Urpc.tla; locked, or per core without a lock ({@link ChannelRecording}).
 */
public final class ChannelTraces implements Machine.ChannelObservers {
    /** One channel's recording: the cores it joins and its recorder. */
    public record Channel(int a, int b, UrpcRecorder recorder) {
        public String name() {
            return "urpc-" + a + "-" + b;
        }

        /** The recording mapped (merged first, when recorded per core). */
        public UrpcMapping mapping() {
            return recorder.mapping();
        }
    }

    private final Generation generation;
    private final int slots;
    private final ChannelRecording recording;
    private final List<Channel> channels = new ArrayList<>();

    /** Locked recorders (the simulation's). */
    public ChannelTraces(Generation generation, int slots) {
        this(generation, slots, ChannelRecording.LOCKED);
    }

    public ChannelTraces(Generation generation, int slots, ChannelRecording recording) {
        this.generation = generation;
        this.slots = slots;
        this.recording = recording;
    }

    /** The recording a run on {@code rt} should use: per core on threads ({@link ChannelRecording#on}). */
    public static ChannelTraces on(io.barreleye.runtime.CoreRuntime rt, Generation generation, int slots) {
        return new ChannelTraces(generation, slots, ChannelRecording.on(rt));
    }

    @Override
    public synchronized ChannelObserver forPair(int a, int b) {
        UrpcRecorder r = recording.recorder(generation, slots, a, b);
        channels.add(new Channel(a, b, r));
        return r;
    }

    public synchronized List<Channel> channels() {
        return new ArrayList<>(channels);
    }

    /** The verdict on one channel's trace, written to {@code file}. */
    public record Checked(Channel channel, Path file, TraceValidator.Result result) {}

    /**
     * Validates every channel that carried at least one message (the others are skipped); a channel
     * recorded per core whose logs admit no order fails, whatever its trace says. With a
     * {@code dir}, each trace is written there first as {@code <prefix>urpc-a-b.ndjson}; without
     * one (null) the traces are validated in memory.
     */
    public List<Checked> checkAll(Path dir, String prefix, Path specsDir) throws IOException {
        List<Channel> used = new ArrayList<>();
        for (Channel c : channels()) {
            if (c.mapping().size() > 0) used.add(c);
        }
        // the channels' traces are independent: validated in parallel on every core, reported in channel order
        try {
            return used.parallelStream().map(c -> {
                try {
                    List<String> lines = c.mapping().lines();
                    Path f = (dir != null ? dir : specsDir).resolve(prefix + c.name() + ".ndjson");
                    if (dir != null) Files.write(f, lines);
                    return new Checked(c, dir != null ? f : null, c.mapping().checked(TraceCheck.check(Trace.of(f, lines), specsDir)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
