---- MODULE DiamondDeadlock ----
(***************************************************************************)
(* Deadlock detection switched on and off with CHECK_DEADLOCK.  The graph  *)
(* is a diamond followed by a tail that ends in a state with no successor: *)
(*   L1 (0,none) -> L2 (1,left), (1,right)   [x' = 1 with tag' \in S]      *)
(*   (1,left) -> L3 (2,none);  (1,right) -> (2,none) [already seen]        *)
(*   (2,none) -> L4 (3,none);  (3,none) has no successor.                  *)
(* Each level has its states fully explored before the next one, and the   *)
(* deadlocked state is alone in the last level, so the counts at the stop  *)
(* do not depend on the exploration order:                                 *)
(*   distinct = 1 + 2 + 1 + 1 = 5                                          *)
(*   generated = 1 (init) + 2 + 1 + 1 + 1 = 6, depth 4.                    *)
(*                                                                         *)
(* Checked.cfg (CHECK_DEADLOCK TRUE): exit 11, 5 distinct, 6 generated,    *)
(*   depth 4 (deadlock found when (3,none) is explored, after which        *)
(*   nothing is left to explore).                                          *)
(* Unchecked.cfg (CHECK_DEADLOCK FALSE): exit 0, 5, 6, 4.                  *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES x, tag

Init == /\ x = 0
        /\ tag = "none"

Next == \/ /\ x = 0
           /\ x' = 1
           /\ tag' \in {"left", "right"}
        \/ /\ x \in {1, 2}
           /\ x' = x + 1
           /\ tag' = "none"

TypeOK == /\ x \in 0 .. 3
          /\ tag \in {"none", "left", "right"}
====
