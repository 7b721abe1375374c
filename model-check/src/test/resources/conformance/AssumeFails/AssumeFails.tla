---- MODULE AssumeFails ----
(***************************************************************************)
(* ASSUMEs over constants from the cfg; the first holds, the second        *)
(* (line 16: 2 * 2 > 4) is false.  TLC checks assumptions before           *)
(* computing any state, so no counts are reported.                         *)
(*                                                                         *)
(* Expected (AssumeFails.cfg): exit 10, -, -, -; the error locates the     *)
(* false assumption at line 16.                                            *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS Servers, Quorum

ASSUME Servers # {}

ASSUME Quorum * 2 > Cardinality(Servers)

VARIABLE up

Init == up = Servers

Next == UNCHANGED up
====
