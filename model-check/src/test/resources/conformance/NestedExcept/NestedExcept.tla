---- MODULE NestedExcept ----
(***************************************************************************)
(* A function of records whose field "log" is a tuple, updated with a      *)
(* nested EXCEPT path ![i].log[j] and a second path ![i].val in the same   *)
(* EXCEPT, both using @.  Also a set of records [val : S, log : T] and a   *)
(* function set used as a type.                                            *)
(*                                                                         *)
(* Expected (NestedExcept.cfg): exit 0, 16 distinct, 33 generated,         *)
(* depth 5 (deadlock checking is off: the final state has no successor).   *)
(*                                                                         *)
(* Each node i has a 2-bit log; val always equals the number of set bits,  *)
(* so a state is determined by 4 bits: 2^4 = 16 distinct states, all       *)
(* reachable by setting bits one at a time.                                *)
(* Bump(i, j) is enabled iff bit (i,j) is 0, so a state with k zero bits   *)
(* has k successors.  Summing over the 16 states: each of the 4 bits is 0  *)
(* in exactly 8 states, so 4*8 = 32 successors.                            *)
(*   generated = 1 (init) + 32 = 33                                        *)
(* A state with k set bits is first reached at level k+1; all 4 bits set   *)
(* is level 5, so the depth is 5.                                          *)
(***************************************************************************)
EXTENDS Naturals

Ids == 1 .. 2
Slots == 1 .. 2

VARIABLE nodes

Init == nodes = [i \in Ids |-> [val |-> 0, log |-> <<0, 0>>]]

Bump(i, j) == /\ nodes[i].log[j] = 0
              /\ nodes' = [nodes EXCEPT ![i].log[j] = @ + 1, ![i].val = @ + 1]

Next == \E i \in Ids, j \in Slots : Bump(i, j)

NodeType == [val : 0 .. 2, log : [Slots -> 0 .. 1]]

Inv == /\ nodes \in [Ids -> NodeType]
       /\ \A i \in Ids : nodes[i].val = nodes[i].log[1] + nodes[i].log[2]
       /\ DOMAIN nodes[1] = {"val", "log"}
       /\ nodes[2]["val"] = nodes[2].val
====
