---- MODULE CapCommitNoLock ----
(* BUG: retype commits without the owner's lock: StartRetype neither       *)
(* waits for nor takes the lock, and CommitRetype does not check it.       *)
(* Differs from CapCommit.tla only in StartRetype and CommitRetype.        *)
(*                                                                         *)
(* Checker: exit 12, Invariant NoOverlappingRetypes, 9 states (2 cores):   *)
(* core 1's retype starts and both cores vote yes; core 2's retype starts  *)
(* (no lock stops it) and both vote yes (still no descendants); both       *)
(* commit: two live retypes of one region.                                 *)
EXTENDS Naturals

CONSTANTS Cores, Owner, MaxCopies

ASSUME Owner \in Cores

None == 0
ASSUME None \notin Cores

VARIABLES lock,    \* the owner's lock on the region: None, a requester r, or Owner for revoke
          rt,      \* rt[r]: phase of the retype requested by r
          votes,   \* votes[r][c]: core c's answer to retype r
          retypes, \* retypes[c]: live (committed, not yet revoked) retypes of the region held by core c
          copies,  \* copies[c]: copies of the capability held by core c
          inflight,\* inflight[c]: copies in flight to core c
          rv,      \* phase of the revoke at the owner
          rvAt     \* rvAt[c]: "idle", "marked" (replied ready), "done"

vars == <<lock, rt, votes, retypes, copies, inflight, rv, rvAt>>

TypeOK ==
  /\ lock \in Cores \cup {None}
  /\ rt \in [Cores -> {"idle", "check", "unlock"}]
  /\ votes \in [Cores -> [Cores -> {"none", "yes", "no"}]]
  /\ retypes \in [Cores -> Nat]
  /\ copies \in [Cores -> 0 .. MaxCopies]
  /\ inflight \in [Cores -> 0 .. MaxCopies]
  /\ rv \in {"idle", "mark", "commit", "done"}
  /\ rvAt \in [Cores -> {"idle", "marked", "done"}]

Init ==
  /\ lock = None
  /\ rt = [r \in Cores |-> "idle"]
  /\ votes = [r \in Cores |-> [c \in Cores |-> "none"]]
  /\ retypes = [c \in Cores |-> 0]
  /\ copies = [c \in Cores |-> IF c = Owner THEN 1 ELSE 0]
  /\ inflight = [c \in Cores |-> 0]
  /\ rv = "idle"
  /\ rvAt = [c \in Cores |-> "idle"]

TotalCopies == LET F[S \in SUBSET Cores] ==
                     IF S = {} THEN 0
                     ELSE LET c == CHOOSE x \in S : TRUE
                          IN  copies[c] + inflight[c] + F[S \ {c}]
               IN  F[Cores]

\* The owner takes its lock for a retype requested by core r.
StartRetype(r) ==
  /\ rt[r] = "idle" /\ rv = "idle"          \* BUG: no lock = None
  /\ UNCHANGED lock                            \* BUG: no lock' = r
  /\ rt' = [rt EXCEPT ![r] = "check"]
  /\ votes' = [votes EXCEPT ![r] = [c \in Cores |-> "none"]]
  /\ UNCHANGED <<retypes, copies, inflight, rv, rvAt>>

\* Core c answers whether the region is retypeable: no if it holds one of
\* its descendants (each core knows only its own); it may also say no for a
\* conflicting local operation.
Vote(r, c) ==
  /\ rt[r] = "check" /\ votes[r][c] = "none"
  /\ \E ans \in IF retypes[c] = 0 THEN {"yes", "no"} ELSE {"no"} :
       votes' = [votes EXCEPT ![r][c] = ans]
  /\ UNCHANGED <<lock, rt, retypes, copies, inflight, rv, rvAt>>

\* Every core agreed and the owner holds the lock for r: commit.
CommitRetype(r) ==
  /\ rt[r] = "check"                         \* BUG: no lock = r
  /\ \A c \in Cores : votes[r][c] = "yes"
  /\ retypes' = [retypes EXCEPT ![r] = @ + 1]     \* the new capability is the requester's
  /\ rt' = [rt EXCEPT ![r] = "unlock"]
  /\ UNCHANGED <<lock, votes, copies, inflight, rv, rvAt>>

\* Some core said no: abort.
AbortRetype(r) ==
  /\ rt[r] = "check"
  /\ \E c \in Cores : votes[r][c] = "no"
  /\ rt' = [rt EXCEPT ![r] = "unlock"]
  /\ UNCHANGED <<lock, votes, retypes, copies, inflight, rv, rvAt>>

\* The owner releases the lock: retype r is over.
Unlock(r) ==
  /\ rt[r] = "unlock"
  /\ lock' = IF lock = r THEN None ELSE lock
  /\ rt' = [rt EXCEPT ![r] = "idle"]
  /\ UNCHANGED <<votes, retypes, copies, inflight, rv, rvAt>>

\* Core c copies the capability to core d (not while its copy is marked).
Copy(c, d) ==
  /\ copies[c] > 0 /\ rvAt[c] = "idle" /\ c # d
  /\ TotalCopies < MaxCopies
  /\ inflight' = [inflight EXCEPT ![d] = @ + 1]
  /\ UNCHANGED <<lock, rt, votes, retypes, copies, rv, rvAt>>

\* A copy arrives at core d; a core that committed a revoke deletes it.
RecvCopy(d) ==
  /\ inflight[d] > 0
  /\ inflight' = [inflight EXCEPT ![d] = @ - 1]
  /\ copies' = IF rvAt[d] = "idle" THEN [copies EXCEPT ![d] = @ + 1] ELSE copies
  /\ UNCHANGED <<lock, rt, votes, retypes, rv, rvAt>>

\* The owner locks and asks every core to mark its copies.
StartRevoke ==
  /\ rv = "idle" /\ lock = None /\ copies[Owner] > 0
  /\ lock' = Owner
  /\ rv' = "mark"
  /\ UNCHANGED <<rt, votes, retypes, copies, inflight, rvAt>>

\* Core c marks its copies and replies ready.
Mark(c) ==
  /\ rv = "mark" /\ rvAt[c] = "idle"
  /\ rvAt' = [rvAt EXCEPT ![c] = "marked"]
  /\ UNCHANGED <<lock, rt, votes, retypes, copies, inflight, rv>>

\* Every core is ready: the owner commits to the same set.
CommitRevoke ==
  /\ rv = "mark" /\ \A c \in Cores : rvAt[c] = "marked"
  /\ rv' = "commit"
  /\ UNCHANGED <<lock, rt, votes, retypes, copies, inflight, rvAt>>

\* Core c deletes its copies and the region's descendants once no copy is
\* in flight to it, and replies done.
RevokeAt(c) ==
  /\ rv = "commit" /\ rvAt[c] = "marked"
  /\ inflight[c] = 0
  /\ copies' = [copies EXCEPT ![c] = 0]
  /\ retypes' = [retypes EXCEPT ![c] = 0]
  /\ rvAt' = [rvAt EXCEPT ![c] = "done"]
  /\ UNCHANGED <<lock, rt, votes, inflight, rv>>

\* Every core is done: the revoke completes and the owner unlocks.
RevokeDone ==
  /\ rv = "commit" /\ \A c \in Cores : rvAt[c] = "done"
  /\ rv' = "done"
  /\ lock' = None
  /\ UNCHANGED <<rt, votes, retypes, copies, inflight, rvAt>>

\* The capability is gone and nothing is in progress: terminal.
Done ==
  /\ rv = "done" /\ \A r \in Cores : rt[r] = "idle" /\ \A c \in Cores : inflight[c] = 0
  /\ UNCHANGED vars

Next ==
  \/ StartRevoke \/ CommitRevoke \/ RevokeDone \/ Done
  \/ \E r \in Cores : StartRetype(r) \/ CommitRetype(r) \/ AbortRetype(r) \/ Unlock(r)
                      \/ \E c \in Cores : Vote(r, c)
  \/ \E c \in Cores : Mark(c) \/ RevokeAt(c) \/ RecvCopy(c)
                      \/ \E d \in Cores : Copy(c, d)

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

-----------------------------------------------------------------------------
\* No two overlapping live retypes of the region, wherever they are held.
NoOverlappingRetypes ==
  LET F[S \in SUBSET Cores] == IF S = {} THEN 0
                              ELSE LET c == CHOOSE x \in S : TRUE IN retypes[c] + F[S \ {c}]
  IN  F[Cores] <= 1

\* No copy survives a completed revoke, counting copies in flight.
NoCopySurvivesRevoke ==
  rv = "done" => \A c \in Cores : copies[c] = 0 /\ inflight[c] = 0

\* No lock outlives its operation.
NoLockOutlivesOp ==
  lock # None => \/ lock = Owner /\ rv \in {"mark", "commit"}
                 \/ lock \in Cores /\ rt[lock] # "idle"

\* LIVENESS (awaits the liveness checker; not listed in any .cfg):
\* every retype that starts is resolved.
RetypeResolves == \A r \in Cores : (rt[r] = "check") ~> (rt[r] = "idle")
=============================================================================
