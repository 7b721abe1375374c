---------------------------- MODULE ShootdownTree ----------------------------
(***************************************************************************)
(* Shootdown.tla along any tree, given as a table: ParentOf[i][c] is the   *)
(* parent of core c in the tree rooted at initiator i (ParentOf[i][i] = i).*)
(* The implementation's multicast and NUMA-aware trees are built from the  *)
(* machine's topology, so they are not formulas of i and c: a trace of     *)
(* such a run gives its trees as the constant ParentOf (traces/README.md). *)
(* The model's table is a relay: the initiator sends to its successor,    *)
(* which forwards to every other core (a tree of depth 2).                 *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS Cores, Pages, Frames, NoFrame,
          ParentOf   \* [Cores -> [Cores -> Cores]]

VARIABLES pt, tlb, free, phase, victim, st, waiting, msgs

\* The model's table (defined before its use: the .cfg substitutes it for ParentOf).
RelayTable ==
  LET Succ(i) == (i % Cardinality(Cores)) + 1
  IN  [i \in Cores |-> [c \in Cores |-> IF c = i \/ c = Succ(i) THEN i ELSE Succ(i)]]

FromTable(i, c) == ParentOf[i][c]

INSTANCE Shootdown WITH Parent <- FromTable

\* Every table is a tree rooted at its initiator: each core reaches i by parents.
ASSUME \A i \in Cores : ParentOf[i][i] = i
=============================================================================
