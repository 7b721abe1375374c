---- MODULE BoundedCounter ----
(***************************************************************************)
(* Helper module, not a case of its own: a counter that wraps to 0 at Max. *)
(* CounterMain.tla imports its definitions with an unnamed                 *)
(* INSTANCE BoundedCounter WITH Max <- Limit, cnt <- n; its header gives   *)
(* the expected counts.  Succ is LOCAL, so it is not imported.             *)
(***************************************************************************)
EXTENDS Naturals

CONSTANT Max

VARIABLE cnt

LOCAL Succ(v) == v + 1

BInit == cnt = 0

BInc == /\ cnt < Max
        /\ cnt' = Succ(cnt)

BReset == /\ cnt = Max
          /\ cnt' = 0

BInv == cnt \in 0 .. Max
====
