---- MODULE IntArith ----
(***************************************************************************)
(* Integer arithmetic with negative numbers: \div rounds toward negative   *)
(* infinity and % always yields a result in 0..b-1 for b > 0.              *)
(*                                                                         *)
(* Expected (IntArith.cfg): exit 0, 14 distinct, 26 generated, depth 5.    *)
(*                                                                         *)
(* Values used (x \div 2, x % 3) for x in -3..4:                           *)
(*   x      : -3 -2 -1  0  1  2  3  4                                      *)
(*   x \div 2: -2 -1 -1  0  0  1  1  2                                     *)
(*   x % 3  :  0  1  2  0  1  2  0  1                                      *)
(* Up(x)   (x < 3)  gives <<x+2, x \div 2>>,                               *)
(* Down(x) (x > -3) gives <<x-1, x % 3>>; both depend on x only.           *)
(*                                                                         *)
(* Initial states <<x, y>>: (-3,0) (-2,0) (-1,0)                  -> 3     *)
(* Up(-3..2):   (-1,-2) (0,-1) (1,-1) (2,0) (3,0) (4,1)           -> 6 new *)
(* Down(-2..4): (-3,1) (-2,2) (-1,0) (0,1) (1,2) (2,0) (3,1)               *)
(*              of which (-1,0) is initial and (2,0) = Up(0)      -> 5 new *)
(* Every x in -3..4 is reached, so all 3 + 6 + 5 = 14 states are distinct  *)
(* and reachable.                                                          *)
(*                                                                         *)
(* Successors per state: 2 if -3 < x < 3, 1 if x = -3 or x >= 3.           *)
(* States per x: -3:2 -2:2 -1:2 0:2 1:2 2:1 3:2 4:1                        *)
(*   generated = 3 (init) + 2*1 + (2+2+2+2+1)*2 + 2*1 + 1*1                *)
(*             = 3 + 2 + 18 + 2 + 1 = 26                                   *)
(*                                                                         *)
(* BFS levels: L1 = the 3 initial states; L2 = (-1,-2) (-2,2) (-3,1)       *)
(* (0,-1) (1,-1); L3 = (0,1) (2,0) (3,0); L4 = (1,2) (4,1); L5 = (3,1).    *)
(* (3,1) is only Down(4), (4,1) is only Up(2), and no x = 2 state is       *)
(* reachable before level 3, so the depth is 5.                            *)
(***************************************************************************)
EXTENDS Integers

VARIABLES x, y

Init == /\ x \in -3 .. -1
        /\ y = 0

Next == \/ /\ x < 3
           /\ x' = x + 2
           /\ y' = x \div 2
        \/ /\ x > -3
           /\ x' = x - 1
           /\ y' = x % 3

Inv == /\ y \in -2 .. 2
       /\ (x \div 2) * 2 + (x % 2) = x
       /\ (-7) \div 2 = -4
       /\ (-7) % 2 = 1
       /\ 7 \div (-2) = -4
       /\ (-6) % 4 = 2
       /\ 2 + 3 * 4 = 14
       /\ 10 - 4 - 3 = 3
       /\ -x + x = 0
       /\ -3 .. -1 = {-3, -2, -1}
       /\ 3 .. 1 = {}
====
