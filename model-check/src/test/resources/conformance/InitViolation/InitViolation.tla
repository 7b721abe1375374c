---- MODULE InitViolation ----
(***************************************************************************)
(* An invariant violated by an initial state.  TLC checks each initial     *)
(* state as it is computed and stops at the first violation, before any    *)
(* successor is explored; it reports the violation ("Invariant YSmall is   *)
(* violated by the initial state") without printing state counts, so the   *)
(* expected counts are "-".                                                *)
(*                                                                         *)
(* Expected (InitViolation.cfg): exit 12, -, -, -, error names YSmall.     *)
(*                                                                         *)
(* Initial states <<x, y>> = (1,2), (2,4), (3,6); (3,6) violates y < 6.    *)
(***************************************************************************)
EXTENDS Naturals

VARIABLES x, y

Init == /\ x \in 1 .. 3
        /\ y = x * 2

Next == UNCHANGED <<x, y>>

YSmall == y < 6
====
