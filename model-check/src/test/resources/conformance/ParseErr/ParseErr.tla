---- MODULE ParseErr ----
(***************************************************************************)
(* A syntax error: in Next, "+" is followed by "*", which cannot start an  *)
(* expression.  The whole faulty expression is on line 15 (the "*" is at   *)
(* column 18), so the error must be located there.  No counts: TLC stops   *)
(* after parsing.  Expected (ParseErr.cfg): exit 150, -, -, -; the error   *)
(* names the offending token "*" (SANY: Encountered ... at line 15).       *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE x

Init == x = 0

Next == x' = x + * 2

Inv == x >= 0
====
