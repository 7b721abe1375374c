package io.barreleye.traces;

import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Recorder;
import io.barreleye.membership.Membership;
import io.barreleye.membership.ViewOp;
import io.barreleye.modelcheck.trace.TraceCheck;
import io.barreleye.modelcheck.value.IntValue;
import io.barreleye.modelcheck.value.SetEnumValue;
import io.barreleye.modelcheck.value.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The refinement mapping from the membership package (Membership, ViewOp) to specs/Membership.tla,
 * driven by the protocol's recorder hook ({@code Membership.install(m, faults, recorder)}): each
 * implementation step, recorded under the spec's action name, becomes a trace event with the
 * spec's arguments and the spec variables it changes. Implementation core {@code c} is spec core
 * {@code c + 1}; view numbers are the same (the boot view is view 1).
 *
 * <p>Arguments: the implementation records its own (view numbers, operation ids); this mapping
 * turns them into the spec's: {@code Propose(p, M)} takes the member set the implementation
 * records after the view number, {@code Accept(c, p)}, {@code Commit(p)}, {@code Withdraw(p)},
 * {@code Forget(c)}, {@code Install(c)}, {@code PowerOff(c)} and {@code StartOp(i)} keep only
 * their cores. Operations, which may run at once, are numbered 1, 2, ... in the order they start
 * (the spec's operation o; the implementation's is its initiator and its id there), and
 * {@code CompleteOp(o)} and {@code AbortOp(o)} name it; {@code RecvReq(m)} and {@code RecvAck(m)}
 * get the message record {@code [kind, op, from, to, v]}, a Req carrying its operation's view
 * and an Ack the view it was given in. {@code Crash(c)} is not recorded by the implementation (the
 * simulation removes the core: SimRuntime.crashAt, Machine.removeCore); the mapping observes the
 * machine and emits Crash(c) before the first step recorded after the core stopped being alive,
 * which, the simulation being one thread, is exactly where the crash happened in the order of
 * recorded steps.
 *
 * <p>Variables, each read from the recording core's own state just after the step (the
 * implementation records every change first, then the step; own state only, so this is safe on
 * threads too), never from the event's arguments: {@code up[c]} (the machine's liveness and the
 * core's membership: member or joining is "live"), {@code leaving} (each core's leave flag as read
 * at its last Leave, CancelLeave or PowerOff), {@code view[c]} and {@code mem[c]} (the view the core's
 * membership installed last; 0 and {} once it is no member), {@code prop[c]} (its open proposal),
 * {@code acc[c]} (whose proposal it accepted), {@code opSt}, {@code opInit}, {@code opView},
 * {@code opMem}, {@code opAcks} ({@link ViewOp.Op}: the operation's state, initiator, view, members
 * and the acks it actually counted). Kept by the mapping from those reads: {@code cv} (a Commit
 * agrees the proposal read from the proposer at its Propose; the implementation keeps no global
 * agreed view), {@code vlog} (every view read at an Install) and {@code opCount}. {@code acc} at
 * Forget is the spec's None: the implementation forgets and accepts or proposes in one step, so
 * no state of it shows the release. {@code msgs} is left free.
 *
 * <p>One implementation step is two recorded events: an ack from a later view makes the
 * initiator record RecvAck and then, in the same handler, AbortOp; the spec's RecvAck itself
 * aborts the operation, so the mapping emits that RecvAck with {@code opSt[o]' = "aborted"} and
 * drops the AbortOp of that operation that follows (on threads, perhaps after other cores'
 * steps). An AbortOp after a counted ack, for a member that crashed, is the spec's own AbortOp.
 *
 * <p>When a proposer crashes after its view was agreed but before every member heard, a member
 * that accepted it forgets it and proposes the same view again, and the others accept and commit
 * it: the spec abstracts that dissemination (every member of the agreed view may Install it), so
 * those steps (the Forget of an agreed proposal, and the Propose, Accept, Commit or Withdraw of a
 * view already agreed) are not spec steps; the members' Install is.
 *
 * <p>{@link #ofModel} maps runs within Membership.cfg; {@link #forMachine} any run: Cores are the
 * topology's, and MaxView and MaxOps in the header are what the run reached.
 */
public final class MembershipMapping implements Recorder {
    private final int cores;
    private final TreeSet<Integer> initMembers = new TreeSet<>();
    /** Lower bounds of MaxView and MaxOps; the header gives the larger of these and what the run reached. */
    private final int maxView;
    private final int maxOps;
    private int viewsSeen = 1;
    private final List<String> lines = new ArrayList<>();
    private Machine machine;
    private long clock;

    // the spec state as far as the trace determines it (spec core ids, 1-based)
    private final String[] up;
    private final TreeSet<Integer> leaving = new TreeSet<>();
    private final int[] view;
    private final List<TreeSet<Integer>> mem = new ArrayList<>();
    /** prop[p]: {v, members} or null (NoProp). */
    private final Object[][] prop;
    private final TreeSet<String> vlog = new TreeSet<>();
    private int opCount;
    /** The spec's operation o (1, 2, ... in the order they start) of each implementation operation, by (core, id). */
    private final java.util.Map<Long, Integer> specOp = new java.util.HashMap<>();
    /** opView of each spec operation (index o). */
    private final List<Integer> opViews = new ArrayList<>(List.of(0));
    private String model = "Membership.cfg";
    /** The last agreed view's number (the spec's cv.v). */
    private int cvView = 1;
    /** Proposals (proposer, view) of a view already agreed: how a core passes on a view whose proposer crashed. */
    private final java.util.Set<Long> replays = new java.util.HashSet<>();
    /** A RecvAck held back until the next record: {core (impl), spec event prefix}. */

    /** The cfg's model: Cores = 1..cores, InitMembers, MaxView, MaxOps (specs/Membership.cfg: 3, {1, 2}, 2, 1). */
    public MembershipMapping(int cores, Collection<Integer> initMembers, int maxView, int maxOps) {
        this.cores = cores;
        this.initMembers.addAll(initMembers);
        this.maxView = maxView;
        this.maxOps = maxOps;
        up = new String[cores + 1];
        view = new int[cores + 1];
        prop = new Object[cores + 1][];
        for (int c = 1; c <= cores; c++) {
            boolean in = this.initMembers.contains(c);
            up[c] = in ? "live" : "off";
            view[c] = in ? 1 : 0;
        }
        mem.add(new TreeSet<>());
        for (int c = 1; c <= cores; c++) mem.add(this.initMembers.contains(c) ? new TreeSet<>(this.initMembers) : new TreeSet<>());
        vlog.add(tuple(1, set(this.initMembers)));
    }

    /**
     * A mapping for a machine whose topology has {@code topologyCores} cores (Cores: all that
     * may ever be hot-plugged), {@code booted} of them booted in view 1; MaxView and MaxOps are
     * what the run reaches. Its header names {@code cfg} (its constants replaced by the run's).
     */
    public static MembershipMapping forMachine(int topologyCores, int booted, String cfg) {
        List<Integer> init = new ArrayList<>();
        for (int c = 1; c <= booted; c++) init.add(c);
        MembershipMapping m = new MembershipMapping(topologyCores, init, 1, 1);
        m.model = cfg;
        return m;
    }

    /** The model of specs/Membership.cfg: cores {1, 2, 3}, view 1 = {1, 2}, views up to 2, one operation. */
    public static MembershipMapping ofModel() {
        return new MembershipMapping(3, List.of(1, 2), 2, 1);
    }

    /** Reads the machine: which cores crashed, and ViewOp's operations (their view, members and counted acks). */
    public MembershipMapping observe(Machine m) {
        this.machine = m;
        return this;
    }

    public Map<String, Value> constants() {
        Map<String, Value> c = new LinkedHashMap<>();
        c.put("Cores", TraceLine.oneTo(cores));
        Value[] im = new Value[initMembers.size()];
        int i = 0;
        for (int x : initMembers) im[i++] = IntValue.of(x);
        c.put("InitMembers", SetEnumValue.of(im));
        c.put("MaxView", IntValue.of(Math.max(maxView, viewsSeen)));
        c.put("MaxOps", IntValue.of(Math.max(maxOps, opCount)));
        return c;
    }

    /** The trace so far (crashes not yet followed by a step included). */
    public synchronized List<String> lines() {
        detectCrashes();
        List<String> out = new ArrayList<>(lines.size() + 1);
        out.add(TraceCheck.header("Membership.tla", model, constants()));
        out.addAll(lines);
        return out;
    }

    @Override
    public synchronized void record(String event, int core, long... a) {
        if (machine == null) throw new IllegalStateException("MembershipMapping reads the machine's state: observe(machine) before the run");
        int c = core + 1;
        detectCrashes();
        Membership ms = Membership.of(machine.kernel(core));
        switch (event) {
            case "PowerOn" -> {
                up[c] = upOf(core, ms);
                emit(event, core, args(c), upd("up", c, q(up[c])));
            }
            case "Leave", "CancelLeave" -> {
                if (ms.isLeaving()) leaving.add(c); else leaving.remove(c);
                emit(event, core, args(c), whole("leaving", set(leaving)));
            }
            case "Propose" -> {
                if (a[0] <= cvView) { // re-proposing a view already agreed: passing it on, not a spec step
                    replays.add(key(core, a[0]));
                    return;
                }
                prop[c] = proposalOf(ms);
                TreeSet<Integer> m = prop[c] == null ? new TreeSet<>() : members(prop[c]);
                viewsSeen = Math.max(viewsSeen, (int) a[0]);
                emit(event, core, args(c, set(m)), upd("prop", c, propJson(c)), upd("acc", c, accOf(ms)));
            }
            case "Accept" -> {
                if (replays.contains(key((int) a[0], a[1]))) return;
                emit(event, core, args(c, (int) a[0] + 1), upd("acc", c, accOf(ms)));
            }
            case "Commit" -> {
                if (replays.contains(key(core, a[0]))) return;
                // the agreed view is the proposal as read from this core at its Propose; the proposer holds none now
                String cv = propJson(c);
                cvView = prop[c] == null ? cvView : (int) prop[c][0];
                prop[c] = proposalOf(ms);
                emit(event, core, args(c), whole("cv", cv), upd("prop", c, propJson(c)));
            }
            case "Withdraw" -> {
                if (replays.contains(key(core, a[0]))) return;
                prop[c] = proposalOf(ms);
                emit(event, core, args(c), upd("prop", c, propJson(c)));
            }
            case "Forget" -> {
                // the implementation forgets a crashed proposer's proposal also when it was agreed (it then
                // passes the agreed view on by proposing it again); the spec's Forget is only for one that was not
                if (prop[(int) a[0] + 1] == null) return;
                emit(event, core, args(c), upd("acc", c, "0"));
            }
            case "Install" -> {
                // the view this core just installed, as its membership keeps it (not the event's arguments)
                io.barreleye.kernel.View installed = ms.history().get(ms.history().size() - 1);
                TreeSet<Integer> m = new TreeSet<>();
                for (int x : installed.members()) m.add(x + 1);
                view[c] = installed.number();
                viewsSeen = Math.max(viewsSeen, view[c]);
                mem.set(c, m);
                vlog.add(tuple(view[c], set(m)));
                emit(event, core, args(c), upd("view", c, "" + view[c]), upd("mem", c, set(m)), upd("acc", c, accOf(ms)),
                        whole("vlog", "{\"set\":[" + String.join(",", vlog) + "]}"));
            }
            case "PowerOff" -> {
                up[c] = upOf(core, ms);
                if (ms.isLeaving()) leaving.add(c); else leaving.remove(c);
                // a core that is no member has the spec's view 0 and no members, whatever view its kernel last installed
                view[c] = ms.isMember() ? view[c] : 0;
                if (!ms.isMember()) mem.set(c, new TreeSet<>());
                emit(event, core, args(c), upd("up", c, q(up[c])), whole("leaving", set(leaving)), upd("view", c, "" + view[c]),
                        upd("mem", c, set(mem.get(c))), upd("acc", c, accOf(ms)));
            }
            case "StartOp" -> {
                int o = ++opCount;
                specOp.put(key(core, a[0]), o);
                ViewOp.Op op = op(core, a[0]);
                opViews.add(op.view);
                TreeSet<Integer> om = new TreeSet<>();
                for (int d : op.members) om.add(d + 1);
                emit(event, core, args(c), upd("opSt", o, q(stateOf(core, a[0]))), upd("opInit", o, "" + (op.initiator + 1)),
                        upd("opView", o, "" + op.view), upd("opMem", o, set(om)), upd("opAcks", o, acks(core, a[0])),
                        whole("opCount", "" + o));
            }
            case "RecvReq" -> {
                // a[0]: the initiator, a[1]: its operation id; the Req carried the operation's view
                Integer o = specOp.get(key((int) a[0], a[1]));
                if (o == null) return; // an operation started before the recording: not in this trace
                emit(event, core, args(message("Req", o, (int) a[0] + 1, c, opViews.get(o))));
            }
            case "RecvAck" -> {
                Integer o = specOp.get(key(core, a[1]));
                if (o == null) return;
                String state = stateOf(core, a[1]); // an ack of an operation already resolved is taken and dropped
                if (state.equals("running") && a[2] > opViews.get(o)) {
                    // the spec's RecvAck of an ack from a later view aborts the operation in the same step; the
                    // implementation's AbortOp that follows (perhaps after other cores' steps, on threads) is not a step
                    state = "aborted";
                    abortedByAck.add(o);
                }
                emit(event, core, args(message("Ack", o, (int) a[0] + 1, c, (int) a[2])), upd("opSt", o, q(state)),
                        upd("opAcks", o, acks(core, a[1])));
            }
            case "CompleteOp", "AbortOp" -> {
                Integer o = specOp.get(key(core, a[0]));
                if (o == null || (event.equals("AbortOp") && abortedByAck.remove(o))) return;
                emit(event, core, args(o), upd("opSt", o, q(event.equals("CompleteOp") ? "completed" : "aborted")),
                        upd("opAcks", o, acks(core, a[0])));
            }
            default -> { } // not a spec action
        }
    }

    /** Operations the spec's RecvAck aborted (an ack from a later view): the implementation's AbortOp of them is no step. */
    private final java.util.Set<Integer> abortedByAck = new java.util.HashSet<>();

    /** An implementation operation's identity: the core that started it and its id there. */
    private static long key(int core, long id) {
        return ((long) core << 40) ^ id;
    }

    /** The spec's up[c] of a core, read: "crashed" when the machine lost it, "live" while a member or joining, else "off". */
    private String upOf(int core, Membership ms) {
        if (!machine.isAlive(core)) return "crashed";
        return ms.isMember() || ms.isJoining() ? "live" : "off";
    }

    /** The spec's acc[c], read from the core: the spec core whose proposal it accepted, or None (0). */
    private static String accOf(Membership ms) {
        return "" + (ms.accepted() + 1);
    }

    /** The spec's prop[c], read from the core: {view, spec members}, or null for NoProp. */
    private static Object[] proposalOf(Membership ms) {
        io.barreleye.kernel.View p = ms.proposal();
        if (p == null) return null;
        TreeSet<Integer> m = new TreeSet<>();
        for (int x : p.members()) m.add(x + 1);
        return new Object[] {p.number(), m};
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<Integer> members(Object[] prop) {
        return (TreeSet<Integer>) prop[1];
    }

    /** An operation message, as the spec's record [kind, op, from, to, v]. */
    private static String message(String kind, int o, int from, int to, int v) {
        return "{\"kind\":\"" + kind + "\",\"op\":" + o + ",\"from\":" + from + ",\"to\":" + to + ",\"v\":" + v + "}";
    }

    /** Crash(c) for every core the machine lost since the last step (the spec's Crash: a live core stops). */
    private void detectCrashes() {
        if (machine == null) return;
        for (int i = 0; i < Math.min(cores, machine.size()); i++) {
            int c = i + 1;
            if (!machine.isAlive(i) && !"crashed".equals(up[c])) { // live, or powered off (a core that left)
                up[c] = "crashed";
                emit("Crash", i, args(c), upd("up", c, q("crashed")));
            }
        }
    }

    /** The implementation's operations by (core, id), found once when they start. */
    private final java.util.Map<Long, ViewOp.Op> implOps = new java.util.HashMap<>();

    private ViewOp.Op op(int core, long id) {
        if (machine == null) return null;
        ViewOp.Op known = implOps.get(key(core, id));
        if (known != null) return known;
        List<ViewOp.Op> history = ViewOp.of(machine.kernel(core)).history();
        for (int i = history.size() - 1; i >= 0; i--) { // the newest first: StartOp looks up the one just started
            if (history.get(i).id == id) {
                implOps.put(key(core, id), history.get(i));
                return history.get(i);
            }
        }
        return null;
    }

    /** The spec's opSt of an implementation operation as it is now; "running" when it cannot be read. */
    private String stateOf(int core, long id) {
        ViewOp.Op op = op(core, id);
        if (op == null) return "running";
        return switch (op.state()) {
            case RUNNING -> "running";
            case COMPLETED -> "completed";
            case ABORTED -> "aborted";
        };
    }

    /** The acks the implementation's operation counted, as the spec's opAcks: {<<core, view>>}. */
    private String acks(int core, long id) {
        ViewOp.Op op = op(core, id);
        TreeSet<String> out = new TreeSet<>();
        if (op != null) for (int[] x : op.acks) out.add(tuple(x[0] + 1, "" + x[1]));
        return "{\"set\":[" + String.join(",", out) + "]}";
    }

    private String propJson(int p) {
        if (prop[p] == null) return "{\"v\":0,\"mem\":{\"set\":[]}}";
        @SuppressWarnings("unchecked")
        TreeSet<Integer> m = (TreeSet<Integer>) prop[p][1];
        return "{\"v\":" + prop[p][0] + ",\"mem\":" + set(m) + "}";
    }

    private static String set(Collection<Integer> xs) {
        List<String> s = new ArrayList<>();
        for (int x : xs) s.add("" + x);
        return "{\"set\":[" + String.join(",", s) + "]}";
    }

    private static String tuple(int a, String b) {
        return "[" + a + "," + b + "]";
    }

    private static String q(String s) {
        return "\"" + s + "\"";
    }

    private static String[] args(Object... xs) {
        String[] out = new String[xs.length];
        for (int i = 0; i < xs.length; i++) out[i] = xs[i].toString();
        return out;
    }

    private static String upd(String var, int key, String value) {
        return "{\"var\":\"" + var + "\",\"path\":[" + key + "],\"value\":" + value + "}";
    }

    private static String whole(String var, String value) {
        return "\u0000" + var + "\u0000" + value;
    }

    /** One event line: the action, its arguments (JSON, or none when {@code args} is null), whole variables and path updates. */
    private void emit(String action, int core, String[] args, String... changes) {
        StringBuilder sb = new StringBuilder("{\"event\":\"").append(action).append("\",\"core\":").append(core)
                .append(",\"clock\":").append(++clock);
        if (args != null) sb.append(",\"args\":[").append(String.join(",", args)).append(']');
        List<String> vars = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        for (String ch : changes) {
            if (ch.startsWith("\u0000")) {
                String[] p = ch.substring(1).split("\u0000", 2);
                vars.add("\"" + p[0] + "\":" + p[1]);
            } else {
                updates.add(ch);
            }
        }
        if (!vars.isEmpty()) sb.append(",\"vars\":{").append(String.join(",", vars)).append('}');
        if (!updates.isEmpty()) sb.append(",\"updates\":[").append(String.join(",", updates)).append(']');
        lines.add(sb.append('}').toString());
    }
}
