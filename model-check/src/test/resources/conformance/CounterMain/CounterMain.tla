---- MODULE CounterMain ----
(***************************************************************************)
(* Unnamed INSTANCE ... WITH: the definitions of BoundedCounter.tla (same  *)
(* folder) become definitions of this module, with Max replaced by the     *)
(* constant Limit (set in the cfg) and cnt by the variable n.              *)
(*                                                                         *)
(* LimitThree.cfg (Limit = 3): the cycle 0 -> 1 -> 2 -> 3 -> 0.            *)
(*   4 distinct states, each with exactly 1 successor (BInc for 0..2,      *)
(*   BReset for 3): generated = 1 + 4 = 5; depth 4 (n = 3 at level 4).     *)
(*   exit 0.                                                               *)
(* LimitZero.cfg (Limit = 0): BInc is never enabled; BReset is enabled at  *)
(*   n = 0 = Limit and yields n' = 0, a self-loop.  1 distinct state,      *)
(*   generated = 1 + 1 = 2 (the self-loop counts), depth 1.  Not a         *)
(*   deadlock, because a successor (itself) exists.  exit 0.               *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Limit

VARIABLE n

INSTANCE BoundedCounter WITH Max <- Limit, cnt <- n

Init == BInit

Next == BInc \/ BReset

Inv == BInv /\ n <= Limit
====
