---- MODULE CfgBadInvariant ----
(***************************************************************************)
(* Configuration errors; the spec itself is fine (with Limit = 2 it would  *)
(* have 3 states).  TLC rejects the model before computing any state, so   *)
(* no counts are reported.                                                 *)
(*                                                                         *)
(* TypoInvariant.cfg: INVARIANTS TypeOK InRnage -- InRnage is not defined  *)
(*   (the spec defines InRange): exit 151, -, -, -, error names InRnage.   *)
(* NoConstant.cfg: the constant Limit is given no value:                   *)
(*   exit 151, -, -, -, error names Limit.                                 *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Limit

VARIABLE x

Init == x = 0

Next == /\ x < Limit
        /\ x' = x + 1

TypeOK == x \in Nat

InRange == x <= Limit
====
