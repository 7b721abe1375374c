---- MODULE Overflow31 ----
(***************************************************************************)
(* Evaluation error: TLC's integers are 32-bit, so 2^31 = 2147483648       *)
(* overflows (the largest value is 2^31 - 1).  TLC exits with status 255   *)
(* for an overflow found while computing successors.                       *)
(*                                                                         *)
(* Expected (Overflow31.cfg): exit 255, 2 distinct, 2 generated, depth 2,  *)
(* error mentions 2^31.                                                    *)
(*                                                                         *)
(*   L1 (29, 2^29 = 536870912) -> (30, 2^30 = 1073741824)                  *)
(*   L2 (30, 2^30): computing p' = 2^31 overflows                          *)
(* distinct 2, generated 1 + 1 = 2, depth 2.                               *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES e, p

Init == /\ e = 29
        /\ p = 2 ^ 29

Next == /\ e' = e + 1
        /\ p' = 2 ^ (e + 1)
====
