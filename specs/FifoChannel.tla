----------------------------- MODULE FifoChannel -----------------------------
(***************************************************************************)
(* A reliable FIFO channel, per direction: what a URPC channel must look   *)
(* like to its users.  Each end d of the channel has a queue of the        *)
(* messages it sent that were not yet received (queue[d]) and the          *)
(* messages received from it so far, in order (got[d]).  Send appends to   *)
(* the queue; Recv takes the head, and only the head, so nothing is lost,  *)
(* duplicated or reordered.  A sender may be told busy (Busy) at any time  *)
(* (how full the channel is, is not visible here); it then holds a queued  *)
(* message, and the flag clears only when it sends.                        *)
(***************************************************************************)
EXTENDS Sequences

CONSTANTS Ends,   \* the ends of the channel (a direction is named by its sender)
          Data    \* the messages that can be sent

VARIABLES queue,  \* queue[d]: sent by end d and not yet received, oldest first
          got,    \* got[d]: received from end d, in order
          busy    \* busy[d]: end d was told busy and holds a queued message

vars == <<queue, got, busy>>

TypeOK ==
  /\ queue \in [Ends -> Seq(Data)]
  /\ got \in [Ends -> Seq(Data)]
  /\ busy \in [Ends -> BOOLEAN]

Init ==
  /\ queue = [d \in Ends |-> << >>]
  /\ got = [d \in Ends |-> << >>]
  /\ busy = [d \in Ends |-> FALSE]

\* End d sends message m (its queued one, if it was told busy).
Send(d, m) ==
  /\ queue' = [queue EXCEPT ![d] = Append(queue[d], m)]
  /\ busy' = [busy EXCEPT ![d] = FALSE]
  /\ UNCHANGED got

\* End d is told busy: it keeps its message to send later.
Busy(d) ==
  /\ ~busy[d]
  /\ busy' = [busy EXCEPT ![d] = TRUE]
  /\ UNCHANGED <<queue, got>>

\* The peer of end d receives the oldest message d sent.
Recv(d) ==
  /\ queue[d] # << >>
  /\ got' = [got EXCEPT ![d] = Append(got[d], Head(queue[d]))]
  /\ queue' = [queue EXCEPT ![d] = Tail(queue[d])]
  /\ UNCHANGED busy

Next ==
  \E d \in Ends : (\E m \in Data : Send(d, m)) \/ Busy(d) \/ Recv(d)

\* Every message sent is eventually received.
Spec == Init /\ [][Next]_vars /\ (\A d \in Ends : WF_vars(Recv(d)))
=============================================================================
