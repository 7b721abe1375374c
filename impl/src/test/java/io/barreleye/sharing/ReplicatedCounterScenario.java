package io.barreleye.sharing;

import io.barreleye.channel.Generation;
import io.barreleye.topology.Machines;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * Lincheck (stress mode: the home core is a real thread outside Lincheck's control) over one
 * cache group of 4 cores, in each mode: adds and reads from any member must be linearizable
 * against a plain sequential counter.
 */
@Param(name = "core", gen = IntGen.class, conf = "0:3")
@Param(name = "delta", gen = IntGen.class, conf = "1:3")
public abstract class ReplicatedCounterScenario {
    /**
     * The previous invocation's counter: Lincheck runs invocations one after another on fresh
     * instances and has no tear-down, so each instance closes its predecessor (its home thread).
     */
    private static ReplicatedCounter previous;

    private final ReplicatedCounter counter;

    protected ReplicatedCounterScenario(SharingPolicy policy) {
        synchronized (ReplicatedCounterScenario.class) {
            if (previous != null) previous.close();
        }
        counter = ReplicatedCounter.boot(Machines.named("intel-2x4"), 4, policy, size -> {
            throw new AssertionError("forced modes are not calibrated");
        }, Generation.EPOCH_ACK);
        synchronized (ReplicatedCounterScenario.class) {
            previous = counter;
        }
    }

    @Operation
    public long add(@Param(name = "core") int core, @Param(name = "delta") int delta) {
        return counter.add(core, delta);
    }

    @Operation
    public long get(@Param(name = "core") int core) {
        return counter.get(core);
    }

    static StressOptions options() {
        return new StressOptions().iterations(6).invocationsPerIteration(100).threads(3).actorsPerThread(3)
                .sequentialSpecification(Sequential.class);
    }

    /** The specification: one counter. */
    public static final class Sequential {
        private long value;

        public long add(int core, int delta) {
            value += delta;
            return value;
        }

        public long get(int core) {
            return value;
        }
    }
}
