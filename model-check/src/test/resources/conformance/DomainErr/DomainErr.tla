---- MODULE DomainErr ----
(***************************************************************************)
(* Evaluation error: a function applied outside its domain.  tbl has       *)
(* domain 1..3; once tbl[i] > 5 (i = 3) Next computes tbl[i + 1] = tbl[4]. *)
(*                                                                         *)
(* Expected (DomainErr.cfg): exit 75, 3 distinct, 3 generated, depth 3,    *)
(* error says the index is out of the tuple's bounds, in TLC's words.      *)
(*                                                                         *)
(* Chain of states <<i, total>>:                                           *)
(*   L1 (1,0): tbl[1] = 1 <= 5 -> (2,1)                                    *)
(*   L2 (2,1): tbl[2] = 4 <= 5 -> (3,5)                                    *)
(*   L3 (3,5): tbl[3] = 9 > 5 -> tbl[4]: error, no successor produced      *)
(* distinct 3, generated 1 + 1 + 1 = 3, depth 3.                           *)
(***************************************************************************)
EXTENDS Naturals

tbl == [n \in 1 .. 3 |-> n * n]

VARIABLES i, total

Init == /\ i = 1
        /\ total = 0

Next == /\ i' = IF tbl[i] > 5 THEN tbl[i + 1] ELSE i + 1
        /\ total' = total + tbl[i]
====
