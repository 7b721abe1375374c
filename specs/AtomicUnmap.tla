----------------------------- MODULE AtomicUnmap -----------------------------
(***************************************************************************)
(* What an unmap must look like to the users of a page: the abstract spec  *)
(* that Shootdown.tla (and ShootdownTree.tla) refine.                      *)
(*                                                                         *)
(* Page v is mapped to frame map[v] (NoFrame: unmapped).  Every core c     *)
(* translates v through its page table pt[c][v] and its TLB tlb[c][v];     *)
(* each holds NoFrame or map[v], never another frame.  A map is visible on *)
(* every core at once (no core can hold a stale entry for an unmapped      *)
(* page).  An unmap is requested (StartUnmap, by the core that asks for    *)
(* it, which drops its own translation) and then happens in ONE step       *)
(* (Unmap): the mapping, every core's page table and every core's TLB      *)
(* stop translating v, and the frame is freed, all at the same instant.    *)
(* While an unmap is requested a core may drop its translation early       *)
(* (Drop), which only makes it fault sooner; no other step removes a       *)
(* translation of a mapped page.                                           *)
(***************************************************************************)
CONSTANTS Cores, Pages, Frames, NoFrame

VARIABLES map,        \* map[v]: the frame page v is mapped to, or NoFrame
          pt,         \* pt[c][v]: what core c's page table translates v to
          tlb,        \* tlb[c][v]: what core c's TLB translates v to
          free,       \* the frames free for reuse
          unmapping   \* unmapping[v]: an unmap of v was requested, not yet done

vars == <<map, pt, tlb, free, unmapping>>

Entry == Frames \cup {NoFrame}

TypeOK ==
  /\ map \in [Pages -> Entry]
  /\ pt \in [Cores -> [Pages -> Entry]]
  /\ tlb \in [Cores -> [Pages -> Entry]]
  /\ free \subseteq Frames
  /\ unmapping \in [Pages -> BOOLEAN]

Init ==
  /\ map = [v \in Pages |-> NoFrame]
  /\ pt = [c \in Cores |-> [v \in Pages |-> NoFrame]]
  /\ tlb = [c \in Cores |-> [v \in Pages |-> NoFrame]]
  /\ free = Frames
  /\ unmapping = [v \in Pages |-> FALSE]

\* Page v is mapped to free frame f, in every core's page table at once.
Map(v, f) ==
  /\ map[v] = NoFrame /\ ~unmapping[v]
  /\ f \in free
  /\ map' = [map EXCEPT ![v] = f]
  /\ pt' = [c \in Cores |-> [pt[c] EXCEPT ![v] = f]]
  /\ free' = free \ {f}
  /\ UNCHANGED <<tlb, unmapping>>

\* Core c caches its page table's translation of v in its TLB.
Fill(c, v) ==
  /\ pt[c][v] # NoFrame
  /\ tlb' = [tlb EXCEPT ![c][v] = pt[c][v]]
  /\ UNCHANGED <<map, pt, free, unmapping>>

\* Core c asks for page v to be unmapped and drops its own translation.
StartUnmap(v, c) ==
  /\ map[v] # NoFrame /\ ~unmapping[v]
  /\ unmapping' = [unmapping EXCEPT ![v] = TRUE]
  /\ pt' = [pt EXCEPT ![c][v] = NoFrame]
  /\ tlb' = [tlb EXCEPT ![c][v] = NoFrame]
  /\ UNCHANGED <<map, free>>

\* While v's unmap is requested, core c may drop its translation early.
Drop(c, v) ==
  /\ unmapping[v]
  /\ pt' = [pt EXCEPT ![c][v] = NoFrame]
  /\ tlb' = [tlb EXCEPT ![c][v] = NoFrame]
  /\ UNCHANGED <<map, free, unmapping>>

\* The unmap of v, in one step: no core translates v any more and the frame
\* is free.
Unmap(v) ==
  /\ unmapping[v]
  /\ map' = [map EXCEPT ![v] = NoFrame]
  /\ pt' = [c \in Cores |-> [pt[c] EXCEPT ![v] = NoFrame]]
  /\ tlb' = [c \in Cores |-> [tlb[c] EXCEPT ![v] = NoFrame]]
  /\ free' = free \cup {map[v]}
  /\ unmapping' = [unmapping EXCEPT ![v] = FALSE]

Next ==
  \E v \in Pages : \/ Unmap(v)
                   \/ \E f \in Frames : Map(v, f)
                   \/ \E c \in Cores : Fill(c, v) \/ StartUnmap(v, c) \/ Drop(c, v)

\* Every unmap that is requested happens.
Spec == Init /\ [][Next]_vars /\ (\A v \in Pages : WF_vars(Unmap(v)))
=============================================================================
