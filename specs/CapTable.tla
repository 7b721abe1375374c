------------------------------ MODULE CapTable ------------------------------
(***************************************************************************)
(* An abstract capability table for one RAM region: what the capability   *)
(* protocols must look like to their users.  Every operation is ONE atomic *)
(* step on the table, with no locks, votes, messages or phases:            *)
(*  Retype(r, g): core r gets a live retype (a descendant) of range g of   *)
(*    the region, possible only while no live retype overlaps g.           *)
(*  Copy(c, d): core c, holding a copy, gives core d (maybe c) one more.   *)
(*  Delete(c): core c drops one of its copies (never the owner's last).    *)
(*  Move(d): core d, holding a copy, becomes the owner.                    *)
(*  Revoke: every copy and every descendant is gone, at once, for good.    *)
(* CapCommit.tla implements this table (see its refinement mapping).       *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS Cores,  \* core ids
          Owner,  \* the initial owner
          Ranges  \* the ranges a retype may ask for: <<first, last>> of the region's equal parts

\* Ranges a and b share a part.
Overlap(a, b) == a[1] <= b[2] /\ b[1] <= a[2]

VARIABLES owner,   \* the core that owns the capability
          copies,  \* copies[c]: copies core c holds
          retypes, \* retypes[c]: the ranges of the live retypes of the region core c holds
          revoked  \* the region was revoked: nothing of it exists any more

vars == <<owner, copies, retypes, revoked>>

\* No live retype overlaps range g.
NoneOverlaps(g) == \A c \in Cores : \A h \in retypes[c] : ~Overlap(g, h)

TypeOK ==
  /\ owner \in Cores
  /\ copies \in [Cores -> Nat]
  /\ retypes \in [Cores -> SUBSET Ranges]
  /\ revoked \in BOOLEAN

Init ==
  /\ owner = Owner
  /\ copies = [c \in Cores |-> IF c = Owner THEN 1 ELSE 0]
  /\ retypes = [c \in Cores |-> {}]
  /\ revoked = FALSE

\* Core r retypes range g of the region: the new capability is r's.
Retype(r, g) ==
  /\ ~revoked /\ NoneOverlaps(g)
  /\ retypes' = [retypes EXCEPT ![r] = @ \cup {g}]
  /\ UNCHANGED <<owner, copies, revoked>>

\* Core c, holding a copy, gives one to core d (to itself, when d = c).
Copy(c, d) ==
  /\ ~revoked /\ copies[c] > 0
  /\ copies' = [copies EXCEPT ![d] = @ + 1]
  /\ UNCHANGED <<owner, retypes, revoked>>

\* Core c drops one copy; the owner keeps at least one.
Delete(c) ==
  /\ ~revoked /\ copies[c] > (IF c = owner THEN 1 ELSE 0)
  /\ copies' = [copies EXCEPT ![c] = @ - 1]
  /\ UNCHANGED <<owner, retypes, revoked>>

\* Core d, which holds a copy, becomes the owner.
Move(d) ==
  /\ ~revoked /\ d # owner /\ copies[d] > 0
  /\ owner' = d
  /\ UNCHANGED <<copies, retypes, revoked>>

\* The owner, holding a copy, revokes the region: every copy and every
\* descendant, wherever it is, is gone in one step.
Revoke ==
  /\ ~revoked /\ copies[owner] > 0
  /\ revoked' = TRUE
  /\ copies' = [c \in Cores |-> 0]
  /\ retypes' = [c \in Cores |-> {}]
  /\ UNCHANGED owner

Next ==
  \/ Revoke
  \/ \E c \in Cores : (\E g \in Ranges : Retype(c, g)) \/ Delete(c) \/ Move(c) \/ \E d \in Cores : Copy(c, d)

\* Operations are requested by users: none of them is bound to happen.
Spec == Init /\ [][Next]_vars
=============================================================================
