---- MODULE ParseErr ----
(***************************************************************************)
(* A syntax error: in Next, "+" is followed by "*", which cannot start an  *)
(* expression.  The whole faulty expression is on line 15, so the error    *)
(* must be located on line 15.  TLC stops after parsing: no counts.        *)
(*                                                                         *)
(* Expected (ParseErr.cfg): exit 150, -, -, -, error at line 15.           *)
(***************************************************************************)
EXTENDS Naturals

VARIABLE x

Init == x = 0

Next == x' = x + * 2

Inv == x >= 0
====
