---- MODULE Bullets ----
(***************************************************************************)
(* Bulleted conjunction/disjunction lists nested three levels deep, an     *)
(* infix /\ inside a bullet item (~flag /\ b = 1 means (~flag) /\ (b = 1)),*)
(* UNCHANGED of a tuple, and a BOOLEAN variable.                           *)
(*                                                                         *)
(* Expected (Bullets.cfg): exit 0, 12 distinct, 19 generated, depth 6.     *)
(*                                                                         *)
(* State <<a, b, flag>> (F/T for flag).  Successors:                       *)
(*   a < 2, b = 0:  <<a+1, 1, flag>>                                       *)
(*   a < 2, b = 1:  <<a+1, 0, flag>> and <<0, 0, flag>>                    *)
(*   a = 2, ~flag, b = 1:  <<0, 1, T>>                                     *)
(*   a = 2, (flag or b = 0):  <<2, b, ~flag>>, twice if flag and b = 0     *)
(*     (TLC enumerates both true disjuncts of the guard before a' is       *)
(*     assigned, and counts each successor as generated)                   *)
(* BFS (successor count in brackets, * = already seen):                    *)
(*   L1 (0,0,F)[1]  (0,1,F)[2: (1,0,F) (0,0,F)*]    -- 2 initial states    *)
(*   L2 (1,1,F)[2: (2,0,F) (0,0,F)*]  (1,0,F)[1: (2,1,F)]                  *)
(*   L3 (2,0,F)[1: (2,0,T)]  (2,1,F)[1: (0,1,T)]                           *)
(*   L4 (2,0,T)[2: (2,0,F)*2]  (0,1,T)[2: (1,0,T) (0,0,T)]                 *)
(*   L5 (1,0,T)[1: (2,1,T)]  (0,0,T)[1: (1,1,T)]                           *)
(*   L6 (2,1,T)[1: (2,1,F)*]  (1,1,T)[2: (2,0,T)* (0,0,T)*]                *)
(* 12 distinct states; generated = 2 + (1+2)+(2+1)+(1+1)+(2+2)+(1+1)+(1+2) *)
(*                               = 2 + 17 = 19; depth 6.                   *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES a, b, flag

Init == /\ a = 0
        /\ b \in {0, 1}
        /\ flag = FALSE

Next ==
  \/ /\ a < 2
     /\ \/ /\ b = 0
           /\ a' = a + 1
           /\ b' = 1
        \/ /\ b = 1
           /\ \/ /\ a' = a + 1
                 /\ b' = 0
              \/ /\ a' = 0
                 /\ b' = 0
     /\ flag' = flag
  \/ /\ a = 2
     /\ ~flag /\ b = 1
     /\ a' = 0
     /\ b' = b
     /\ flag' = TRUE
  \/ /\ a = 2
     /\ \/ flag
        \/ b = 0
     /\ UNCHANGED <<a, b>>
     /\ flag' = ~flag

Inv ==
  /\ a \in 0 .. 2
  /\ \/ b = 0
     \/ b = 1
  /\ \/ ~flag
     \/ /\ flag
        /\ a \in {0, 1, 2}
  /\ flag \in BOOLEAN
====
