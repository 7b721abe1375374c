------------------------------- MODULE ViewLog -------------------------------
(***************************************************************************)
(* What membership must look like to its users: a log of agreed views,     *)
(* the abstract spec that Membership.tla refines.                          *)
(*                                                                         *)
(* views is the sequence of agreed views, views[k] the members of view k;  *)
(* at[c] is the number of the view core c has installed (0: none, a core   *)
(* that is off or was never a member).  A view is appended (Agree) only    *)
(* once every live member of the last view has installed it, so views are *)
(* installed in one order everywhere.  A core installs (Learn) the next    *)
(* view it is a member of, skipping none; a core with no view joins at the *)
(* last one.  A core that a later agreed view left out drops out (Retire); *)
(* crashed cores install nothing more.                                     *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS Cores,        \* core ids
          InitMembers   \* the members of view 1

VARIABLES views,    \* views[k]: the members of agreed view k
          at,       \* at[c]: the view core c installed, 0 if none
          crashed   \* the cores that crashed

vars == <<views, at, crashed>>

TypeOK ==
  /\ views \in Seq(SUBSET Cores)
  /\ at \in [Cores -> 0 .. Len(views)]
  /\ crashed \subseteq Cores

Init ==
  /\ views = <<InitMembers>>
  /\ at = [c \in Cores |-> IF c \in InitMembers THEN 1 ELSE 0]
  /\ crashed = {}

Last == Len(views)

\* A view with members M is agreed after the last one, which every live
\* member of the last view has installed.
Agree(M) ==
  /\ M # {}
  /\ \A c \in views[Last] \ crashed : at[c] = Last
  /\ views' = Append(views, M)
  /\ UNCHANGED <<at, crashed>>

\* The view core c installs next: the first later view it is a member of,
\* or the last view for a core that has none.
NextView(c) ==
  LET later == {k \in at[c] + 1 .. Last : c \in views[k]}
  IN  IF at[c] = 0 THEN Last
      ELSE IF later = {} THEN at[c]
      ELSE CHOOSE k \in later : \A j \in later : k <= j

\* Live core c installs the next view it is a member of.
Learn(c) ==
  /\ c \notin crashed
  /\ NextView(c) > at[c] /\ c \in views[NextView(c)]
  /\ at' = [at EXCEPT ![c] = NextView(c)]
  /\ UNCHANGED <<views, crashed>>

\* Live core c, left out of an agreed view later than its own, drops out.
Retire(c) ==
  /\ c \notin crashed
  /\ 0 < at[c] /\ at[c] < Last /\ c \notin views[Last]
  /\ at' = [at EXCEPT ![c] = 0]
  /\ UNCHANGED <<views, crashed>>

\* Core c crashes (crash-stop).
Crash(c) ==
  /\ c \notin crashed
  /\ crashed' = crashed \cup {c}
  /\ UNCHANGED <<views, at>>

Next ==
  \/ \E M \in SUBSET Cores : Agree(M)
  \/ \E c \in Cores : Learn(c) \/ Retire(c) \/ Crash(c)

\* Every live member of an agreed view installs it.
Spec == Init /\ [][Next]_vars /\ (\A c \in Cores : WF_vars(Learn(c)))
=============================================================================
