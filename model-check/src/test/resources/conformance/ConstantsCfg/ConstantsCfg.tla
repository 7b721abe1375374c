---- MODULE ConstantsCfg ----
(***************************************************************************)
(* CONSTANTS set in the cfg: a set of model values (Procs), a model value  *)
(* that is also an element of that set (Leader), an integer (MaxVotes), a  *)
(* string (Greeting) and a model value with its own name (NoValue), plus   *)
(* ASSUMEs over them (all true).  Model values are only compared for       *)
(* equality.  Processes vote for the leader; a vote by a non-leader can be *)
(* retracted; at most MaxVotes votes are cast at a time.                   *)
(*                                                                         *)
(* A state is the set V of processes whose vote is Leader (tally = |V|).   *)
(* Vote(p): p \notin V and |V| < MaxVotes.  Retract(p): p \in V, p # Leader*)
(*                                                                         *)
(* ThreeProcs.cfg (Procs = {p1,p2,p3}, Leader = p1, MaxVotes = 2):         *)
(*   V ranges over subsets of size <= 2: 1 + 3 + 3 = 7 states, all        *)
(*   reachable.  Successors:                                               *)
(*     {}: 3 votes                                          -> 3           *)
(*     {p1}: 2 votes                                        -> 2           *)
(*     {p2}, {p3}: 2 votes + 1 retract                      -> 3 each      *)
(*     {p1,p2}, {p1,p3}: 1 retract                          -> 1 each      *)
(*     {p2,p3}: 2 retracts                                  -> 2           *)
(*   generated = 1 + 3 + 2 + 6 + 2 + 2 = 16; levels: {} / 3 singletons /  *)
(*   3 pairs, so depth 3.  exit 0.                                         *)
(* TwoProcs.cfg (Procs = {q1,q2}, Leader = q2, MaxVotes = 1):              *)
(*   {} -> {q1}, {q2} (2 succ); {q1} -> {} (1 retract); {q2}: none (q2 is  *)
(*   the leader and the tally is full).  3 distinct, generated 1+2+1 = 4,  *)
(*   depth 2.  exit 0.  CHECK_DEADLOCK FALSE matters only here ({q2} has   *)
(*   no successor); ThreeProcs has no state without a successor.           *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS Procs, Leader, MaxVotes, Greeting, NoValue

ASSUME Leader \in Procs

ASSUME MaxVotes \in Nat /\ MaxVotes >= 1

ASSUME Greeting = "hello" /\ Greeting # "world"

ASSUME NoValue \notin Procs

VARIABLES vote, tally

Init == /\ vote = [p \in Procs |-> NoValue]
        /\ tally = 0

Vote(p) == /\ vote[p] = NoValue
           /\ tally < MaxVotes
           /\ vote' = [vote EXCEPT ![p] = Leader]
           /\ tally' = tally + 1

Retract(p) == /\ p # Leader
              /\ vote[p] = Leader
              /\ vote' = [vote EXCEPT ![p] = NoValue]
              /\ tally' = tally - 1

Next == \E p \in Procs : Vote(p) \/ Retract(p)

Inv == /\ tally = Cardinality({p \in Procs : vote[p] = Leader})
       /\ \A p \in Procs : vote[p] \in {Leader, NoValue}
       /\ tally <= MaxVotes
       /\ Cardinality(Procs) >= MaxVotes
====
