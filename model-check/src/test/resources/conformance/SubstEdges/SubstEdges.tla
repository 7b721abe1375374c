---- MODULE SubstEdges ----
(***************************************************************************)
(* Constant substitution with <- in the cfg: an integer constant, a set of *)
(* tuples and an operator constant Weight(_) are replaced by definitions   *)
(* of this module (MCBudget, MCEdges, MCWeight).  A walk over a small      *)
(* directed graph with a cost budget.                                      *)
(*                                                                         *)
(* Expected (SubstEdges.cfg): exit 0, 7 distinct, 9 generated, depth 5     *)
(* (deadlock checking is off: the last state can afford no edge).          *)
(*                                                                         *)
(* Edges and weights: 1->2 (1), 1->3 (2), 2->3 (1), 3->1 (1); budget 6.    *)
(* State <<at, spent>>:                                                    *)
(*   L1 (1,0) -> (2,1), (3,2)                        2 succ                *)
(*   L2 (2,1) -> (3,2) [seen]                        1 succ                *)
(*      (3,2) -> (1,3)                               1 succ                *)
(*   L3 (1,3) -> (2,4), (3,5)                        2 succ                *)
(*   L4 (2,4) -> (3,5) [seen]                        1 succ                *)
(*      (3,5) -> (1,6)                               1 succ                *)
(*   L5 (1,6): 1->2 would cost 7 > 6, 1->3 8 > 6     0 succ                *)
(* 7 distinct; generated = 1 + 2+1+1+2+1+1+0 = 9; depth 5.                 *)
(***************************************************************************)
EXTENDS Naturals

CONSTANTS Budget, Edges, Weight(_)

VARIABLES at, spent

Init == /\ at = 1
        /\ spent = 0

Next == \E e \in Edges : /\ e[1] = at
                         /\ spent + Weight(e) <= Budget
                         /\ at' = e[2]
                         /\ spent' = spent + Weight(e)

Inv == /\ spent <= Budget
       /\ at \in {e[2] : e \in Edges} \cup {1}

MCBudget == 6

MCEdges == {<<1, 2>>, <<2, 3>>, <<3, 1>>, <<1, 3>>}

MCWeight(e) == IF e[1] < e[2] THEN e[2] - e[1] ELSE 1
====
