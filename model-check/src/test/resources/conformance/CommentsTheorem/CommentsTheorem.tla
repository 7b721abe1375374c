---- MODULE CommentsTheorem ----
(***************************************************************************)
(* Comments and theorems: nested block comments (* (* *) *), end-of-line   *)
(* \* comments, block comments inside expressions and between bullets,    *)
(* a named and an unnamed THEOREM (both ignored by the model checker).     *)
(*                                                                         *)
(* Expected (CommentsTheorem.cfg): exit 0, 6 distinct, 9 generated,        *)
(* depth 6.                                                                *)
(*                                                                         *)
(* State <<x, y>>.  Tick: x' = (x + 1) % 3, y' = ~y.  Skip (x = 2): x' = 0,*)
(* y unchanged.                                                            *)
(*   L1 (0,F) -> (1,T)                                     1 succ          *)
(*   L2 (1,T) -> (2,F)                                     1 succ          *)
(*   L3 (2,F) -> Tick (0,T), Skip (0,F) [seen]             2 succ          *)
(*   L4 (0,T) -> (1,F)                                     1 succ          *)
(*   L5 (1,F) -> (2,T)                                     1 succ          *)
(*   L6 (2,T) -> Tick (0,F) [seen], Skip (0,T) [seen]      2 succ          *)
(* 6 distinct; generated = 1 + 1+1+2+1+1+2 = 9; depth 6.                   *)
(***************************************************************************)
EXTENDS Naturals

(* A block comment (* with a nested comment (* and a doubly nested one *)
   that closes here *) and still more text of the outer comment
   on a third line. *)

VARIABLES x, y   \* x counts modulo 3, y is a boolean

vars == <<x, y>>  (* an inline block comment after a definition *)

Init == /\ x = 0        \* start at zero
        (* a comment between two bullets *)
        /\ y = FALSE

Tick == /\ x' = (x + 1) % 3
        /\ y' = ~y

Skip == /\ x = 2 (* (* nested inside an expression *) *)
        /\ x' = 0
        /\ UNCHANGED y

Next == Tick \/ (* a comment inside a disjunction *) Skip

Spec == Init /\ [][Next]_vars

TypeOK == x \in 0 .. 2 /\ y \in BOOLEAN

THEOREM TypeCorrect == Spec => []TypeOK

THEOREM Spec => [](x < 3)

\* THEOREM Broken == this line is only a comment, so it is never parsed
====
