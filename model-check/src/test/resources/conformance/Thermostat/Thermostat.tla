---- MODULE Thermostat ----
(***************************************************************************)
(* LET/IN, nested IF/THEN/ELSE, CASE without OTHER (Step) and CASE with    *)
(* OTHER (the next mode), strings as enumeration values.                   *)
(*                                                                         *)
(* Expected (Thermostat.cfg): exit 0, 7 distinct, 10 generated, depth 6.   *)
(*                                                                         *)
(* State <<t, mode>>.  Thermo (mode # "idle") moves t by Step (heat +2,    *)
(* cool -1), clamped to 0..4, and switches to "cool" at 4, "heat" at 0.    *)
(* Pause (mode # "idle", t = 2) goes idle; Resume (idle) goes back to heat.*)
(*   L1 (0,heat)   -> Thermo (2,heat)                          1 succ      *)
(*   L2 (2,heat)   -> Thermo (4,cool), Pause (2,idle)          2 succ      *)
(*   L3 (4,cool)   -> Thermo (3,cool)                          1 succ      *)
(*   L3 (2,idle)   -> Resume (2,heat) [seen]                   1 succ      *)
(*   L4 (3,cool)   -> Thermo (2,cool)                          1 succ      *)
(*   L5 (2,cool)   -> Thermo (1,cool), Pause (2,idle) [seen]   2 succ      *)
(*   L6 (1,cool)   -> Thermo (0,heat) [seen]                   1 succ      *)
(* 7 distinct states; generated = 1 + (1+2+1+1+1+2+1) = 10; depth 6.       *)
(***************************************************************************)
EXTENDS Integers

VARIABLES t, mode

Init == /\ t = 0
        /\ mode = "heat"

Step == CASE mode = "heat" -> 2
          [] mode = "cool" -> -1
          [] mode = "idle" -> 0

Thermo == LET nxt == t + Step
              clamped == IF nxt > 4 THEN 4 ELSE IF nxt < 0 THEN 0 ELSE nxt
          IN  /\ mode # "idle"
              /\ t' = clamped
              /\ mode' = CASE clamped = 4 -> "cool"
                           [] clamped = 0 -> "heat"
                           [] OTHER -> mode

Pause == /\ mode # "idle"
         /\ t = 2
         /\ mode' = "idle"
         /\ UNCHANGED t

Resume == /\ mode = "idle"
          /\ mode' = "heat"
          /\ UNCHANGED t

Next == Thermo \/ Pause \/ Resume

Inv == /\ t \in 0 .. 4
       /\ mode \in {"heat", "cool", "idle"}
       /\ mode = "idle" => t = 2
       /\ LET span == 4 - t IN span >= 0
====
