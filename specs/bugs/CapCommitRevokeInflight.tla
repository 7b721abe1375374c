---- MODULE CapCommitRevokeInflight ----
(* BUG: revoke ignores copies in flight: a core replies done without       *)
(* waiting for the copies already sent to it, and a copy that arrives is   *)
(* installed whatever the revoke did.  Differs from CapCommit.tla only in  *)
(* RevokeAt and RecvCopy.                                                  *)
(*                                                                         *)
(* Checker: exit 12, Invariant NoCopySurvivesRevoke, 9 states (2 cores):   *)
(* the owner starts the revoke; before core 1 marks, it sends a copy to    *)
(* core 2; both mark, the owner commits, both delete and reply done with   *)
(* the copy still in flight to core 2; the revoke completes and the copy   *)
(* will be installed at core 2 after it.                                   *)
EXTENDS Naturals

CONSTANTS Cores, Owner, MaxCopies, Ranges

ASSUME Owner \in Cores
ASSUME \A g \in Ranges : g[1] <= g[2]

None == 0
ASSUME None \notin Cores

NoRange == <<>>

Overlap(a, b) == a[1] <= b[2] /\ b[1] <= a[2]

VARIABLES lock,    \* the owner's lock on the region: None, a requester r, or Owner for revoke
          rt,      \* rt[r]: phase of the retype requested by r
          rtRange, \* rtRange[r]: the range the retype requested by r asks for (NoRange when idle)
          votes,   \* votes[r][c]: core c's answer to retype r ("none" while r's retype is idle)
          retypes, \* retypes[c]: the ranges of the live (committed, not yet revoked) retypes of the region held by core c
          copies,  \* copies[c]: copies of the capability held by core c
          inflight,\* inflight[c]: copies in flight to core c
          rv,      \* phase of the revoke at the owner
          rvAt     \* rvAt[c]: "idle", "marked" (replied ready), "done"

vars == <<lock, rt, rtRange, votes, retypes, copies, inflight, rv, rvAt>>

TypeOK ==
  /\ lock \in Cores \cup {None}
  /\ rt \in [Cores -> {"idle", "check", "unlock"}]
  /\ rtRange \in [Cores -> Ranges \cup {NoRange}]
  /\ votes \in [Cores -> [Cores -> {"none", "yes", "no"}]]
  /\ retypes \in [Cores -> SUBSET Ranges]
  /\ copies \in [Cores -> 0 .. MaxCopies]
  /\ inflight \in [Cores -> 0 .. MaxCopies]
  /\ rv \in {"idle", "mark", "commit", "done"}
  /\ rvAt \in [Cores -> {"idle", "marked", "done"}]

Init ==
  /\ lock = None
  /\ rt = [r \in Cores |-> "idle"]
  /\ rtRange = [r \in Cores |-> NoRange]
  /\ votes = [r \in Cores |-> [c \in Cores |-> "none"]]
  /\ retypes = [c \in Cores |-> {}]
  /\ copies = [c \in Cores |-> IF c = Owner THEN 1 ELSE 0]
  /\ inflight = [c \in Cores |-> 0]
  /\ rv = "idle"
  /\ rvAt = [c \in Cores |-> "idle"]

TotalCopies == LET F[S \in SUBSET Cores] ==
                     IF S = {} THEN 0
                     ELSE LET c == CHOOSE x \in S : TRUE
                          IN  copies[c] + inflight[c] + F[S \ {c}]
               IN  F[Cores]

\* The owner takes its lock for a retype of range g requested by core r.
StartRetype(r, g) ==
  /\ rt[r] = "idle" /\ lock = None /\ rv = "idle"
  /\ lock' = r
  /\ rt' = [rt EXCEPT ![r] = "check"]
  /\ rtRange' = [rtRange EXCEPT ![r] = g]
  /\ votes' = [votes EXCEPT ![r] = [c \in Cores |-> "none"]]
  /\ UNCHANGED <<retypes, copies, inflight, rv, rvAt>>

\* Core c answers whether the range r's retype asks for is retypeable: no if
\* it holds a live descendant overlapping it (each core knows only its own);
\* it may also say no for a conflicting local operation.
Vote(r, c) ==
  /\ rt[r] = "check" /\ votes[r][c] = "none"
  /\ \E ans \in IF \E h \in retypes[c] : Overlap(h, rtRange[r]) THEN {"no"} ELSE {"yes", "no"} :
       votes' = [votes EXCEPT ![r][c] = ans]
  /\ UNCHANGED <<lock, rt, rtRange, retypes, copies, inflight, rv, rvAt>>

\* Every core agreed and the owner holds the lock for r: commit.
CommitRetype(r) ==
  /\ rt[r] = "check" /\ lock = r
  /\ \A c \in Cores : votes[r][c] = "yes"
  /\ retypes' = [retypes EXCEPT ![r] = @ \cup {rtRange[r]}]   \* the new capability is the requester's
  /\ rt' = [rt EXCEPT ![r] = "unlock"]
  /\ UNCHANGED <<lock, rtRange, votes, copies, inflight, rv, rvAt>>

