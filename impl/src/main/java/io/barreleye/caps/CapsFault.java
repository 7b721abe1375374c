package io.barreleye.caps;

/**
 * Fault-injection switches: each one re-creates a bug the specs describe (specs/bugs) so that the
 * tests can check that an invariant catches it.
 */
public enum CapsFault {
    /** The owner starts (and commits) a retype without taking or checking the lock (bugs/CapCommitNoLock). */
    COMMIT_WITHOUT_LOCK,
    /** The owner commits a retype once every member answered, even when one said no. */
    IGNORE_NO_VOTE,
    /** A core deletes at a revoke commit without waiting for copies in flight to it, and installs late copies (bugs/CapCommitRevokeInflight). */
    REVOKE_IGNORES_INFLIGHT,
    /** An aborted retype forgets the operation but keeps the owner's lock. */
    KEEP_LOCK_AFTER_ABORT,
    /** A move's new owner names itself in its copies but never records that it owns the capability: nobody owns it after the move. */
    LOSE_OWNER_ON_MOVE,
    /** A core votes yes without looking for descendants of the region that overlap the request (only a conflicting operation makes it say no). */
    VOTE_MISSES_OVERLAP
}
