---------------------------- MODULE UrpcRefineBug ----------------------------
(* Urpc.tla with one change, marked \* BUG: a sender that was told busy   *)
(* may give up (GiveUp): it clears busy without sending, so the message it *)
(* held is dropped.  Nothing of Urpc's own catches it: the rings, the      *)
(* positions and what was sent and read are untouched, so NoOverwrite,     *)
(* InOrderNoLossNoDup and AckNotAhead hold and every message sent is still *)
(* received.  The refinement does catch it: in FifoChannel a busy sender   *)
(* clears its flag only by sending.                                        *)
(*                                                                         *)
(* Checker: exit 13, the action property of FifoChannel (its [][Next]_vars)*)
(* is violated; the behaviour is a SendBusy of a core whose ring is full,  *)
(* then its GiveUp.                                                        *)
EXTENDS Naturals, Sequences

CONSTANTS N,        \* slots per ring
          MaxMsgs,  \* data messages each core sends (bounds the model)
          Gen       \* "A" or "B"

ASSUME N >= 2 /\ MaxMsgs \in Nat /\ Gen \in {"A", "B"}

Core == {0, 1}
Pos  == 0 .. (2 * N - 1)            \* a position modulo 2N
Inc(p) == (p + 1) % (2 * N)
Dist(hi, lo) == (hi - lo + 2 * N) % (2 * N)   \* hi - lo modulo 2N
Epoch(p) == p \div N
Slot(p) == p % N

Msg == [epoch : {0, 1}, used : BOOLEAN, kind : {"data", "ack"},
        id : 0 .. MaxMsgs, ack : Pos]

VARIABLES ring,   \* ring[c][i]: slot i of the ring written by core c
          next,   \* next[c]: position core c writes next in ring c
          acked,  \* acked[c]: position in ring c that core c knows was read (gen A)
          recv,   \* recv[c]: position the peer of c reads next in ring c
          ackSent,\* ackSent[c]: last read position of ring c acked to core c (gen A)
          busy,   \* busy[c]: core c was told busy and holds a queued message
          sent,   \* sent[c]: ids of data messages core c sent, in order
          rcvd    \* rcvd[c]: ids of data messages read from ring c, in order

vars == <<ring, next, acked, recv, ackSent, busy, sent, rcvd>>

Peer(c) == 1 - c

TypeOK ==
  /\ ring \in [Core -> [0 .. (N - 1) -> Msg]]
  /\ next \in [Core -> Pos] /\ acked \in [Core -> Pos]
  /\ recv \in [Core -> Pos] /\ ackSent \in [Core -> Pos]
  /\ busy \in [Core -> BOOLEAN]
  /\ sent \in [Core -> Seq(1 .. MaxMsgs)] /\ rcvd \in [Core -> Seq(1 .. MaxMsgs)]

\* Every slot starts empty: the epoch bit is that of the previous wrap.
EmptySlot == [epoch |-> 1, used |-> FALSE, kind |-> "ack", id |-> 0, ack |-> 0]

Init ==
  /\ ring = [c \in Core |-> [i \in 0 .. (N - 1) |-> EmptySlot]]
  /\ next = [c \in Core |-> 0] /\ acked = [c \in Core |-> 0]
  /\ recv = [c \in Core |-> 0] /\ ackSent = [c \in Core |-> 0]
  /\ busy = [c \in Core |-> FALSE]
  /\ sent = [c \in Core |-> << >>] /\ rcvd = [c \in Core |-> << >>]

\* Messages core c wrote that it does not know to be read.
Unacked(c) == Dist(next[c], acked[c])

\* May core c write a data message now?
CanSend(c) ==
  IF Gen = "A" THEN Unacked(c) < N - 1
               ELSE ~ring[c][Slot(next[c])].used

\* May core c write an explicit ACK now? (gen A only)
CanSendAck(c) == Unacked(c) < N

\* Core c writes message m into its ring: the header (epoch bit / used bit)
\* becomes visible together with the payload (release store).
Write(c, kind, id) ==
  /\ ring' = [ring EXCEPT ![c][Slot(next[c])] =
                [epoch |-> Epoch(next[c]), used |-> TRUE, kind |-> kind,
                 id |-> id, ack |-> IF Gen = "A" THEN recv[Peer(c)] ELSE 0]]
  /\ next' = [next EXCEPT ![c] = Inc(next[c])]
  /\ ackSent' = IF Gen = "A" THEN [ackSent EXCEPT ![Peer(c)] = recv[Peer(c)]]
                             ELSE ackSent

