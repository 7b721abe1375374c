------------------------ MODULE ShootdownTreeMapOneLevel ------------------------
(* ShootdownTree.tla with one change, marked \* BUG: it instantiates      *)
(* ShootdownMapOneLevel.tla, in which Map installs the translation only    *)
(* in the replicas of the home and of its children in the multicast tree.  *)
(* Along the relay table (the initiator sends to its successor, which      *)
(* forwards to the others) the cores two levels down never get a mapped    *)
(* page's translation.  Nothing of Shootdown's own catches it: its         *)
(* invariants forbid stale translations and lost frames, not missing ones, *)
(* and every unmap still completes.  The refinement does: AtomicUnmap's    *)
(* Map installs the translation in every core's page table at once.        *)
(*                                                                         *)
(* Checker: exit 13, "Action property line 90, col 17 to line 90, col 29  *)
(* of module AtomicUnmap is violated", 2 states: home 1 maps page 1 to f1  *)
(* in the replicas of cores 1 and 2 only.                                  *)
EXTENDS Naturals, FiniteSets

CONSTANTS Cores, Pages, Frames, NoFrame,
          ParentOf   \* [Cores -> [Cores -> Cores]]

VARIABLES pt, tlb, free, phase, victim, st, waiting, msgs

\* The model's table (defined before its use: the .cfg substitutes it for ParentOf).
RelayTable ==
  LET Succ(i) == (i % Cardinality(Cores)) + 1
  IN  [i \in Cores |-> [c \in Cores |-> IF c = i \/ c = Succ(i) THEN i ELSE Succ(i)]]

FromTable(i, c) == ParentOf[i][c]

INSTANCE ShootdownMapOneLevel WITH Parent <- FromTable   \* BUG: was INSTANCE Shootdown

\* Every table is a tree rooted at its initiator: each core reaches i by parents.
ASSUME \A i \in Cores : ParentOf[i][i] = i
=============================================================================
