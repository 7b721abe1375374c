package io.barreleye.traces;

import io.barreleye.kernel.Machine;
import io.barreleye.kernel.Recorder;
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
 * {@code Forget(c)}, {@code Install(c)}, {@code PowerOff(c)}, {@code StartOp(i)} and
 * {@code RecvReq(c)} keep only their cores, and {@code RecvAck(m)} gets the Ack message record
 * {@code [kind |-> "Ack", from, to, v]} built from the sender, the receiving initiator and the
 * view the ack was given in. {@code Crash(c)} is not recorded by the implementation (the
 * simulation removes the core: SimRuntime.crashAt, Machine.removeCore); the mapping observes the
 * machine and emits Crash(c) before the first step recorded after the core stopped being alive,
 * which, the simulation being one thread, is exactly where the crash happened in the order of
 * recorded steps.
 *
 * <p>Variables: {@code up}, {@code leaving}, {@code view}, {@code mem}, {@code prop}, {@code cv},
 * {@code vlog}, {@code opSt}, {@code opInit}, {@code opView}, {@code opMem}, {@code opAcks} and
 * {@code opCount} are recorded where a step changes them, from what the implementation recorded
 * (the members it proposed and installed) or read from its state ({@link ViewOp.Op}: the
 * operation's view, members and the acks it actually counted). {@code acc} is recorded at
 * Propose, Accept, Forget, Install and PowerOff (not at Withdraw, whose release the
 * implementation does by message), and {@code msgs} is left free.
 *
 * <p>One implementation step is two recorded events: an ack from a later view makes the
 * initiator record RecvAck and then, in the same handler, AbortOp; the spec's RecvAck itself
 * aborts the operation, so the mapping holds a RecvAck back until the next record and, when that
 * is the same core's AbortOp, emits one RecvAck with {@code opSt' = "aborted"}.
 */
