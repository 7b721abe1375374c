--------------------------- MODULE CapCommitRefineBug ---------------------------
(* CapCommit.tla with one change, marked \* BUG: a core that becomes the  *)
(* owner by a move while holding no copy does not install the copy the    *)
(* owner update carries, so ownership passes to a core that holds none.    *)
(* Nothing of CapCommit's own catches it: every copy still names the owner *)
(* after the move (OwnerAgreed), locks and retypes are as before, and no   *)
(* operation that starts is kept from completing (a revoke can no longer   *)
(* start, but starting one is not fair).  The refinement does catch it: in *)
(* CapTable only a core holding a copy can be moved to.                    *)
(*                                                                         *)
(* Checker: exit 13, the action property of CapTable (its [][Next]_vars)   *)
(* is violated; the behaviour is StartMove to core 2, which holds nothing, *)
(* then the owner update and its acks, then MoveDone.                      *)
EXTENDS Naturals

CONSTANTS Cores,     \* core ids
          Owner,     \* the initial owner
          MaxCopies, \* at most this many copies, held or in flight (bounds the model)
          Ranges     \* the ranges a retype may ask for: <<first, last>> of the region's equal parts

ASSUME Owner \in Cores
ASSUME \A g \in Ranges : g[1] <= g[2]

None == 0
ASSUME None \notin Cores

\* No range: the range of a retype that is not in progress.
NoRange == <<>>

\* Ranges a and b share a part.
Overlap(a, b) == a[1] <= b[2] /\ b[1] <= a[2]

VARIABLES lock,    \* the owner's lock on the region: None, a requester r, or owner for revoke, move
          rt,      \* rt[r]: phase of the retype requested by r
          rtRange, \* rtRange[r]: the range the retype requested by r asks for (NoRange when idle)
          votes,   \* votes[r][c]: core c's answer to retype r ("none" while r's retype is idle)
          retypes, \* retypes[c]: the ranges of the live (committed, not yet revoked) retypes of the region held by core c
          copies,  \* copies[c]: copies of the capability held by core c
          inflight,\* inflight[c]: copies in flight to core c
          rv,      \* phase of the revoke at the owner
          rvAt,    \* rvAt[c]: "idle", "marked" (replied ready), "done"
          owner,   \* the core that owns the capability
          ownerAt, \* ownerAt[c]: the owner core c's copies name
          mv,      \* phase of the move at the owner: "idle" or "update"
          mvTo,    \* the new owner of the move in progress (None when idle)
          mvWait,  \* cores whose owner-update ack the owner still awaits
          mvSeen   \* cores that got the owner update: their copies are busy, and they flushed their channels

vars == <<lock, rt, rtRange, votes, retypes, copies, inflight, rv, rvAt,
          owner, ownerAt, mv, mvTo, mvWait, mvSeen>>
mvv == <<owner, ownerAt, mv, mvTo, mvWait, mvSeen>>

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
  /\ owner \in Cores
  /\ ownerAt \in [Cores -> Cores]
  /\ mv \in {"idle", "update"}
  /\ mvTo \in Cores \cup {None}
  /\ mvWait \subseteq Cores
  /\ mvSeen \subseteq Cores

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
  /\ owner = Owner
  /\ ownerAt = [c \in Cores |-> Owner]
  /\ mv = "idle" /\ mvTo = None /\ mvWait = {} /\ mvSeen = {}

TotalCopies == LET F[S \in SUBSET Cores] ==
                     IF S = {} THEN 0
                     ELSE LET c == CHOOSE x \in S : TRUE
                          IN  copies[c] + inflight[c] + F[S \ {c}]
               IN  F[Cores]

\* The owner takes its lock for a retype of range g requested by core r.
StartRetype(r, g) ==
  /\ rt[r] = "idle" /\ lock = None /\ rv = "idle" /\ mv = "idle"
  /\ lock' = r
  /\ rt' = [rt EXCEPT ![r] = "check"]
  /\ rtRange' = [rtRange EXCEPT ![r] = g]
  /\ votes' = [votes EXCEPT ![r] = [c \in Cores |-> "none"]]
  /\ UNCHANGED <<retypes, copies, inflight, rv, rvAt>>
  /\ UNCHANGED mvv