\* Core c sends its next data message (piggybacking an ack in gen A).
Send(c) ==
  /\ Len(sent[c]) < MaxMsgs
  /\ CanSend(c)
  /\ Write(c, "data", Len(sent[c]) + 1)
  /\ sent' = [sent EXCEPT ![c] = Append(sent[c], Len(sent[c]) + 1)]
  /\ busy' = [busy EXCEPT ![c] = FALSE]
  /\ UNCHANGED <<acked, recv, rcvd>>

\* Core c finds its ring full: it is told busy and queues the message.
SendBusy(c) ==
  /\ Len(sent[c]) < MaxMsgs
  /\ ~CanSend(c)
  /\ ~busy[c]
  /\ busy' = [busy EXCEPT ![c] = TRUE]
  /\ UNCHANGED <<ring, next, acked, recv, ackSent, sent, rcvd>>

\* Gen A: core c acknowledges what it read from ring Peer(c) with an
\* explicit ACK message.  The implementation does so when the count of
\* unacknowledged messages reaches a threshold; allowing it at any positive
\* count covers every threshold.
SendAck(c) ==
  /\ Gen = "A"
  /\ recv[Peer(c)] # ackSent[Peer(c)]
  /\ CanSendAck(c)
  /\ Write(c, "ack", 0)
  /\ UNCHANGED <<acked, recv, busy, sent, rcvd>>

\* Is there a message for core c at its read position of ring Peer(c)?
\* (acquire load of the header word)
Ready(c) ==
  LET s == ring[Peer(c)][Slot(recv[Peer(c)])]
  IN  IF Gen = "A" THEN s.epoch = Epoch(recv[Peer(c)]) ELSE s.used

\* Core c takes the message at its read position: it learns the piggybacked
\* ack (gen A) or clears the used bit (gen B).
Take(c) ==
  LET s == ring[Peer(c)][Slot(recv[Peer(c)])]
  IN  /\ recv' = [recv EXCEPT ![Peer(c)] = Inc(recv[Peer(c)])]
      /\ IF Gen = "A"
           THEN /\ acked' = [acked EXCEPT ![c] = s.ack]
                /\ UNCHANGED ring
           ELSE /\ ring' = [ring EXCEPT ![Peer(c)][Slot(recv[Peer(c)])].used = FALSE]
                /\ UNCHANGED acked

\* BUG: core c gives up on the message it was told busy for.
GiveUp(c) ==
  /\ busy[c]
  /\ busy' = [busy EXCEPT ![c] = FALSE]
  /\ UNCHANGED <<ring, next, acked, recv, ackSent, sent, rcvd>>

\* Core c receives a data message from core Peer(c).
Recv(c) ==
  LET s == ring[Peer(c)][Slot(recv[Peer(c)])]
  IN  /\ Ready(c)
      /\ s.kind = "data"
      /\ Take(c)
      /\ rcvd' = [rcvd EXCEPT ![Peer(c)] = Append(rcvd[Peer(c)], s.id)]
      /\ UNCHANGED <<next, ackSent, busy, sent>>

