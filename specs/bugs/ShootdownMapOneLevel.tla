--------------------------- MODULE ShootdownMapOneLevel ---------------------------
(* Shootdown.tla with one change, marked \* BUG, for                      *)
(* ShootdownTreeMapOneLevel.tla (which instantiates it along a table):     *)
(* Map installs the translation only in the home's replica and in those of *)
(* its children in the multicast tree, as if the children forwarded the    *)
(* map further down, which nothing does.  With a broadcast tree every core *)
(* is a child of the home, so the bug shows only in deeper trees.          *)
EXTENDS Naturals, FiniteSets

CONSTANTS Cores,        \* 1..K
          Pages,        \* positive page numbers: page v's home is core ((v-1) % K) + 1
          Frames,       \* physical frames (model values)
          NoFrame,      \* "no translation" (a model value)
          Parent(_, _)  \* Parent(i, c): parent of c in the tree rooted at i

ASSUME Pages \subseteq Nat \ {0} /\ Cores = 1..Cardinality(Cores) /\ NoFrame \notin Frames

\* Pages are spread over the cores round-robin (page v is homed on core v when Pages \subseteq Cores).
Home(v) == ((v - 1) % Cardinality(Cores)) + 1

\* Tree shapes (substitute one for Parent in the .cfg).
Broadcast(i, c) == i                                    \* initiator sends to all
Chain(i, c) == IF c = i THEN i                          \* i -> i+1 -> ... (cyclic)
               ELSE IF c = 1 THEN Cardinality(Cores) ELSE c - 1

Tree(i, c) ==                                           \* binary tree, i at the root
  LET K == Cardinality(Cores)
      r == (c - i + K) % K                              \* c's rank from i
  IN  IF r = 0 THEN i ELSE ((i - 1 + (r - 1) \div 2) % K) + 1

Children(i, c) == {d \in Cores \ {i} : Parent(i, d) = c}

VARIABLES pt,      \* pt[c][v]: core c's replica of the page table
          tlb,     \* tlb[c][v]: core c's TLB entry for page v
          free,    \* frames free for reuse
          phase,   \* phase[v]: "idle" or "unmapping"
          victim,  \* victim[v]: the frame page v's current unmap releases
          st,      \* st[c][v]: "idle" or "wait" (c got Unmap v, awaits child acks)
          waiting, \* waiting[c][v]: children whose ack core c still awaits
          msgs     \* messages in flight

vars == <<pt, tlb, free, phase, victim, st, waiting, msgs>>

Entry == Frames \cup {NoFrame}
Msg == [kind : {"Unmap"}, v : Pages, to : Cores]
       \cup [kind : {"Ack"}, v : Pages, from : Cores, to : Cores]

TypeOK ==
  /\ pt \in [Cores -> [Pages -> Entry]]
  /\ tlb \in [Cores -> [Pages -> Entry]]
  /\ free \subseteq Frames
  /\ phase \in [Pages -> {"idle", "unmapping"}]
  /\ victim \in [Pages -> Entry]
  /\ st \in [Cores -> [Pages -> {"idle", "wait"}]]
  /\ waiting \in [Cores -> [Pages -> SUBSET Cores]]
  /\ msgs \subseteq Msg

Init ==
  /\ pt = [c \in Cores |-> [v \in Pages |-> NoFrame]]
  /\ tlb = [c \in Cores |-> [v \in Pages |-> NoFrame]]
  /\ free = Frames
  /\ phase = [v \in Pages |-> "idle"]
  /\ victim = [v \in Pages |-> NoFrame]
  /\ st = [c \in Cores |-> [v \in Pages |-> "idle"]]
  /\ waiting = [c \in Cores |-> [v \in Pages |-> {}]]
  /\ msgs = {}

\* The home of page v maps it to free frame f in every replica.
Map(v, f) ==
  /\ phase[v] = "idle"
  /\ pt[Home(v)][v] = NoFrame
  /\ f \in free
  /\ free' = free \ {f}
  \* BUG: only the home and its children in the tree get the translation
  /\ pt' = [c \in Cores |-> IF c = Home(v) \/ c \in Children(Home(v), Home(v))
                            THEN [pt[c] EXCEPT ![v] = f] ELSE pt[c]]
  /\ UNCHANGED <<tlb, phase, victim, st, waiting, msgs>>

\* A TLB miss on core c walks the local replica and caches the translation.
Fill(c, v) ==
  /\ pt[c][v] # NoFrame
  /\ tlb[c][v] # pt[c][v]
  /\ tlb' = [tlb EXCEPT ![c][v] = pt[c][v]]
  /\ UNCHANGED <<pt, free, phase, victim, st, waiting, msgs>>

\* Core c drops page v from its replica and its TLB and forwards Unmap to
\* its children in the tree rooted at initiator i; it now awaits their acks.
Invalidate(c, v, i) ==
  /\ pt' = [pt EXCEPT ![c][v] = NoFrame]
  /\ tlb' = [tlb EXCEPT ![c][v] = NoFrame]
  /\ st' = [st EXCEPT ![c][v] = "wait"]
  /\ waiting' = [waiting EXCEPT ![c][v] = Children(i, c)]

\* The home of page v starts the unmap.
Unmap(v) ==
  /\ phase[v] = "idle"
  /\ pt[Home(v)][v] # NoFrame
  /\ phase' = [phase EXCEPT ![v] = "unmapping"]
  /\ victim' = [victim EXCEPT ![v] = pt[Home(v)][v]]
  /\ Invalidate(Home(v), v, Home(v))
  /\ msgs' = msgs \cup {[kind |-> "Unmap", v |-> v, to |-> d]
                          : d \in Children(Home(v), Home(v))}
  /\ UNCHANGED free

