---- MODULE Pipeline ----
(***************************************************************************)
(* Named instances: C1 and C2 are two instances of Channel.tla (same       *)
(* folder) with different WITH substitutions for constants and the         *)
(* variable; their operators are used as C1!Send(d), C2!Recv, C1!TypeInv.  *)
(* q1 has capacity 1, q2 capacity 2; messages are "x" or "y".              *)
(*                                                                         *)
(* Expected (Pipeline.cfg): exit 0, 21 distinct, 39 generated, depth 6.    *)
(*                                                                         *)
(* q1 ranges over <<>>, <<"x">>, <<"y">> (3 values) and q2 over the 7      *)
(* sequences over {"x","y"} of length <= 2: all 3 * 7 = 21 pairs are       *)
(* reachable.  Successors of a state:                                      *)
(*   Produce:  2 if q1 = <<>>                   -> 7 states * 2 = 14       *)
(*   Transfer: 1 if q1 # <<>> and Len(q2) < 2   -> 2 * 3 states = 6        *)
(*   Consume:  1 if q2 # <<>>                   -> 3 * 6 states = 18       *)
(*   generated = 1 (init) + 14 + 6 + 18 = 39                               *)
(* Levels: L1 (<<>>,<<>>); L2 q1 full, q2 empty (2); L3 q1 empty, |q2| = 1 *)
(* (2); L4 both hold 1 (4); L5 q1 empty, |q2| = 2 (4); L6 q1 full,         *)
(* |q2| = 2 (8).  1+2+2+4+4+8 = 21 and the depth is 6.                     *)
(***************************************************************************)
EXTENDS Naturals, Sequences

Msgs == {"x", "y"}

VARIABLES q1, q2

C1 == INSTANCE Channel WITH Data <- Msgs, Cap <- 1, chan <- q1
C2 == INSTANCE Channel WITH Data <- Msgs, Cap <- 2, chan <- q2

Init == C1!CInit /\ C2!CInit

Produce == \E d \in Msgs : C1!Send(d) /\ UNCHANGED q2

Transfer == /\ q1 # << >>
            /\ C1!Recv
            /\ C2!Send(Head(q1))

Consume == C2!Recv /\ UNCHANGED q1

Next == Produce \/ Transfer \/ Consume

Inv == C1!TypeInv /\ C2!TypeInv
====
