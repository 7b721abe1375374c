---- MODULE ActionProps ----
(***************************************************************************)
(* Action properties [][P]_v given as PROPERTY: one that holds and one     *)
(* that is violated by a step into an already-seen state (TLC checks       *)
(* action properties on every generated transition, new or not).          *)
(*                                                                         *)
(* The state graph is a chain with one back edge:                          *)
(*   L1 (0,0) -IncX-> L2 (1,0) -IncX-> L3 (2,0) -SetY-> L4 (2,1)           *)
(*   (2,1) -ResetY-> (2,0)  [already seen]                                 *)
(* Every state has exactly one successor: 4 distinct, generated = 1 + 4 =  *)
(* 5, depth 4, in both models.                                             *)
(*                                                                         *)
(* Holds.cfg (PROPERTY XNeverDecreases): x never decreases.  exit 0.       *)
(* Violated.cfg (PROPERTIES XNeverDecreases YNeverDecreases): the last     *)
(*   transition (2,1) -> (2,0) decreases y; it is the last transition      *)
(*   generated, so the counts at the stop are the full ones: exit 13,      *)
(*   4 distinct, 5 generated, depth 4, and the error names                 *)
(*   YNeverDecreases.                                                      *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES x, y

vars == <<x, y>>

Init == /\ x = 0
        /\ y = 0

IncX == /\ x < 2
        /\ x' = x + 1
        /\ UNCHANGED y

SetY == /\ x = 2
        /\ y = 0
        /\ y' = 1
        /\ UNCHANGED x

ResetY == /\ y = 1
          /\ y' = 0
          /\ UNCHANGED x

Next == IncX \/ SetY \/ ResetY

Spec == Init /\ [][Next]_vars

XNeverDecreases == [][x' >= x]_x

YNeverDecreases == [][y' >= y]_y
====
