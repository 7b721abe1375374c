package io.barreleye.traces;

import io.barreleye.channel.EndpointState;
import io.barreleye.channel.Generation;
import java.util.List;

/**
 * Records a URPC channel without serialising it: the channel takes no lock ({@link
 * #locksChannel} is false), so on threads its two sides race exactly as they do unobserved, and
 * each endpoint's thread appends to its own log what it did and what it itself read from ring
 * memory ({@link ChannelStep}: the header it stored or took, the payload it wrote or copied out).
 * {@link #mapping} merges the two logs by the order the channel's memory gives
 * ({@link HappensBeforeMerge}) and maps the merged steps through {@link UrpcMapping}, so the trace
 * has the same events as a locked recording and is validated against specs/Urpc.tla the same way.
 *
 * <p>What this catches that the lock hid: a receiver that copied out a payload other than the one
 * written at the position it took (a header published before its payload and read in between, a
 * read of another slot) records the words it actually got, and the trace diverges at that Recv.
 */
public final class PerCoreUrpcRecorder implements UrpcRecorder {
    private final Generation generation;
    private final int slots;
    private final int coreA;
    private final int coreB;
    private final StepLog[] logs = {new StepLog(), new StepLog()};
    private UrpcMapping merged;
    private int mergedSteps = -1;

    public PerCoreUrpcRecorder(Generation generation, int slots, int coreA, int coreB) {
        this.generation = generation;
        this.slots = slots;
        this.coreA = coreA;
        this.coreB = coreB;
    }

    @Override
    public boolean locksChannel() {
        return false;
    }

    /** On the stepping endpoint's thread: appends to that side's log only. */
    @Override
    public void step(String action, EndpointState e) {
        log(ChannelStep.of(action, e));
    }

    /** Appends a step to its side's log (what {@link #step} does; tests feed logs so too). */
    void log(ChannelStep s) {
        logs[s.side()].add(s);
    }

    /** Steps logged so far by both sides. */
    public int logged() {
        return logs[0].size() + logs[1].size();
    }

    /**
     * The two logs merged and mapped (again only when a side logged more since the last call); a
     * mapping whose {@link UrpcMapping#orderProblem} is set when the logs admit no order.
     */
    @Override
    public synchronized UrpcMapping mapping() {
        List<ChannelStep> a = logs[0].snapshot();
        List<ChannelStep> b = logs[1].snapshot();
        if (merged != null && mergedSteps == a.size() + b.size()) return merged;
        HappensBeforeMerge.Merged m = HappensBeforeMerge.merge(generation, slots, a, b);
        UrpcMapping map = new UrpcMapping(generation, slots, coreA, coreB);
        for (ChannelStep s : m.order()) map.record(s);
        map.orderProblem(m.problem());
        merged = map;
        mergedSteps = a.size() + b.size();
        return map;
    }
}
