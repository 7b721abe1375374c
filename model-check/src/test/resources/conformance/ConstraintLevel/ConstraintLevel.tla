---- MODULE ConstraintLevel ----
(***************************************************************************)
(* An unbounded spec made finite by a CONSTRAINT on TLCGet("level") (1     *)
(* for an initial state, the explored state's level + 1 for a successor,   *)
(* i.e. the BFS level), and an ACTION_CONSTRAINT.  States and transitions  *)
(* excluded by a constraint are generated (counted) but neither stored     *)
(* nor explored.                                                           *)
(*                                                                         *)
(* Next from <<x, y>>: A (x+1, y), B (x, y+1), C if x > 0: (x-1, y+1).     *)
(* So the successors of a state with x > 0 are 3, with x = 0 are 2.        *)
(*                                                                         *)
(* Level.cfg (CONSTRAINT WithinLevel: level <= 4): each step adds 1 to     *)
(* x + y, so level k holds the states with x + y = k - 1:                  *)
(*   L1 (0,0); L2 (1,0) (0,1); L3 (2,0) (1,1) (0,2);                       *)
(*   L4 (3,0) (2,1) (1,2) (0,3)                      -> 10 distinct        *)
(* All 10 are explored (their level-5 successors are generated, then       *)
(* dropped by the constraint):                                             *)
(*   generated = 1 + 2 + (3+2) + (3+3+2) + (3+3+3+2) = 1+2+5+8+11 = 27     *)
(*   depth 4, exit 0.                                                      *)
(* LevelAction.cfg (also ACTION_CONSTRAINT NoYFromZero: no step from x = 0 *)
(* may increase y): the steps (0,0)->(0,1), (0,1)->(0,2) and               *)
(* (0,2)->(0,3) are generated but discarded.  (0,1) is now reached only by *)
(* C from (1,0), at level 3; (0,2) by C from (1,1), at level 4; (0,3)      *)
(* would need level 5 and is never stored.                                 *)
(*   L1 (0,0); L2 (1,0); L3 (2,0) (1,1) (0,1); L4 (3,0) (2,1) (1,2) (0,2)  *)
(*                                                   -> 9 distinct         *)
(*   generated = 1 + 2 + 3 + (3+3+2) + (3+3+3+2) = 25, depth 4, exit 0.    *)
(* Inv (x + y <= 4) also holds in the excluded level-5 states (x + y = 4), *)
(* so the verdict does not depend on whether excluded states are checked.  *)
(***************************************************************************)
EXTENDS Naturals, TLC

VARIABLES x, y

Init == /\ x = 0
        /\ y = 0

Next == \/ x' = x + 1 /\ y' = y
        \/ x' = x /\ y' = y + 1
        \/ x > 0 /\ x' = x - 1 /\ y' = y + 1

WithinLevel == TLCGet("level") <= 4

NoYFromZero == ~(x = 0 /\ y' > y)

Inv == x + y <= 4
====
