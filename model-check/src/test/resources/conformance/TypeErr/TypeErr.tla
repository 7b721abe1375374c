---- MODULE TypeErr ----
(***************************************************************************)
(* Evaluation error: adding a string to an integer (count + "bad").  The   *)
(* record's name field holds the string "bad"; the second disjunct adds it *)
(* to the count once the count reaches 2.                                  *)
(*                                                                         *)
(* Expected (TypeErr.cfg): exit 75, 3 distinct, 3 generated, depth 3; the  *)
(* error output shows the offending value "bad" (TLC prints it in the      *)
(* trace of states; a clearer message names it directly).                  *)
(*                                                                         *)
(*   L1 count 0 -> count 1;  L2 count 1 -> count 2;                        *)
(*   L3 count 2: first disjunct disabled, second evaluates 2 + "bad".      *)
(* distinct 3, generated 1 + 1 + 1 = 3, depth 3.                           *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE r

Init == r = [count |-> 0, name |-> "bad"]

Next == \/ /\ r.count < 2
           /\ r' = [r EXCEPT !.count = @ + 1]
        \/ /\ r.count = 2
           /\ r' = [r EXCEPT !.count = @ + r.name]
====