\* Core c answers whether the range r's retype asks for is retypeable: no if
\* it holds a live descendant overlapping it (each core knows only its own);
\* it may also say no for a conflicting local operation.
Vote(r, c) ==
  /\ rt[r] = "check" /\ votes[r][c] = "none"
  /\ \E ans \in IF \E h \in retypes[c] : Overlap(h, rtRange[r]) THEN {"no"} ELSE {"yes", "no"} :
       votes' = [votes EXCEPT ![r][c] = ans]
  /\ UNCHANGED <<lock, rt, rtRange, retypes, copies, inflight, rv, rvAt>>
  /\ UNCHANGED mvv

\* Every core agreed and the owner holds the lock for r: commit.
CommitRetype(r) ==
  /\ rt[r] = "check" /\ lock = r
  /\ \A c \in Cores : votes[r][c] = "yes"
  /\ retypes' = [retypes EXCEPT ![r] = @ \cup {rtRange[r]}]   \* the new capability is the requester's
  /\ rt' = [rt EXCEPT ![r] = "unlock"]
  /\ UNCHANGED <<lock, rtRange, votes, copies, inflight, rv, rvAt>>
  /\ UNCHANGED mvv

\* Some core said no: abort.
AbortRetype(r) ==
  /\ rt[r] = "check"
  /\ \E c \in Cores : votes[r][c] = "no"
  /\ rt' = [rt EXCEPT ![r] = "unlock"]
  /\ UNCHANGED <<lock, rtRange, votes, retypes, copies, inflight, rv, rvAt>>
  /\ UNCHANGED mvv

\* The owner releases the lock: retype r is over, and its range and votes
\* are forgotten (the owner drops its record of the operation).
Unlock(r) ==
  /\ rt[r] = "unlock"
  /\ lock' = IF lock = r THEN None ELSE lock
  /\ rt' = [rt EXCEPT ![r] = "idle"]
  /\ rtRange' = [rtRange EXCEPT ![r] = NoRange]
  /\ votes' = [votes EXCEPT ![r] = [c \in Cores |-> "none"]]
  /\ UNCHANGED <<retypes, copies, inflight, rv, rvAt>>
  /\ UNCHANGED mvv

\* Core c copies the capability to core d (not while its copy is marked
\* for a revoke or busy with a move, which it is from the moment the owner
\* update reaches it: then it answers retry).  d may be c: the
\* implementation copies locally and records the copy and its arrival.
Copy(c, d) ==
  /\ copies[c] > 0 /\ rvAt[c] = "idle" /\ c \notin mvSeen
  /\ TotalCopies < MaxCopies
  /\ inflight' = [inflight EXCEPT ![d] = @ + 1]
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, copies, rv, rvAt>>
  /\ UNCHANGED mvv

\* A copy arrives at core d; a core that committed a revoke deletes it.
RecvCopy(d) ==
  /\ inflight[d] > 0
  /\ inflight' = [inflight EXCEPT ![d] = @ - 1]
  /\ copies' = IF rvAt[d] = "idle" THEN [copies EXCEPT ![d] = @ + 1] ELSE copies
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, rv, rvAt>>
  /\ UNCHANGED mvv

\* Core c deletes one of its copies, locally: not while its copy is marked
\* for a revoke or busy with a move (it answers retry), nor the owner's last
\* copy (move it away or revoke it), nor the owner's copy while it holds its
\* lock for an operation in progress (retry).  The region's retypes stay.
Delete(c) ==
  /\ copies[c] > (IF c = owner THEN 1 ELSE 0)
  /\ rvAt[c] = "idle" /\ c \notin mvSeen
  /\ c = owner => lock = None
  /\ copies' = [copies EXCEPT ![c] = @ - 1]
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, inflight, rv, rvAt>>
  /\ UNCHANGED mvv

\* The owner locks and asks every core to mark its copies.
StartRevoke ==
  /\ rv = "idle" /\ mv = "idle" /\ lock = None /\ copies[owner] > 0
  /\ lock' = owner
  /\ rv' = "mark"
  /\ UNCHANGED <<rt, rtRange, votes, retypes, copies, inflight, rvAt>>
  /\ UNCHANGED mvv

