---- MODULE Relation ----
(***************************************************************************)
(* A relation (set of pairs) grown by a quantifier with a tuple bound      *)
(* \E <<a, b>> \in S \X S, and shrunk by a filter on pr[1].  Also \A with  *)
(* a tuple bound, \A with two bound names, CHOOSE and Cardinality.         *)
(*                                                                         *)
(* Expected (Relation.cfg): exit 0, 8 distinct, 20 generated, depth 4.     *)
(*                                                                         *)
(* Add can insert any of the 3 pairs with a < b: <<1,2>>, <<1,3>>, <<2,3>>,*)
(* so r ranges over the 2^3 = 8 subsets of these pairs, all reachable.     *)
(* Successors of a state r:                                                *)
(*   Add:          one per missing pair = 3 - |r|                          *)
(*   DropFromOne:  one if r # {} (it may be a self-loop, e.g. r={<<2,3>>}) *)
(* Summing over the 8 subsets: missing pairs = 3*4 = 12 (each pair is      *)
(* missing from 4 subsets); non-empty subsets = 7.                         *)
(*   generated = 1 (init) + 12 + 7 = 20                                    *)
(* |r| = k is first reached at level k+1, so the depth is 4 (r full).      *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

S == 1 .. 3

VARIABLE r

Init == r = {}

Add == \E <<a, b>> \in S \X S : /\ a < b
                                /\ <<a, b>> \notin r
                                /\ r' = r \cup {<<a, b>>}

DropFromOne == /\ r # {}
               /\ r' = {pr \in r : pr[1] # 1}

Next == Add \/ DropFromOne

Inv == /\ r \subseteq S \X S
       /\ \A <<a, b>> \in r : a < b
       /\ \A a, b \in S : <<a, b>> \in r => <<b, a>> \notin r
       /\ Cardinality(r) <= 3
       /\ r # {} => (CHOOSE pr \in r : \A q \in r : pr[1] <= q[1]) \in r
====
