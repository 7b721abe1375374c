---- MODULE SeqBuffer ----
(***************************************************************************)
(* Sequences: Append, Head, Tail, SubSeq, SelectSeq, \o, Len and Seq(S)    *)
(* membership.  buf is an input buffer of length <= 2; Move takes its head *)
(* and pushes it onto the front of out, keeping only the 2 newest items;   *)
(* Purge deletes every 1 from out with SelectSeq.                          *)
(*                                                                         *)
(* Expected (SeqBuffer.cfg): exit 0, 49 distinct, 120 generated, depth 7.  *)
(*                                                                         *)
(* Both buf and out range over the 7 sequences over {1,2} of length <= 2:  *)
(* <<>>, 2 of length 1, 4 of length 2.  All 7 * 7 = 49 pairs are           *)
(* reachable (fill out by Put/Move, then refill buf).                      *)
(* Successors per state:                                                   *)
(*   Put(v): 2 when Len(buf) < 2  -> 3 bufs * 7 outs * 2  = 42             *)
(*   Move:   1 when buf # <<>>    -> 6 bufs * 7 outs      = 42             *)
(*   Purge:  one per i with out[i] = 1: TLC enumerates the witnesses of    *)
(*           the \E guard before out' is assigned, and each leads to its   *)
(*           own (identical) successor: <<1>>, <<1,2>>, <<2,1>> give 1,    *)
(*           <<1,1>> gives 2      -> 7 bufs * 5           = 35             *)
(*   generated = 1 (init) + 42 + 42 + 35 = 120                             *)
(* Depth: a state with Len(out) = 2 and Len(buf) = 2 needs at least        *)
(* 2 Puts and 2 Moves to fill out and 2 more Puts: 6 steps, level 7.       *)
(* Level sizes: 1, 2, 6, 4, 12, 8, 16 (sum 49).                            *)
(***************************************************************************)
EXTENDS Naturals, Sequences

Vals == {1, 2}

VARIABLES buf, out

Init == /\ buf = << >>
        /\ out = << >>

Put(v) == /\ Len(buf) < 2
          /\ buf' = Append(buf, v)
          /\ UNCHANGED out

Move == /\ buf # << >>
        /\ LET moved == <<Head(buf)>> \o out
           IN  out' = SubSeq(moved, 1, IF Len(moved) > 2 THEN 2 ELSE Len(moved))
        /\ buf' = Tail(buf)

IsTwo(e) == e = 2

Purge == /\ \E i \in 1 .. Len(out) : out[i] = 1
         /\ out' = SelectSeq(out, IsTwo)
         /\ UNCHANGED buf

Next == (\E v \in Vals : Put(v)) \/ Move \/ Purge

Inv == /\ buf \in Seq(Vals)
       /\ out \in Seq(Vals)
       /\ Len(out) <= 2
       /\ Len(buf \o out) = Len(buf) + Len(out)
       /\ SubSeq(out, 1, 0) = << >>
       /\ (buf # << >>) => (Head(buf) = buf[1])
       /\ SelectSeq(out, LAMBDA e : e = 1) \o SelectSeq(out, IsTwo) \in Seq(Vals)
====
