---- MODULE NondetUnchanged ----
(***************************************************************************)
(* Nondeterministic assignment x' \in S (including the value x already     *)
(* has: a self-loop that is generated but not new), UNCHANGED of a tuple   *)
(* and of a nested tuple, and SPECIFICATION with [][Next]_vars.            *)
(*                                                                         *)
(* Expected (NondetUnchanged.cfg): exit 0, 18 distinct, 76 generated,      *)
(* depth 6.                                                                *)
(*                                                                         *)
(* State <<a, b, c>> with a, b in 0..2 and c in {"idle", "copied"}:        *)
(* 3 * 3 * 2 = 18 states, all reachable.  Successors of every state:       *)
(*   SetA:   3 (a' = 0, 1, 2; one of them is a self-loop)  -> 18 * 3 = 54  *)
(*   CopyAB: 1 if a # b (6 of the 9 (a,b) pairs, times 2 c) ->  12         *)
(*   Reset:  1 if c = "copied"                              ->   9         *)
(*   generated = 1 (init) + 54 + 12 + 9 = 76                               *)
(* BFS levels (sizes 1, 2, 2, 6, 5, 2): L1 (0,0,idle); L2 (1,0,idle)       *)
(* (2,0,idle); L3 (1,1,copied) (2,2,copied); L4 the other copied states    *)
(* with b # 0 and (1,1,idle) (2,2,idle); L5 (0,0,copied) and the idle      *)
(* states with b # 0 not yet seen; L6 (1,0,copied) (2,0,copied): b = 0     *)
(* with c = "copied" needs CopyAB from a = 0 (only reachable after b was   *)
(* set away from 0 and a reset to 0).  Depth 6.                            *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES a, b, c

vars == <<a, b, c>>

Init == /\ a = 0
        /\ b = 0
        /\ c = "idle"

SetA == /\ a' \in {0, 1, 2}
        /\ UNCHANGED <<b, c>>

CopyAB == /\ a # b
          /\ b' = a
          /\ c' = "copied"
          /\ UNCHANGED a

Reset == /\ c = "copied"
         /\ c' = "idle"
         /\ UNCHANGED <<a, <<b>>>>

Next == SetA \/ CopyAB \/ Reset

Spec == Init /\ [][Next]_vars

TypeOK == /\ a \in 0 .. 2
          /\ b \in 0 .. 2
          /\ c \in {"idle", "copied"}
====
