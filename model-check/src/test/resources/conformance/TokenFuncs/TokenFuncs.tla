---- MODULE TokenFuncs ----
(***************************************************************************)
(* A function from string keys to token counts; a step moves one token     *)
(* from key a to key b with a two-element EXCEPT using @.  Exercises       *)
(* [x \in S |-> e], [S -> T] (as a membership test and, in InitAll, as an  *)
(* enumerated set filtered by a predicate), DOMAIN, f[k] and EXCEPT.       *)
(*                                                                         *)
(* A state is written <<f["p"], f["q"], f["r"]>>.  Two tokens over three   *)
(* keys give C(4,2) = 6 possible states:                                   *)
(*   (2,0,0) (0,2,0) (0,0,2)  -- one non-empty key                         *)
(*   (1,1,0) (1,0,1) (0,1,1)  -- two non-empty keys                        *)
(* Next has one successor per ordered pair a # b with f[a] > 0, i.e.       *)
(* 2 per non-empty key: 2 for each of the first three states, 4 for each   *)
(* of the last three: 3*2 + 3*4 = 18 successors per full sweep.            *)
(*                                                                         *)
(* OneStart.cfg  (INIT Init, f = (2,0,0)):                                 *)
(*   exit 0, 6 distinct, 1 + 18 = 19 generated.                            *)
(*   Levels: L1 (2,0,0); L2 (1,1,0) (1,0,1); L3 (0,2,0) (0,0,2) (0,1,1);   *)
(*   depth 3.                                                              *)
(* AllStarts.cfg (INIT InitAll): the filter keeps the 6 functions of       *)
(*   [Keys -> 0..2] (27 of them) whose values sum to 2, so all 6 states    *)
(*   are initial: exit 0, 6 distinct, 6 + 18 = 24 generated, depth 1       *)
(*   (no state is found beyond the initial ones).                          *)
(***************************************************************************)
EXTENDS Naturals

Keys == {"p", "q", "r"}

VARIABLE f

Total(g) == g["p"] + g["q"] + g["r"]

Init == f = [k \in Keys |-> IF k = "p" THEN 2 ELSE 0]

InitAll == f \in {g \in [Keys -> 0 .. 2] : Total(g) = 2}

Next == \E a, b \in Keys : /\ a # b
                           /\ f[a] > 0
                           /\ f' = [f EXCEPT ![a] = @ - 1, ![b] = @ + 1]

Inv == /\ DOMAIN f = Keys
       /\ f \in [Keys -> 0 .. 2]
       /\ Total(f) = 2
       /\ \E k \in DOMAIN f : f[k] > 0
====
