---- MODULE ChooseNone ----
(***************************************************************************)
(* Evaluation error: CHOOSE from a set with no element satisfying the      *)
(* predicate.  Next jumps to the next multiple of 3 below 10 among         *)
(* x+1..x+3; from x = 9 the candidates 10, 11, 12 all fail y < 10.         *)
(*                                                                         *)
(* Expected (ChooseNone.cfg): exit 75, 4 distinct, 4 generated, depth 4,   *)
(* error mentions CHOOSE.                                                  *)
(*                                                                         *)
(* Chain <<x, hops>>: (1,0) -> (3,1) -> (6,2) -> (9,3) -> error.           *)
(* distinct 4, generated 1 + 1 + 1 + 1 = 4, depth 4.                       *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES x, hops

Init == /\ x = 1
        /\ hops = 0

Next == /\ x' = CHOOSE y \in x + 1 .. x + 3 : y % 3 = 0 /\ y < 10
        /\ hops' = hops + 1
====
