---- MODULE UndefinedOp ----
(***************************************************************************)
(* A semantic error: Next applies Increment, which is defined nowhere (the *)
(* module defines Incr).  SANY rejects the module, so TLC reports no       *)
(* counts.                                                                 *)
(*                                                                         *)
(* Expected (UndefinedOp.cfg): exit 150, -, -, -, error names Increment.   *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE count

Incr(n) == n + 1

Init == count = 0

Next == /\ count < 3
        /\ count' = Increment(count)
====
