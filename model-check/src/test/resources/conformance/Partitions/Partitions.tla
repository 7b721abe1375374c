---- MODULE Partitions ----
(***************************************************************************)
(* Sets of sets: the partitions of 1..3, changed by merging two blocks or  *)
(* splitting one element off a block.  Exercises SUBSET, UNION, set        *)
(* comprehension {e : x \in S}, filters, \cup/\cap/\ , CHOOSE,             *)
(* Cardinality, multi-bound \E/\A and the precedence of \in against \cup.  *)
(*                                                                         *)
(* Expected (Partitions.cfg): exit 0, 5 distinct, 22 generated, depth 3.   *)
(*                                                                         *)
(* The reachable states are the 5 partitions of {1,2,3}:                   *)
(*   P0 = {{1},{2},{3}}                          (initial, level 1)        *)
(*   P1 = {{1,2},{3}}, P2 = {{1,3},{2}}, P3 = {{2,3},{1}}   (level 2)      *)
(*   P4 = {{1,2,3}}                                         (level 3)      *)
(* Successors (duplicates count, as TLC counts every generated state):     *)
(*   Merge: one per ordered pair A # B of blocks = k*(k-1) for k blocks.   *)
(*   Split: one per block A with |A| > 1 and per element e of A.           *)
(*   P0: 3*2 = 6 merges, no split                               ->  6      *)
(*   P1, P2, P3: 2*1 = 2 merges (both give P4) + 2 splits of the          *)
(*               2-block (both give P0)                         ->  4 each *)
(*   P4: no merge, 3 splits (one per element)                   ->  3      *)
(*   generated = 1 (init) + 6 + 3*4 + 3 = 22                               *)
(* The longest shortest path is P0 -> P1 -> P4, so the depth is 3.         *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

VARIABLE p

Elems == 1 .. 3

Init == p = {{e} : e \in Elems}

Merge == \E A, B \in p : /\ A # B
                         /\ p' = (p \ {A, B}) \cup {A \cup B}

Split == \E A \in p : /\ Cardinality(A) > 1
                      /\ \E e \in A : p' = (p \ {A}) \cup {{e}, A \ {e}}

Next == Merge \/ Split

Smallest(S) == CHOOSE m \in S : \A n \in S : m <= n

Inv == /\ UNION p = Elems
       /\ \A A, B \in p : A = B \/ A \cap B = {}
       /\ {} \notin p
       /\ p \subseteq SUBSET Elems
       /\ Cardinality(p) \in 1 .. 3
       /\ \A A \in p : Smallest(A) \in A \cup {0}
       /\ {Cardinality(A) : A \in p} \subseteq 1 .. 3
       /\ Smallest({e \in Elems : \E A \in p : e \in A}) = 1
====
