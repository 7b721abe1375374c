---- MODULE AssertFails ----
(***************************************************************************)
(* TLC's Assert failing while successors are computed.  TLC reports the    *)
(* message given as Assert's second argument and exits with status 14.     *)
(*                                                                         *)
(* Expected (AssertFails.cfg): exit 14, 4 distinct, 4 generated, depth 4,  *)
(* error shows "queue overflow".                                           *)
(*                                                                         *)
(* Chain: <<>> -> <<0>> -> <<0,1>> -> <<0,1,2>>; exploring <<0,1,2>>       *)
(* evaluates Assert(3 < 3, ...) and fails.                                 *)
(* distinct 4, generated 1 + 1 + 1 + 1 = 4, depth 4.                       *)
(***************************************************************************)
EXTENDS Naturals, Sequences, TLC

VARIABLE q

Init == q = << >>

Next == /\ Assert(Len(q) < 3, "queue overflow")
        /\ q' = Append(q, Len(q))
====
