---- MODULE MembershipNoAgreement ----
(* BUG: a proposer installs its view change at once, without the live     *)
(* members' agreement: Propose also installs (and commits) the proposal.   *)
(* Only Propose differs from Membership.tla.                               *)
(*                                                                         *)
(* Checker: exit 12, Invariant AgreedViews, after 5 states: core 3 is     *)
(* hot-plugged; core 1 proposes view 2 = {1, 2, 3} and installs it at      *)
(* once; core 1 asks to leave; core 2, still in view 1 = {1, 2} (nothing   *)
(* made it wait for core 1's view), proposes view 2 = {2} to remove the    *)
(* leaving core 1 and installs it.  vlog holds <<2, {1, 2, 3}>> and        *)
(* <<2, {2}>>: two cores installed view 2 with different members.  With   *)
(* agreement (Membership.tla) core 2 must accept core 1's proposal before  *)
(* it is installed, and then cannot propose another view 2.                *)
EXTENDS Naturals, FiniteSets

CONSTANTS Cores,        \* core ids
          InitMembers,  \* the members of view 1 (the other cores are off)
          MaxView,      \* the last view number (bounds the model)
          MaxOps        \* operations started in a run (bounds the model)

ASSUME InitMembers \subseteq Cores /\ InitMembers # {} /\ MaxView >= 1

None == 0
ASSUME None \notin Cores

Views == 0 .. MaxView           \* view 0: installed nothing yet
NoProp == [v |-> 0, mem |-> {}] \* "no proposal"
Prop == [v : Views, mem : SUBSET Cores]
Msg == [kind : {"Req", "Ack"}, from : Cores, to : Cores, v : Views]

VARIABLES up,       \* up[c]: "off", "live" or "crashed"
          leaving,  \* cores that asked to leave (power management)
          view,     \* view[c]: number of the view core c installed
          mem,      \* mem[c]: members of the view core c installed
          prop,     \* prop[p]: core p's pending proposal, or NoProp
          acc,      \* acc[c]: the proposer whose proposal c accepted, or None
          cv,       \* the last agreed (committed) view
          vlog,     \* ghost: every <<v, members>> some core installed
          opSt,     \* the operation: "idle", "running", "completed", "aborted"
          opInit,   \* its initiator
          opView,   \* the view number it runs in
          opMem,    \* the members of that view
          opAcks,   \* acks counted, as <<core, view it answered in>>
          opCount,  \* operations started so far
          msgs      \* operation messages in flight

memb == <<up, leaving, view, mem, prop, acc, cv, vlog>>
opv  == <<opSt, opInit, opView, opMem, opAcks, opCount, msgs>>
vars == <<up, leaving, view, mem, prop, acc, cv, vlog,
          opSt, opInit, opView, opMem, opAcks, opCount, msgs>>

TypeOK ==
  /\ up \in [Cores -> {"off", "live", "crashed"}]
  /\ leaving \subseteq Cores
  /\ view \in [Cores -> Views]
  /\ mem \in [Cores -> SUBSET Cores]
  /\ prop \in [Cores -> Prop]
  /\ acc \in [Cores -> Cores \cup {None}]
  /\ cv \in Prop
  /\ vlog \subseteq Views \X SUBSET Cores
  /\ opSt \in {"idle", "running", "completed", "aborted"}
  /\ opInit \in Cores \cup {None}
  /\ opView \in Views
  /\ opMem \subseteq Cores
  /\ opAcks \subseteq Cores \X Views
  /\ opCount \in 0 .. MaxOps
  /\ msgs \subseteq Msg

Init ==
  /\ up = [c \in Cores |-> IF c \in InitMembers THEN "live" ELSE "off"]
  /\ leaving = {}
  /\ view = [c \in Cores |-> IF c \in InitMembers THEN 1 ELSE 0]
  /\ mem = [c \in Cores |-> IF c \in InitMembers THEN InitMembers ELSE {}]
  /\ prop = [c \in Cores |-> NoProp]
  /\ acc = [c \in Cores |-> None]
  /\ cv = [v |-> 1, mem |-> InitMembers]
  /\ vlog = {<<1, InitMembers>>}
  /\ opSt = "idle" /\ opInit = None /\ opView = 0 /\ opMem = {}
  /\ opAcks = {} /\ opCount = 0 /\ msgs = {}

Live(c) == up[c] = "live"
Member(c) == Live(c) /\ view[c] > 0 /\ c \in mem[c]

-----------------------------------------------------------------------------
(* Membership                                                              *)

\* An off core is hot-plugged: it runs, but is in no view yet.
PowerOn(c) ==
  /\ up[c] = "off"
  /\ up' = [up EXCEPT ![c] = "live"]
  /\ UNCHANGED <<leaving, view, mem, prop, acc, cv, vlog>> /\ UNCHANGED opv

\* A member asks to leave (power management); it starts no operation now.
Leave(c) ==
  /\ Member(c) /\ c \notin leaving
  /\ ~(opSt = "running" /\ opInit = c)
  /\ leaving' = leaving \cup {c}
  /\ UNCHANGED <<up, view, mem, prop, acc, cv, vlog>> /\ UNCHANGED opv

\* A live core crashes (crash-stop); every core sees it.
Crash(c) ==
  /\ Live(c)
  /\ up' = [up EXCEPT ![c] = "crashed"]
  /\ UNCHANGED <<leaving, view, mem, prop, acc, cv, vlog>> /\ UNCHANGED opv

\* The views member p may propose next: add one live non-member, or remove
\* one crashed or leaving member other than p.
Changes(p) ==
  {mem[p] \cup {j} : j \in {x \in Cores \ mem[p] : Live(x)}}
  \cup {mem[p] \ {x} : x \in {y \in mem[p] \ {p} : up[y] = "crashed" \/ y \in leaving}}

\* Member p proposes view view[p]+1 with members M, and accepts it itself.
Propose(p, M) ==
  /\ Member(p) /\ p \notin leaving
  /\ view[p] < MaxView                                \* BUG: no cv.v = view[p]
  /\ prop[p] = NoProp /\ acc[p] = None
  /\ M \in Changes(p)
  /\ cv' = [v |-> view[p] + 1, mem |-> M]           \* BUG: no Accept, no Commit:
  /\ view' = [view EXCEPT ![p] = view[p] + 1]         \* p installs its own proposal
  /\ mem' = [mem EXCEPT ![p] = M]
  /\ vlog' = vlog \cup {<<view[p] + 1, M>>}
  /\ UNCHANGED <<up, leaving, prop, acc>> /\ UNCHANGED opv

\* Live member c of p's view accepts p's proposal (its first for that view).
Accept(c, p) ==
  /\ prop[p] # NoProp
  /\ Live(c) /\ c \in mem[p] /\ view[c] = view[p]
  /\ acc[c] = None
  /\ acc' = [acc EXCEPT ![c] = p]
  /\ UNCHANGED <<up, leaving, view, mem, prop, cv, vlog>> /\ UNCHANGED opv

\* Every live member of p's view accepted p's proposal: it is agreed.
Commit(p) ==
  /\ Live(p) /\ prop[p] # NoProp
  /\ \A m \in mem[p] : up[m] = "crashed" \/ acc[m] = p
  /\ cv' = prop[p]
  /\ prop' = [prop EXCEPT ![p] = NoProp]
  /\ UNCHANGED <<up, leaving, view, mem, acc, vlog>> /\ UNCHANGED opv

\* A live member accepted another proposal: p withdraws its own, and the
\* members that accepted it are released.
Withdraw(p) ==
  /\ Live(p) /\ prop[p] # NoProp
  /\ \E m \in mem[p] : Live(m) /\ acc[m] \notin {p, None}
  /\ prop' = [prop EXCEPT ![p] = NoProp]
  /\ acc' = [c \in Cores |-> IF acc[c] = p THEN None ELSE acc[c]]
  /\ UNCHANGED <<up, leaving, view, mem, cv, vlog>> /\ UNCHANGED opv

\* Core c accepted the proposal of p, which crashed before agreement.
Forget(c) ==
  /\ Live(c) /\ acc[c] # None
  /\ up[acc[c]] = "crashed" /\ prop[acc[c]] # NoProp
  /\ acc' = [acc EXCEPT ![c] = None]
  /\ UNCHANGED <<up, leaving, view, mem, prop, cv, vlog>> /\ UNCHANGED opv

\* Live core c, a member of the agreed view, installs it.
Install(c) ==
  /\ Live(c) /\ c \in cv.mem /\ view[c] < cv.v
  /\ view' = [view EXCEPT ![c] = cv.v]
  /\ mem' = [mem EXCEPT ![c] = cv.mem]
  /\ acc' = [acc EXCEPT ![c] = None]
  /\ vlog' = vlog \cup {<<cv.v, cv.mem>>}
  /\ UNCHANGED <<up, leaving, prop, cv>> /\ UNCHANGED opv

\* A leaving core powers off once a view without it is agreed.
PowerOff(c) ==
  /\ Live(c) /\ c \in leaving
  /\ cv.v > view[c] /\ c \notin cv.mem
  /\ up' = [up EXCEPT ![c] = "off"]
  /\ leaving' = leaving \ {c}
  /\ view' = [view EXCEPT ![c] = 0]
  /\ mem' = [mem EXCEPT ![c] = {}]
  /\ acc' = [acc EXCEPT ![c] = None]
  /\ UNCHANGED <<prop, cv, vlog>> /\ UNCHANGED opv

-----------------------------------------------------------------------------
(* The operation: a single-phase commit in a view                          *)

\* Member i starts an operation in its view: Req to every other member.
\* (Messages of an earlier operation are dropped: the implementation tags
\* them with the operation's number.)
StartOp(i) ==
  /\ opSt # "running" /\ opCount < MaxOps
  /\ Member(i) /\ i \notin leaving
  /\ opSt' = "running" /\ opInit' = i
  /\ opView' = view[i] /\ opMem' = mem[i] /\ opAcks' = {}
  /\ opCount' = opCount + 1
  /\ msgs' = {[kind |-> "Req", from |-> i, to |-> d, v |-> view[i]] : d \in mem[i] \ {i}}
  /\ UNCHANGED memb

\* Live core c, which has installed the Req's view (or a later one), acks
\* it in the view it has installed.
RecvReq(c) ==
  \E m \in msgs :
    /\ m.kind = "Req" /\ m.to = c
    /\ Live(c) /\ view[c] >= m.v
    /\ msgs' = (msgs \ {m}) \cup {[kind |-> "Ack", from |-> c, to |-> m.from, v |-> view[c]]}
    /\ UNCHANGED <<opSt, opInit, opView, opMem, opAcks, opCount>> /\ UNCHANGED memb

\* The initiator receives an ack: counted if from a member of the op's view
\* answering in that view; an ack from a later view aborts the operation.
RecvAck(m) ==
  /\ m \in msgs /\ m.kind = "Ack" /\ m.to = opInit
  /\ Live(opInit)
  /\ msgs' = msgs \ {m}
  /\ IF opSt = "running" /\ m.v = opView /\ m.from \in opMem
       THEN /\ opAcks' = opAcks \cup {<<m.from, m.v>>}
            /\ UNCHANGED opSt
       ELSE /\ opSt' = IF opSt = "running" /\ m.v > opView THEN "aborted" ELSE opSt
            /\ UNCHANGED opAcks
  /\ UNCHANGED <<opInit, opView, opMem, opCount>> /\ UNCHANGED memb

\* Every other member of the op's view acked: the operation completes.
CompleteOp ==
  /\ opSt = "running" /\ Live(opInit)
  /\ \A d \in opMem \ {opInit} : <<d, opView>> \in opAcks
  /\ opSt' = "completed"
  /\ UNCHANGED <<opInit, opView, opMem, opAcks, opCount, msgs>> /\ UNCHANGED memb

\* A member crashed before acking, or the initiator's view changed: the
\* operation aborts (its future fails; the caller may retry in the new view).
AbortOp ==
  /\ opSt = "running" /\ Live(opInit)
  /\ \/ \E d \in opMem \ {opInit} : up[d] = "crashed" /\ <<d, opView>> \notin opAcks
     \/ view[opInit] # opView
  /\ opSt' = "aborted"
  /\ UNCHANGED <<opInit, opView, opMem, opAcks, opCount, msgs>> /\ UNCHANGED memb

Next ==
  \/ CompleteOp \/ AbortOp
  \/ \E m \in msgs : RecvAck(m)
  \/ \E c \in Cores : \/ PowerOn(c) \/ Leave(c) \/ Crash(c) \/ Commit(c)
                      \/ Withdraw(c) \/ Forget(c) \/ Install(c) \/ PowerOff(c)
                      \/ StartOp(c) \/ RecvReq(c)
                      \/ \E M \in SUBSET Cores : Propose(c, M)
                      \/ \E p \in Cores : Accept(c, p)

\* Crashes, joins and leaves are not fair: they may or may not happen.
\* The operation's steps, and installing an agreed view, are weakly fair.
Spec == Init /\ [][Next]_vars
             /\ WF_vars(CompleteOp) /\ WF_vars(AbortOp)
             /\ WF_vars(\E m \in msgs : RecvAck(m))
             /\ \A c \in Cores : WF_vars(RecvReq(c)) /\ WF_vars(Install(c))

-----------------------------------------------------------------------------
\* Two cores that install view v install the same members.
AgreedViews ==
  \A a, b \in vlog : a[1] = b[1] => a[2] = b[2]

\* An operation counts acks only from members of its view, given in that
\* view.
AcksFromViewMembers ==
  \A a \in opAcks : a[1] \in opMem /\ a[2] = opView

\* A completed operation has an ack from every other member of its view.
CompleteOnlyWithAllAcks ==
  opSt = "completed" => \A d \in opMem \ {opInit} : <<d, opView>> \in opAcks

\* LIVENESS: an operation in progress is resolved (completed or aborted),
\* even when a member crashes; only its initiator's own crash ends it.
OperationResolves ==
  (opSt = "running") ~> \/ opSt \in {"completed", "aborted"}
                        \/ opSt = "running" /\ up[opInit] = "crashed"
=============================================================================