\* Some core said no: abort.
AbortRetype(r) ==
  /\ rt[r] = "check"
  /\ \E c \in Cores : votes[r][c] = "no"
  /\ rt' = [rt EXCEPT ![r] = "unlock"]
  /\ UNCHANGED <<lock, rtRange, votes, retypes, copies, inflight, rv, rvAt>>

\* The owner releases the lock: retype r is over, and its range and votes
\* are forgotten (the owner drops its record of the operation).
Unlock(r) ==
  /\ rt[r] = "unlock"
  /\ lock' = IF lock = r THEN None ELSE lock
  /\ rt' = [rt EXCEPT ![r] = "idle"]
  /\ rtRange' = [rtRange EXCEPT ![r] = NoRange]
  /\ votes' = [votes EXCEPT ![r] = [c \in Cores |-> "none"]]
  /\ UNCHANGED <<retypes, copies, inflight, rv, rvAt>>

\* Core c copies the capability to core d (not while its copy is marked).
Copy(c, d) ==
  /\ copies[c] > 0 /\ rvAt[c] = "idle" /\ c # d
  /\ TotalCopies < MaxCopies
  /\ inflight' = [inflight EXCEPT ![d] = @ + 1]
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, copies, rv, rvAt>>

\* A copy arrives at core d; a core that committed a revoke deletes it.
RecvCopy(d) ==
  /\ inflight[d] > 0
  /\ inflight' = [inflight EXCEPT ![d] = @ - 1]
  /\ copies' = [copies EXCEPT ![d] = @ + 1]  \* BUG
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, rv, rvAt>>

\* Core c deletes one of its copies, locally: not while its copy is marked
\* for a revoke (it answers retry), nor the owner's last copy, nor the
\* owner's copy while it holds its lock for an operation in progress.
Delete(c) ==
  /\ copies[c] > (IF c = Owner THEN 1 ELSE 0)
  /\ rvAt[c] = "idle"
  /\ c = Owner => lock = None
  /\ copies' = [copies EXCEPT ![c] = @ - 1]
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, inflight, rv, rvAt>>

\* The owner locks and asks every core to mark its copies.
StartRevoke ==
  /\ rv = "idle" /\ lock = None /\ copies[Owner] > 0
  /\ lock' = Owner
  /\ rv' = "mark"
  /\ UNCHANGED <<rt, rtRange, votes, retypes, copies, inflight, rvAt>>

\* Core c marks its copies and replies ready.
Mark(c) ==
  /\ rv = "mark" /\ rvAt[c] = "idle"
  /\ rvAt' = [rvAt EXCEPT ![c] = "marked"]
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, copies, inflight, rv>>

\* Every core is ready: the owner commits to the same set.
CommitRevoke ==
  /\ rv = "mark" /\ \A c \in Cores : rvAt[c] = "marked"
  /\ rv' = "commit"
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, copies, inflight, rvAt>>

\* Core c deletes its copies and the region's descendants once no copy is
\* in flight to it, and replies done.
RevokeAt(c) ==
  /\ rv = "commit" /\ rvAt[c] = "marked"
  \* BUG: no  /\ inflight[c] = 0
  /\ copies' = [copies EXCEPT ![c] = 0]
  /\ retypes' = [retypes EXCEPT ![c] = {}]
  /\ rvAt' = [rvAt EXCEPT ![c] = "done"]
  /\ UNCHANGED <<lock, rt, rtRange, votes, inflight, rv>>

\* Every core is done: the revoke completes and the owner unlocks.
RevokeDone ==
  /\ rv = "commit" /\ \A c \in Cores : rvAt[c] = "done"
  /\ rv' = "done"
  /\ lock' = None
  /\ UNCHANGED <<rt, rtRange, votes, retypes, copies, inflight, rvAt>>

\* The capability is gone and nothing is in progress: terminal.
Done ==
  /\ rv = "done" /\ \A r \in Cores : rt[r] = "idle" /\ \A c \in Cores : inflight[c] = 0
  /\ UNCHANGED vars

Next ==
  \/ StartRevoke \/ CommitRevoke \/ RevokeDone \/ Done
  \/ \E r \in Cores : (\E g \in Ranges : StartRetype(r, g)) \/ CommitRetype(r) \/ AbortRetype(r) \/ Unlock(r)
                      \/ \E c \in Cores : Vote(r, c)
  \/ \E c \in Cores : Mark(c) \/ RevokeAt(c) \/ RecvCopy(c)
                      \/ Delete(c) \/ \E d \in Cores : Copy(c, d)

Spec == Init /\ [][Next]_vars /\ WF_vars(Next)

-----------------------------------------------------------------------------
\* No two overlapping live retypes of the region, wherever they are held.
NoOverlappingRetypes ==
  \A c, d \in Cores : \A g \in retypes[c], h \in retypes[d] :
    (c # d \/ g # h) => ~Overlap(g, h)

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
