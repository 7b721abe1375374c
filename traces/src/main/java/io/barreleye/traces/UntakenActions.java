package io.barreleye.traces;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spec actions that no implementation run in {@code barreleye verify} takes, each with the
 * reason, per spec and model. Every other action must be taken by some run: {@link
 * Conformance.Coverage#unexplained} lists the ones that are not, and a test fails on any (and on a
 * listed action that some run does take, so the list cannot go stale).
 */
public final class UntakenActions {
    /** Why an action is untaken: it cannot occur in the implementation, or no workload reaches it yet. */
    public enum Kind { CANNOT_OCCUR, NOT_YET_REACHED }

    public record Entry(String spec, String model, String action, Kind kind, String reason) {
        /** {@code model} null: every model of the spec. */
        boolean covers(String spec, String model, String action) {
            return this.spec.equals(spec) && (this.model == null || this.model.equals(model)) && this.action.equals(action);
        }
    }

    private static final String STUTTER = "a stuttering step (UNCHANGED vars) that marks a finished run; a trace records"
            + " steps that change something, so no run records it";

    static final List<Entry> ENTRIES = List.of(
            new Entry("Urpc.tla", null, "Done", Kind.CANNOT_OCCUR, STUTTER),
            new Entry("CapCommit.tla", null, "Done", Kind.CANNOT_OCCUR, STUTTER),
            new Entry("Urpc.tla", "Urpc_B.cfg", "SendAck", Kind.CANNOT_OCCUR,
                    "generation B has no acknowledgements (the action's first conjunct is Gen = \"A\")"),
            new Entry("Urpc.tla", "Urpc_B.cfg", "RecvAck", Kind.CANNOT_OCCUR,
                    "generation B has no acknowledgements (an ACK slot is never written, so none is read)"),
            new Entry("Urpc.tla", "Urpc_B_large.cfg", "SendAck", Kind.CANNOT_OCCUR,
                    "generation B has no acknowledgements (the action's first conjunct is Gen = \"A\")"),
            new Entry("Urpc.tla", "Urpc_B_large.cfg", "RecvAck", Kind.CANNOT_OCCUR,
                    "generation B has no acknowledgements (an ACK slot is never written, so none is read)"),
            new Entry("Membership.tla", null, "Withdraw", Kind.CANNOT_OCCUR,
                    "a proposer withdraws when a member rejects its proposal, and none does: a proposer sends the view"
                            + " it installed before its proposal on the same FIFO channel (so no member is a view behind),"
                            + " and only the coordinator of an agreed view proposes (its first live member, the same on"
                            + " every core), so no member holds another live proposer's acceptance (checked over 300"
                            + " random runs by MembershipTest.noProposerIsEverRejectedSoNoneWithdraws)"));

    private UntakenActions() {}

    /** The listed untaken actions of {@code spec} under {@code model}, each with its kind and reason. */
    public static Map<String, Entry> of(String spec, String model, Iterable<String> actions) {
        Map<String, Entry> out = new TreeMap<>();
        for (String a : actions) {
            for (Entry e : ENTRIES) {
                if (e.covers(spec, model, a)) out.put(a, e);
            }
        }
        return out;
    }
}