\* Core c marks its copies and replies ready.
Mark(c) ==
  /\ rv = "mark" /\ rvAt[c] = "idle"
  /\ rvAt' = [rvAt EXCEPT ![c] = "marked"]
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, copies, inflight, rv>>
  /\ UNCHANGED mvv

\* Every core is ready: the owner commits to the same set.
CommitRevoke ==
  /\ rv = "mark" /\ \A c \in Cores : rvAt[c] = "marked"
  /\ rv' = "commit"
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, copies, inflight, rvAt>>
  /\ UNCHANGED mvv

\* Core c deletes its copies and the region's descendants once no copy is
\* in flight to it, and replies done.
RevokeAt(c) ==
  /\ rv = "commit" /\ rvAt[c] = "marked"
  /\ inflight[c] = 0
  /\ copies' = [copies EXCEPT ![c] = 0]
  /\ retypes' = [retypes EXCEPT ![c] = {}]
  /\ rvAt' = [rvAt EXCEPT ![c] = "done"]
  /\ UNCHANGED <<lock, rt, rtRange, votes, inflight, rv>>
  /\ UNCHANGED mvv

\* Every core is done: the revoke completes and the owner unlocks.
RevokeDone ==
  /\ rv = "commit" /\ \A c \in Cores : rvAt[c] = "done"
  /\ rv' = "done"
  /\ lock' = None
  /\ UNCHANGED <<rt, rtRange, votes, retypes, copies, inflight, rvAt>>
  /\ UNCHANGED mvv

\* The capability is gone and nothing is in progress: terminal.
Done ==
  /\ rv = "done" /\ \A r \in Cores : rt[r] = "idle" /\ \A c \in Cores : inflight[c] = 0
  /\ UNCHANGED vars

\* The owner locks and broadcasts that core d is to be the owner.  A move to
\* a core without a copy makes one more copy, which MaxCopies bounds as it
\* bounds a Copy.
StartMove(d) ==
  /\ mv = "idle" /\ rv = "idle" /\ lock = None
  /\ d # owner /\ (copies[d] > 0 \/ TotalCopies < MaxCopies)
  /\ lock' = owner
  /\ mv' = "update" /\ mvTo' = d /\ mvWait' = Cores
  /\ UNCHANGED <<rt, rtRange, votes, retypes, copies, inflight, rv, rvAt, owner, ownerAt, mvSeen>>

\* The owner update reaches core c: its copies are busy (a copy answers
\* retry) and it sends a marker down every channel, after every copy it sent.
RecvUpdate(c) ==
  /\ mv = "update" /\ c \notin mvSeen
  /\ mvSeen' = mvSeen \cup {c}
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, copies, inflight, rv, rvAt, owner, ownerAt, mv, mvTo, mvWait>>

\* Core c has every core's marker (every core got the update, so no more
\* copies are sent) and no copy is in flight to it: all its copies now name
\* the new owner, and it acks.  The new owner, if it holds no copy,
\* installs the one the update carries.
UpdateOwner(c) ==
  /\ mv = "update" /\ c \in mvWait
  /\ mvSeen = Cores /\ inflight[c] = 0
  /\ ownerAt' = [ownerAt EXCEPT ![c] = mvTo]
  /\ copies' = copies   \* BUG: was IF c = mvTo /\ copies[c] = 0 THEN [copies EXCEPT ![c] = 1] ELSE copies
  /\ mvWait' = mvWait \ {c}
  /\ UNCHANGED <<lock, rt, rtRange, votes, retypes, inflight, rv, rvAt, owner, mv, mvTo, mvSeen>>

\* Every core acked the update: ownership passes to the new owner and the
\* lock is released.
MoveDone ==
  /\ mv = "update" /\ mvWait = {}
  /\ owner' = mvTo
  /\ lock' = None
  /\ mv' = "idle" /\ mvTo' = None /\ mvSeen' = {}
  /\ UNCHANGED <<rt, rtRange, votes, retypes, copies, inflight, rv, rvAt, ownerAt, mvWait>>

