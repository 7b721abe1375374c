package io.barreleye.membership;

/**
 * Deliberate protocol bugs, each the implementation of one of the spec's bug models
 * (specs/bugs/Membership*.tla), so that tests can show the invariants catch them.
 */
public enum MembershipFault {
    /** RecvAck counts every ack, whatever view it was given in and whoever sent it (MembershipAckAnyView). */
    ACK_FROM_ANY_VIEW,
    /**
     * Every member that learns of a change proposes it and installs it at once, without the live
     * members' agreement and without waiting for the previous view (MembershipNoAgreement).
     */
    INSTALL_WITHOUT_AGREEMENT,
    /** AbortOp lacks its crash clause: an operation aborts only when its initiator's view changes (MembershipNoCrashAbort). */
    NO_ABORT_ON_CRASH,
    /**
     * A member installs an agreed view but its view listeners (ViewOp, the unmap protocol) hear of
     * it only at a later step: for a while the core answers in a view its protocols do not know
     * (Kernel.installViewTellingListenersLater instead of installView).
     */
    VIEW_BEFORE_LISTENERS
}
