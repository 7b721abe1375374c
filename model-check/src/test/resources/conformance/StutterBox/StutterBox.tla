---- MODULE StutterBox ----
(***************************************************************************)
(* [A]_v used as the next-state action itself.  TLC evaluates [A]_v like  *)
(* A \/ UNCHANGED v, so every state gets one extra, stuttering successor   *)
(* (counted as generated, never new) and no state is a deadlock.  With the *)
(* plain action the last state is a deadlock.                              *)
(*                                                                         *)
(* Inc: x < 3, x' = x + 1, y flips between "a" and "b".  Chain:            *)
(*   L1 (0,a)  L2 (1,b)  L3 (2,a)  L4 (3,b)                                *)
(*                                                                         *)
(* Box.cfg (SPECIFICATION SpecBox, i.e. [][BoxNext]_vars with              *)
(*   BoxNext == [Inc]_vars): each of the 4 states has its stuttering       *)
(*   successor, the first 3 also their Inc successor:                      *)
(*   4 distinct, generated = 1 + 3 + 4 = 8, depth 4, exit 0.               *)
(* Plain.cfg (SPECIFICATION SpecPlain, i.e. [][Inc]_vars): the stuttering  *)
(*   step allowed by the [..]_vars of the spec is not generated; (3,b) has *)
(*   no successor: deadlock, exit 11, 4 distinct, generated = 1 + 3 = 4,   *)
(*   depth 4.                                                              *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES x, y

vars == <<x, y>>

Init == /\ x = 0
        /\ y = "a"

Inc == /\ x < 3
       /\ x' = x + 1
       /\ y' = IF y = "a" THEN "b" ELSE "a"

BoxNext == [Inc]_vars

SpecBox == Init /\ [][BoxNext]_vars

SpecPlain == Init /\ [][Inc]_vars

Inv == /\ x \in 0 .. 3
       /\ (x % 2 = 0) = (y = "a")
====