public final class MembershipMapping implements Recorder {
    private final int cores;
    private final TreeSet<Integer> initMembers = new TreeSet<>();
    private final int maxView;
    private final int maxOps;
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
    private int opInit;
    private long opId = -1;
    /** A RecvAck held back until the next record: {core (impl), spec event prefix}. */
    private String pendingAck;
    private int pendingCore = -1;

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
        lines.add(TraceCheck.header("Membership.tla", "Membership.cfg", constants()));
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
        c.put("MaxView", IntValue.of(maxView));
        c.put("MaxOps", IntValue.of(maxOps));
        return c;
    }

    /** The trace so far (a RecvAck still held back and crashes not yet followed by a step are included). */
    public synchronized List<String> lines() {
        flushPending(false);
        detectCrashes();
        return new ArrayList<>(lines);
    }

    @Override
    public synchronized void record(String event, int core, long... a) {
        int c = core + 1;
        if (pendingAck != null) {
            if (event.equals("AbortOp") && core == pendingCore) {
                flushPending(true); // one step: the ack from a later view aborts the operation
                return;
            }
            flushPending(false);
        }
        detectCrashes();
        switch (event) {
            case "PowerOn" -> {
                up[c] = "live";
                emit(event, core, args(c), upd("up", c, q("live")));
            }
            case "Leave" -> {
                leaving.add(c);
                emit(event, core, args(c), whole("leaving", set(leaving)));
            }
            case "Propose" -> {
                TreeSet<Integer> m = members(a, 1);
                prop[c] = new Object[] {(int) a[0], m};
                emit(event, core, args(c, set(m)), upd("prop", c, propJson(c)), upd("acc", c, "" + c));
            }
            case "Accept" -> emit(event, core, args(c, (int) a[0] + 1), upd("acc", c, "" + (a[0] + 1)));
            case "Commit" -> {
                String cv = propJson(c);
                prop[c] = null;
                emit(event, core, args(c), whole("cv", cv), upd("prop", c, propJson(c)));
            }
            case "Withdraw" -> {
                prop[c] = null;
                emit(event, core, args(c), upd("prop", c, propJson(c)));
            }
            case "Forget" -> emit(event, core, args(c), upd("acc", c, "0"));
            case "Install" -> {
                TreeSet<Integer> m = members(a, 1);
                view[c] = (int) a[0];
                mem.set(c, m);
                vlog.add(tuple(view[c], set(m)));
                emit(event, core, args(c), upd("view", c, "" + view[c]), upd("mem", c, set(m)), upd("acc", c, "0"),
                        whole("vlog", "{\"set\":[" + String.join(",", vlog) + "]}"));
            }
            case "PowerOff" -> {
                up[c] = "off";
                leaving.remove(c);
                view[c] = 0;
                mem.set(c, new TreeSet<>());
                emit(event, core, args(c), upd("up", c, q("off")), whole("leaving", set(leaving)), upd("view", c, "0"),
                        upd("mem", c, set(List.of())), upd("acc", c, "0"));
            }
            case "StartOp" -> {
                opCount++;
                opInit = c;
                opId = a[0];
                ViewOp.Op op = op(core, a[0]);
                TreeSet<Integer> om = new TreeSet<>();
                if (op != null) for (int d : op.members) om.add(d + 1);
                else om.addAll(mem.get(c));
                emit(event, core, args(c), whole("opSt", q("running")), whole("opInit", "" + c), whole("opView", "" + a[1]),
                        whole("opMem", set(om)), whole("opAcks", set(List.of())), whole("opCount", "" + opCount));
            }
            case "RecvReq" -> emit(event, core, args(c));
            case "RecvAck" -> {
                String msg = "{\"kind\":\"Ack\",\"from\":" + (a[0] + 1) + ",\"to\":" + c + ",\"v\":" + a[2] + "}";
                pendingAck = msg;
                pendingCore = core;
                pendingAcks = acks(core, a[1]); // the acks as counted by this step, read now
            }
            case "CompleteOp" -> emit(event, core, null, whole("opSt", q("completed")), whole("opAcks", acks(core, a[0])));
            case "AbortOp" -> emit(event, core, null, whole("opSt", q("aborted")), whole("opAcks", acks(core, a[0])));
            default -> { } // not a spec action
        }
    }

    private String pendingAcks;

    private void flushPending(boolean aborted) {
        if (pendingAck == null) return;
        String msg = pendingAck;
        int core = pendingCore;
        pendingAck = null;
        pendingCore = -1;
        emit("RecvAck", core, new String[] {msg}, whole("opSt", q(aborted ? "aborted" : "running")),
                whole("opAcks", pendingAcks));
    }

    /** Crash(c) for every core the machine lost since the last step (the spec's Crash: a live core stops). */
    private void detectCrashes() {
        if (machine == null) return;
        for (int i = 0; i < Math.min(cores, machine.size()); i++) {
            int c = i + 1;
            if (!machine.isAlive(i) && "live".equals(up[c])) {
                up[c] = "crashed";
                emit("Crash", i, args(c), upd("up", c, q("crashed")));
            }
        }
    }

    private ViewOp.Op op(int core, long id) {
        if (machine == null) return null;
        for (ViewOp.Op op : ViewOp.of(machine.kernel(core)).history()) if (op.id == id) return op;
        return null;
    }

    /** The acks the implementation's operation counted, as the spec's opAcks: {<<core, view>>}. */
    private String acks(int core, long id) {
        ViewOp.Op op = op(core, id);
        TreeSet<String> out = new TreeSet<>();
        if (op != null) for (int[] x : op.acks) out.add(tuple(x[0] + 1, "" + x[1]));
        return "{\"set\":[" + String.join(",", out) + "]}";
    }

    private static TreeSet<Integer> members(long[] a, int from) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int i = from; i < a.length; i++) out.add((int) a[i] + 1);
        return out;
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
