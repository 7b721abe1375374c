---- MODULE BubbleTLC ----
(***************************************************************************)
(* Operators of the TLC module: Permutations, SortSeq, :>, @@, ToString,   *)
(* Assert (holding) and TLCGet("level") in an invariant.  Bubble sort:     *)
(* start from any permutation of 1..3, swap an adjacent inverted pair.     *)
(*                                                                         *)
(* Expected (BubbleTLC.cfg): exit 0, 15 distinct, 18 generated, depth 4    *)
(* (deadlock checking is off: sorted permutations have no successor).      *)
(*                                                                         *)
(* State <<perm, steps>>; a swap removes exactly one inversion, so steps   *)
(* = inversions(start) - inversions(perm).  Initial: the 6 permutations    *)
(* with steps = 0 (level 1).  Successors = number of adjacent inversions:  *)
(*   123:0  132:1  213:1  231:1 (->213)  312:1 (->132)  321:2 (->231,312)  *)
(* Level 2 (steps = 1): 123 (from 132 and 213), 213, 132, 231, 312 -> 5    *)
(* Level 3 (steps = 2): 123 (from 132/213), 213 (from 231), 132 (from 312) *)
(*                                                              -> 3       *)
(* Level 4 (steps = 3): 123                                     -> 1       *)
(* Distinct: 6 + 5 + 3 + 1 = 15.                                           *)
(* generated = 6 (init) + [0+1+1+1+1+2] + [0+1+1+1+1] + [0+1+1] + [0]      *)
(*           = 6 + 6 + 4 + 2 + 0 = 18; depth 4.                            *)
(* TLCGet("level") = steps + 1 holds because steps counts the steps taken  *)
(* and every path to a state has the same length (initial level is 1).    *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

Idx == 1 .. 3

VARIABLES perm, steps

Init == /\ perm \in Permutations(Idx)
        /\ steps = 0

Swap(i) == /\ perm[i] > perm[i + 1]
           /\ perm' = [perm EXCEPT ![i] = perm[i + 1], ![i + 1] = perm[i]]
           /\ steps' = steps + 1

Next == \E i \in 1 .. 2 : Swap(i)

Labels == ((perm[1] :> "first") @@ (perm[2] :> "second")) @@ (perm[3] :> "third")

Inv == /\ Cardinality(Permutations(Idx)) = 6
       /\ SortSeq(<<perm[3], perm[1], perm[2]>>, LAMBDA u, v : u < v) = <<1, 2, 3>>
       /\ Labels[perm[1]] = "first"
       /\ DOMAIN Labels = Idx
       /\ (1 :> "a") @@ (1 :> "b") = (1 :> "a")
       /\ ToString(steps) \in {"0", "1", "2", "3"}
       /\ Assert(steps <= 3, "too many swaps")
       /\ TLCGet("level") = steps + 1
====