\* Core c receives Unmap for page v from its parent.
RecvUnmap(c, v) ==
  LET m == [kind |-> "Unmap", v |-> v, to |-> c]
  IN  /\ m \in msgs
      /\ Invalidate(c, v, Home(v))
      /\ msgs' = (msgs \ {m}) \cup {[kind |-> "Unmap", v |-> v, to |-> d]
                                      : d \in Children(Home(v), c)}
      /\ UNCHANGED <<free, phase, victim>>

\* Core c (not the home) has invalidated and every child acked: it acks
\* its parent.
SendAck(c, v) ==
  /\ c # Home(v)
  /\ st[c][v] = "wait"
  /\ waiting[c][v] = {}
  /\ st' = [st EXCEPT ![c][v] = "idle"]
  /\ msgs' = msgs \cup {[kind |-> "Ack", v |-> v, from |-> c,
                         to |-> Parent(Home(v), c)]}
  /\ UNCHANGED <<pt, tlb, free, phase, victim, waiting>>

\* Core c receives the ack of child d for page v.
RecvAck(c, v, d) ==
  LET m == [kind |-> "Ack", v |-> v, from |-> d, to |-> c]
  IN  /\ m \in msgs
      /\ msgs' = msgs \ {m}
      /\ waiting' = [waiting EXCEPT ![c][v] = @ \ {d}]
      /\ UNCHANGED <<pt, tlb, free, phase, victim, st>>

\* The home has every ack: the unmap completes and the frame is freed.
Complete(v) ==
  /\ phase[v] = "unmapping"
  /\ st[Home(v)][v] = "wait"
  /\ waiting[Home(v)][v] = {}
  /\ phase' = [phase EXCEPT ![v] = "idle"]
  /\ st' = [st EXCEPT ![Home(v)][v] = "idle"]
  /\ free' = free \cup {victim[v]}
  /\ victim' = [victim EXCEPT ![v] = NoFrame]
  /\ UNCHANGED <<pt, tlb, waiting, msgs>>

Next ==
  \/ \E v \in Pages : \/ Unmap(v) \/ Complete(v)
                      \/ \E f \in Frames : Map(v, f)
                      \/ \E c \in Cores : \/ Fill(c, v) \/ RecvUnmap(c, v)
                                          \/ SendAck(c, v)
                                          \/ \E d \in Cores : RecvAck(c, v, d)

Spec == Init /\ [][Next]_vars
             /\ (\A v \in Pages : WF_vars(Complete(v)))
             /\ (\A v \in Pages, c \in Cores :
                  WF_vars(RecvUnmap(c, v)) /\ WF_vars(SendAck(c, v))
                  /\ \A d \in Cores : WF_vars(RecvAck(c, v, d)))

-----------------------------------------------------------------------------
\* Once an unmap of v has completed (and until v is mapped again), no
\* core's TLB translates v to the unmapped frame.
NoStaleTlbAfterUnmap ==
  \A v \in Pages, c \in Cores :
    phase[v] = "idle" => tlb[c][v] \in {NoFrame, pt[Home(v)][v]}

\* A frame is freed (and so may be reused) only after every core acked its
\* unmap: no replica and no TLB anywhere still translates to a free frame.
FrameReuseAfterAllAcks ==
  \A f \in free : \A c \in Cores, v \in Pages : pt[c][v] # f /\ tlb[c][v] # f

\* Every frame is free, mapped, or being unmapped: none leaks or is doubled.
FramesAccounted ==
  \A f \in Frames :
    Cardinality({v \in Pages : pt[Home(v)][v] = f \/ victim[v] = f}
                \cup (IF f \in free THEN {0} ELSE {})) = 1

-----------------------------------------------------------------------------
\* LIVENESS: every unmap completes.
UnmapCompletes == \A v \in Pages : (phase[v] = "unmapping") ~> (phase[v] = "idle")

-----------------------------------------------------------------------------
\* REFINEMENT: a shootdown is an atomic unmap (AtomicUnmap.tla).  The page
\* tables, TLBs and free frames are the protocol's own; page v's abstract
\* mapping is the frame being unmapped while its unmap runs (the abstract
\* state keeps the mapping until Complete) and the home's replica otherwise.
\* Unmap is the abstract StartUnmap by the home, RecvUnmap a Drop on the
\* receiving core, Complete the atomic Unmap (so every replica and TLB must
\* already be clear when the home completes), Map and Fill are Map and
\* Fill; SendAck and RecvAck change none of these (stuttering steps).
AbsMap == [v \in Pages |-> IF phase[v] = "unmapping" THEN victim[v] ELSE pt[Home(v)][v]]

Abs == INSTANCE AtomicUnmap WITH map <- AbsMap,
                                 unmapping <- [v \in Pages |-> phase[v] = "unmapping"]

\* Shootdown implements the atomic unmap, its fairness included (every
\* requested unmap happens).
AbsSpec == Abs!Spec

\* The refinement without the abstract fairness: every step is a step of
\* the atomic unmap or leaves its state unchanged.  A safety property, so
\* the _large models check it (they build no liveness graph).
AbsSafety == Abs!Init /\ [][Abs!Next]_Abs!vars
=============================================================================
