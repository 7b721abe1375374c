---- MODULE BagsMore ----
(***************************************************************************)
(* The Bags module: EmptyBag, SetToBag, (+), (-), BagIn, CopiesIn,         *)
(* BagCardinality, BagToSet, IsABag, \sqsubseteq, BagUnion, BagOfAll.      *)
(* A bag over {"a","b"} holding at most 3 elements.                        *)
(*                                                                         *)
(* Expected (BagsMore.cfg): exit 0, 10 distinct, 20 generated, depth 4.    *)
(*                                                                         *)
(* A state is the pair (copies of "a", copies of "b") with a + b <= 3:     *)
(* 1 + 2 + 3 + 4 = 10 bags, all reachable.  Successors:                    *)
(*   Add(e):  2 when a + b < 3            -> 6 bags * 2 = 12               *)
(*   RemoveA: 1 when a > 0                -> (1,0) (2,0) (1,1) (3,0) (2,1) *)
(*                                           (1,2)            = 6          *)
(*   ClearB:  1 when b = 3, i.e. (0,3)    -> 1                             *)
(*   generated = 1 (init) + 12 + 6 + 1 = 20                                *)
(* A bag with k elements is first reached at level k+1, so depth 4.        *)
(* No deadlock: bags with 3 elements have RemoveA or ClearB.               *)
(***************************************************************************)
EXTENDS Naturals, Bags

VARIABLE bag

Init == bag = EmptyBag

Add(e) == /\ BagCardinality(bag) < 3
          /\ bag' = bag (+) SetToBag({e})

RemoveA == /\ BagIn("a", bag)
           /\ bag' = bag (-) SetToBag({"a"})

ClearB == /\ CopiesIn("b", bag) = 3
          /\ bag' = EmptyBag

Next == (\E e \in {"a", "b"} : Add(e)) \/ RemoveA \/ ClearB

Inv == /\ IsABag(bag)
       /\ BagCardinality(bag) <= 3
       /\ BagToSet(bag) \subseteq {"a", "b"}
       /\ bag \sqsubseteq bag (+) SetToBag({"a"})
       /\ BagUnion({bag, EmptyBag}) = bag
       /\ CopiesIn("a", bag) + CopiesIn("b", bag) = BagCardinality(bag)
       /\ BagCardinality(BagOfAll(LAMBDA e : "z", bag)) = BagCardinality(bag)
       /\ ~BagIn("c", bag)
====
