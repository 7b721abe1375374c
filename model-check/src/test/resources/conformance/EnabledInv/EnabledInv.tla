---- MODULE EnabledInv ----
(***************************************************************************)
(* ENABLED in invariants: of a parameterised action, of an existentially   *)
(* quantified action and of Next itself.  A lock with a waiting set for    *)
(* two processes.                                                          *)
(*                                                                         *)
(* Expected (EnabledInv.cfg): exit 0, 8 distinct, 15 generated, depth 4.   *)
(*                                                                         *)
(* State <<owner, waiting>> ("-" for "none"):                              *)
(*   L1 (-,{})        Request p1, Request p2                   2 succ      *)
(*   L2 (-,{p1})      Acquire p1 -> (p1,{}), Request p2        2 succ      *)
(*      (-,{p2})      Request p1, Acquire p2 -> (p2,{})        2 succ      *)
(*   L3 (-,{p1,p2})   Acquire p1 -> (p1,{p2}), Acquire p2      2 succ      *)
(*      (p1,{})       Release -> (-,{}), Request p2 -> (p1,{p2}) 2 succ    *)
(*      (p2,{})       Request p1 -> (p2,{p1}), Release         2 succ      *)
(*   L4 (p1,{p2})     Release -> (-,{p2})                      1 succ      *)
(*      (p2,{p1})     Release -> (-,{p1})                      1 succ      *)
(* (An owner cannot Request; a waiting process cannot Request again.)      *)
(* 8 distinct; generated = 1 + 2 + 4 + 6 + 2 = 15; depth 4.                *)
(* In every state: if the lock is held no Acquire is enabled, Next is      *)
(* enabled, and if someone waits on a free lock an Acquire is enabled.     *)
(***************************************************************************)
EXTENDS Naturals

Procs == {"p1", "p2"}

VARIABLES owner, waiting

Init == /\ owner = "none"
        /\ waiting = {}

Request(p) == /\ p \notin waiting
              /\ owner # p
              /\ waiting' = waiting \cup {p}
              /\ UNCHANGED owner

Acquire(p) == /\ owner = "none"
              /\ p \in waiting
              /\ owner' = p
              /\ waiting' = waiting \ {p}

Release(p) == /\ owner = p
              /\ owner' = "none"
              /\ UNCHANGED waiting

Next == \E p \in Procs : Request(p) \/ Acquire(p) \/ Release(p)

CanAcquire == \E p \in Procs : ENABLED Acquire(p)

Inv == /\ (owner # "none") => ~CanAcquire
       /\ ENABLED Next
       /\ (waiting # {} /\ owner = "none") => ENABLED (\E p \in Procs : Acquire(p))
====
