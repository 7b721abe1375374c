---- MODULE InitConstraint ----
(***************************************************************************)
(* A CONSTRAINT that excludes some initial states: they count as generated *)
(* (TLC counts every initial state it computes) but are not distinct and   *)
(* not explored.  Successor states that violate the constraint are         *)
(* generated too, and a state whose successors are all excluded is not a   *)
(* deadlock.                                                               *)
(*                                                                         *)
(* Expected (InitConstraint.cfg): exit 0, 4 distinct, 10 generated,        *)
(* depth 1.                                                                *)
(*                                                                         *)
(* Init: x \in 0..5 -> 6 initial states generated; Small (x < 4) keeps     *)
(* 0, 1, 2, 3 (4 distinct, level 1).  Next: x' = (x + 2) % 6:              *)
(*   0 -> 2 (seen), 1 -> 3 (seen), 2 -> 4 (excluded), 3 -> 5 (excluded).   *)
(* generated = 6 + 4 = 10; no new state beyond level 1, so depth 1.        *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE x

Init == x \in 0 .. 5

Next == x' = (x + 2) % 6

Small == x < 4

Inv == x \in 0 .. 5
====