Next ==
  \/ StartRevoke \/ MoveDone \/ CommitRevoke \/ RevokeDone \/ Done
  \/ \E r \in Cores : (\E g \in Ranges : StartRetype(r, g)) \/ CommitRetype(r) \/ AbortRetype(r) \/ Unlock(r)
                      \/ \E c \in Cores : Vote(r, c)
  \/ \E c \in Cores : Mark(c) \/ RevokeAt(c) \/ RecvCopy(c) \/ RecvUpdate(c) \/ UpdateOwner(c)
                      \/ StartMove(c) \/ Delete(c) \/ \E d \in Cores : Copy(c, d)

\* Starting an operation, copying and deleting are not fair; every step of an
\* operation in progress is weakly fair.  (WF_vars(Next) alone is not
\* enough: see bugs/CapCommitNextFair.tla.)
Spec == Init /\ [][Next]_vars
             /\ WF_vars(CommitRevoke) /\ WF_vars(RevokeDone) /\ WF_vars(MoveDone)
             /\ (\A r \in Cores : WF_vars(CommitRetype(r)) /\ WF_vars(AbortRetype(r))
                                 /\ WF_vars(Unlock(r))
                                 /\ \A c \in Cores : WF_vars(Vote(r, c)))
             /\ (\A c \in Cores : WF_vars(Mark(c)) /\ WF_vars(RevokeAt(c))
                                 /\ WF_vars(RecvCopy(c)) /\ WF_vars(RecvUpdate(c))
                                 /\ WF_vars(UpdateOwner(c)))

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
  lock # None => \/ lock = owner /\ rv \in {"mark", "commit"}
                 \/ lock = owner /\ mv = "update"
                 \/ lock \in Cores /\ rt[lock] # "idle"

\* When no move is in progress, every copy, held or in flight, names the
\* same owner: the owner.
OwnerAgreed ==
  mv = "idle" => \A c \in Cores : (copies[c] > 0 \/ inflight[c] > 0) => ownerAt[c] = owner

-----------------------------------------------------------------------------
\* The state a complete run ends in: no lock held, no retype, revoke or move
\* in progress, no copy in flight.  Not a step of Next: trace validation
\* takes it as the last, stuttering, step of a run that was not cut short,
\* with the values read from every replica once the run is over.
Quiescent ==
  /\ lock = None /\ mv = "idle" /\ rv \in {"idle", "done"}
  /\ \A c \in Cores : rt[c] = "idle" /\ inflight[c] = 0
  /\ UNCHANGED vars

-----------------------------------------------------------------------------
\* REFINEMENT: the protocols implement an abstract capability table where
\* every operation is one atomic step (CapTable.tla).  The table changes
\* exactly when the protocol commits: CommitRetype is the abstract Retype,
\* MoveDone the abstract Move, CommitRevoke the abstract Revoke, Copy the
\* abstract Copy (a copy in flight to core d is already d's; so is the copy a
\* new owner that held none installs at UpdateOwner: Copy(owner, d)), Delete
\* the abstract Delete, and so is a copy that arrives at a core marked for a
\* revoke that has not committed yet, and is deleted on arrival.  Every other step (locking,
\* voting, aborting, marking, the owner update and its acks, a copy landing)
\* changes none of the mapped values: a stuttering step of the table.
Revoked == rv \in {"commit", "done"}

Abs == INSTANCE CapTable WITH owner <- owner,
         copies <- [c \in Cores |-> IF Revoked THEN 0 ELSE copies[c] + inflight[c]],
         retypes <- [c \in Cores |-> IF Revoked THEN {} ELSE retypes[c]],
         revoked <- Revoked

\* CapCommit implements the atomic capability table.
AbsSpec == Abs!Spec

-----------------------------------------------------------------------------
\* LIVENESS: every retype that starts is resolved (committed or aborted,
\* and unlocked).
RetypeResolves == \A r \in Cores : (rt[r] = "check") ~> (rt[r] = "idle")

\* Every revoke that starts completes.
RevokeResolves == (rv = "mark") ~> (rv = "done")

\* Every move that starts completes.
MoveResolves == (mv = "update") ~> (mv = "idle")
=============================================================================
