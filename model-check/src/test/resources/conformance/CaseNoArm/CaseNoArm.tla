---- MODULE CaseNoArm ----
(***************************************************************************)
(* Evaluation error: a CASE without OTHER none of whose guards is true     *)
(* (there is no arm for phase = "c").                                      *)
(*                                                                         *)
(* Expected (CaseNoArm.cfg): exit 75, 6 distinct, 6 generated, depth 3,   *)
(* error mentions CASE.                                                    *)
(*                                                                         *)
(* State <<phase, n>>; each step advances phase and flips n.               *)
(*   L1 (a,0) (a,1)                      -- 2 initial states               *)
(*   L2 (b,1) (b,0)                      -- one successor each             *)
(*   L3 (c,0) (c,1)                      -- one successor each             *)
(* Both level-3 states are generated before either is explored; exploring  *)
(* the first of them evaluates the CASE and fails.                         *)
(* distinct 2 + 2 + 2 = 6, generated 2 + 2 + 2 = 6, depth 3.               *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES phase, n

Init == /\ phase = "a"
        /\ n \in {0, 1}

Next == /\ phase' = CASE phase = "a" -> "b"
                      [] phase = "b" -> "c"
        /\ n' = 1 - n
====
