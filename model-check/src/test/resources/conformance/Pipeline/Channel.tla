---- MODULE Channel ----
(***************************************************************************)
(* Helper module, not a case of its own: a bounded FIFO channel.  It is    *)
(* instantiated twice by Pipeline.tla (C1 == INSTANCE Channel WITH ...),   *)
(* whose header explains the expected counts.  It has no Init/Next of its  *)
(* own, so it is never model-checked alone.                                *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS Data, Cap

VARIABLE chan

TypeInv == /\ chan \in Seq(Data)
           /\ Len(chan) <= Cap

CInit == chan = << >>

Send(d) == /\ Len(chan) < Cap
           /\ chan' = Append(chan, d)

Recv == /\ chan # << >>
        /\ chan' = Tail(chan)
====
