---- MODULE TwoInvariants ----
(***************************************************************************)
(* INVARIANTS with two names; the first (TypeOK) holds everywhere, the     *)
(* second (Bounded: x < 3) is violated.  TLC stops at the first violating  *)
(* state it finds.                                                         *)
(*                                                                         *)
(* Expected (TwoInvariants.cfg): exit 12, 6 distinct, 8 generated,         *)
(* depth 4, error names Bounded.                                           *)
(*                                                                         *)
(*   L1 (0,none) -> (1,a), (1,b), (1,c)                     [3 generated]  *)
(*   L2 (1,a) -> (2,none) new; (1,b), (1,c) -> (2,none) seen [3 generated] *)
(*   L3 (2,none) -> (3,none): new, and x = 3 violates Bounded [1 generated]*)
(* The violating state is the only state of level 4 and the only successor *)
(* of the only state of level 3, so the counts at the stop do not depend   *)
(* on the exploration order: distinct = 1 + 3 + 1 + 1 = 6 (the violating   *)
(* state is counted), generated = 1 + 3 + 3 + 1 = 8, depth 4.              *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES x, side

Init == /\ x = 0
        /\ side = "none"

Next == \/ /\ x = 0
           /\ x' = 1
           /\ side' \in {"a", "b", "c"}
        \/ /\ x > 0
           /\ x' = x + 1
           /\ side' = "none"

TypeOK == /\ x \in Nat
          /\ side \in {"none", "a", "b", "c"}

Bounded == x < 3
====