\* Core c receives an explicit ACK message from core Peer(c) (gen A).
RecvAck(c) ==
  LET s == ring[Peer(c)][Slot(recv[Peer(c)])]
  IN  /\ Ready(c)
      /\ s.kind = "ack"
      /\ Take(c)
      /\ UNCHANGED <<next, ackSent, busy, sent, rcvd>>

\* Every data message was sent and received: the channel is quiescent
\* (ACKs may still go back and forth, which is harmless).
Done ==
  /\ \A c \in Core : Len(rcvd[c]) = MaxMsgs
  /\ UNCHANGED vars

Next ==
  \/ \E c \in Core : Send(c) \/ SendBusy(c) \/ SendAck(c) \/ Recv(c) \/ RecvAck(c)
                    \/ GiveUp(c)   \* BUG
  \/ Done

Spec == Init /\ [][Next]_vars /\ (\A c \in Core : WF_vars(Recv(c) \/ RecvAck(c)))
                              /\ (\A c \in Core : WF_vars(SendAck(c)))
                              /\ (\A c \in Core : WF_vars(Send(c)))

-----------------------------------------------------------------------------
\* Messages written into ring c and not yet read.
InFlight(c) == Dist(next[c], recv[c])

\* An unread slot is never overwritten: a ring of N slots never holds more
\* than N unread messages, and every unread slot still carries the header
\* (epoch bit / used bit) of the message written there.
NoOverwrite ==
  \A c \in Core :
    /\ InFlight(c) <= N
    /\ \A k \in 0 .. (N - 1) :
         k < InFlight(c) =>
           LET p == (recv[c] + k) % (2 * N)
           IN  IF Gen = "A" THEN ring[c][Slot(p)].epoch = Epoch(p)
                            ELSE ring[c][Slot(p)].used

\* Each direction delivers the data messages in the order sent, none lost,
\* none duplicated: what was received is a prefix of what was sent.
InOrderNoLossNoDup ==
  \A c \in Core :
    /\ Len(rcvd[c]) <= Len(sent[c])
    /\ rcvd[c] = SubSeq(sent[c], 1, Len(rcvd[c]))

\* A sender never believes more was read than actually was (gen A).
AckNotAhead ==
  Gen = "A" => \A c \in Core : Unacked(c) >= InFlight(c)

-----------------------------------------------------------------------------
\* REFINEMENT: each direction of the channel is a reliable FIFO channel with
\* busy (FifoChannel.tla).  The abstract queue of core c is what c sent that
\* its peer has not read yet; what was read is rcvd[c]; busy is busy.  Explicit
\* ACKs (SendAck, RecvAck) and Done change none of these: they are stuttering
\* steps of the abstract channel.
AbsQueue(c) == SubSeq(sent[c], Len(rcvd[c]) + 1, Len(sent[c]))

Abs == INSTANCE FifoChannel WITH Ends <- Core, Data <- 1 .. MaxMsgs,
                                 queue <- [c \in Core |-> AbsQueue(c)],
                                 got <- rcvd, busy <- busy

\* Urpc implements the FIFO channel, its fairness included (every message
\* sent is eventually read).
AbsSpec == Abs!Spec

-----------------------------------------------------------------------------
\* LIVENESS: every data message sent is eventually received.
EveryMessageReceived ==
  \A c \in Core : \A i \in 1 .. MaxMsgs :
    (Len(sent[c]) >= i) ~> (Len(rcvd[c]) >= i)

\* A sender told busy eventually sends its queued message.  Holds for
\* generation B.  FAILS for generation A (bugs/UrpcAckPingPong.cfg), even
\* with SF_vars(Send(c)): every explicit ACK read is itself a read to
\* acknowledge, so two busy cores can exchange ACKs forever, each always
\* having its own last ACK unacknowledged when it reads the other's, so
\* neither ring ever has room for data (N = 2: data needs next = acked).
\* An open protocol question for generation A; Urpc.cfg does not list it.
BusySenderSucceeds == \A c \in Core : busy[c] ~> ~busy[c]
=============================================================================
