package io.barreleye.sharing;

import io.barreleye.channel.Generation;
import io.barreleye.topology.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A counter replicated per cache group: the seed's "shared memory as an optimisation, hidden,
 * local, only when faster, as decided at run time". Each group of cores that share a last-level
 * cache holds one replica and counts its members' adds. By default a group's replica lives on its
 * home core (its lowest-numbered core) and members reach it by messages; at boot, a
 * {@link Calibrator} runs the trade-off in miniature for every group of two or more cores and
 * switches that group to one shared copy under a lock when that measures faster. The choice is
 * per group ({@link #choices}), and {@link SharingPolicy} forces either mode. Callers see the
 * same operations, with the same results, in both modes.
 */
public final class ReplicatedCounter implements AutoCloseable {
    /** What one group runs, and why. */
    public record GroupChoice(List<Integer> cores, SharingMode mode, String reason, Calibrator.Measurement measured) {
        /** One line for {@code run}'s output and the report. */
        public String describe() {
            return "sharing: cache group " + cores + " -> " + mode + " (" + reason
                    + (measured == null ? "" : ": " + measured) + ")";
        }
    }

    private final List<GroupReplica> replicas = new ArrayList<>();
    private final List<GroupChoice> choices = new ArrayList<>();
    /** core -> (group index, member index in it). */
    private final Map<Integer, int[]> place = new HashMap<>();

    private ReplicatedCounter() {}

    /** Boots the counter over cores 0..cores-1 of {@code t}, choosing each cache group's mode by {@code policy}. */
    public static ReplicatedCounter boot(Topology t, int cores, SharingPolicy policy, Calibrator calibrator,
                                         Generation generation) {
        if (cores < 1 || cores > t.size()) throw new IllegalArgumentException("cores must be 1.." + t.size() + ": " + cores);
        ReplicatedCounter rc = new ReplicatedCounter();
        for (List<Integer> group : t.cacheGroups()) {
            List<Integer> members = group.stream().filter(c -> c < cores).toList();
            if (members.isEmpty()) continue;
            GroupChoice choice = choose(members, policy, calibrator);
            int g = rc.replicas.size();
            rc.replicas.add(choice.mode() == SharingMode.SHARED ? new LockedReplica()
                    : new MessageReplica(members.size(), generation));
            rc.choices.add(choice);
            for (int i = 0; i < members.size(); i++) rc.place.put(members.get(i), new int[] {g, i});
        }
        return rc;
    }

    private static GroupChoice choose(List<Integer> members, SharingPolicy policy, Calibrator calibrator) {
        SharingMode forced = policy.forced();
        if (forced != null) return new GroupChoice(members, forced, "forced by --sharing " + policy.name().toLowerCase(), null);
        if (members.size() == 1) return new GroupChoice(members, SharingMode.MESSAGES, "one core: nothing to share", null);
        Calibrator.Measurement m = calibrator.measure(members.size());
        return new GroupChoice(members, m.faster(), "measured at boot", m);
    }

    /** Adds {@code delta} on {@code core}'s group replica; the value after the add. */
    public long add(int core, long delta) {
        int[] p = placeOf(core);
        return replicas.get(p[0]).add(p[1], delta);
    }

    /** The value of {@code core}'s group replica. */
    public long get(int core) {
        int[] p = placeOf(core);
        return replicas.get(p[0]).get(p[1]);
    }

    /** The sum of every group's replica (each read through the group's home member). */
    public long total() {
        long sum = 0;
        for (GroupReplica r : replicas) sum += r.get(0);
        return sum;
    }

    public List<GroupChoice> choices() {
        return List.copyOf(choices);
    }

    private int[] placeOf(int core) {
        int[] p = place.get(core);
        if (p == null) throw new IllegalArgumentException("core " + core + " is not booted");
        return p;
    }

    @Override
    public void close() {
        for (GroupReplica r : replicas) r.close();
    }

    /** Boots with the boot-time calibration and URPC generation A. */
    public static ReplicatedCounter boot(Topology t, int cores, SharingPolicy policy) {
        return boot(t, cores, policy, Calibration.atBoot(), Generation.EPOCH_ACK);
    }
}
