---- MODULE Messages ----
(***************************************************************************)
(* A set of records as the network: the record set [kind : K, from : F],   *)
(* record construction by EXCEPT !.kind, field access m.kind, SUBSET as a  *)
(* type, set filters and Cardinality.                                      *)
(*                                                                         *)
(* Expected (Messages.cfg): exit 0, 16 distinct, 48 generated, depth 7.    *)
(*                                                                         *)
(* For each sender i in 1..2 the net may hold req_i and/or ack_i: 4        *)
(* combinations per sender, 4 * 4 = 16 states, all reachable.              *)
(* Successors: for each i exactly one of Send(req_i) (req_i not in net)    *)
(* and Ack(req_i) (req_i in net) is enabled -> 2; Drop (keep only the      *)
(* requests, possibly a self-loop) when net # {} -> 1.                     *)
(*   generated = 1 (init) + 2 (for {}) + 15 * 3 = 48                       *)
(* Depth: the full net {req1, req2, ack1, ack2} needs Send+Ack for each    *)
(* sender and then Send again for each: 6 steps, level 7.                  *)
(* Level sizes: 1, 2, 3, 4, 3, 2, 1.                                       *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

Msg == [kind : {"req", "ack"}, from : 1 .. 2]

VARIABLE net

Init == net = {}

Send(m) == /\ m.kind = "req"
           /\ m \notin net
           /\ net' = net \cup {m}

Ack(m) == /\ m \in net
          /\ m.kind = "req"
          /\ net' = (net \ {m}) \cup {[m EXCEPT !.kind = "ack"]}

Drop == /\ net # {}
        /\ net' = {m \in net : m.kind = "req"}

Next == \/ \E m \in Msg : Send(m) \/ Ack(m)
        \/ Drop

Inv == /\ net \subseteq Msg
       /\ net \in SUBSET Msg
       /\ \A m \in net : m.from \in 1 .. 2 /\ m["kind"] \in {"req", "ack"}
       /\ Cardinality(net) <= 4
       /\ Cardinality(Msg) = 4
       /\ [kind |-> "req", from |-> 1] \in Msg
====
