---- MODULE MembershipNoCrashAbort ----
(* BUG (liveness): the initiator does not watch for crashes; it aborts    *)
(* only when its own view changes.  AbortOp lacks the crash clause; the    *)
(* rest is Membership.tla.                                                 *)
(*                                                                         *)
(* Checker: exit 13, Temporal property OperationResolves was violated.    *)
(* The counterexample (a lasso ending in stuttering): core 1 starts the    *)
(* operation in view 1 = {1, 2}; core 2 asks to leave and core 1 proposes  *)
(* view 2 = {1}; core 2 crashes before it acks (core 3, never powered on, *)
(* fails too); then nothing more happens: committing view 2 would abort    *)
(* the operation (core 1's view changes), but proposing and committing are *)
(* not fair, so the operation stays running forever.  Membership.tla       *)
(* aborts on the crash itself and needs no view change.                    *)
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
Ops == 1 .. MaxOps
Msg == [kind : {"Req", "Ack"}, op : Ops, from : Cores, to : Cores, v : Views]

VARIABLES up,       \* up[c]: "off", "live" or "crashed"
          leaving,  \* cores that asked to leave (power management)
          view,     \* view[c]: number of the view core c installed
          mem,      \* mem[c]: members of the view core c installed
          prop,     \* prop[p]: core p's pending proposal, or NoProp
          acc,      \* acc[c]: the proposer whose proposal c accepted, or None
          cv,       \* the last agreed (committed) view
          vlog,     \* ghost: every <<v, members>> some core installed
          opSt,     \* opSt[o], operation o: "idle", "running", "completed", "aborted"
          opInit,   \* opInit[o]: its initiator
          opView,   \* opView[o]: the view number it runs in
          opMem,    \* opMem[o]: the members of that view
          opAcks,   \* opAcks[o]: acks counted, as <<core, view it answered in>>
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
  /\ opSt \in [Ops -> {"idle", "running", "completed", "aborted"}]
  /\ opInit \in [Ops -> Cores \cup {None}]
  /\ opView \in [Ops -> Views]
  /\ opMem \in [Ops -> SUBSET Cores]
  /\ opAcks \in [Ops -> SUBSET (Cores \X Views)]
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
  /\ opSt = [o \in Ops |-> "idle"] /\ opInit = [o \in Ops |-> None]
  /\ opView = [o \in Ops |-> 0] /\ opMem = [o \in Ops |-> {}]
  /\ opAcks = [o \in Ops |-> {}] /\ opCount = 0 /\ msgs = {}

Live(c) == up[c] = "live"
Member(c) == Live(c) /\ view[c] > 0 /\ c \in mem[c]

-----------------------------------------------------------------------------
(* Membership                                                              *)

\* An off core is hot-plugged: it runs, but is in no view yet.
PowerOn(c) ==
  /\ up[c] = "off"
  /\ up' = [up EXCEPT ![c] = "live"]
  /\ UNCHANGED <<leaving, view, mem, prop, acc, cv, vlog>> /\ UNCHANGED opv

\* A member with no operation running asks to leave (power management); it
\* starts no operation from now on.
Leave(c) ==
  /\ Member(c) /\ c \notin leaving
  /\ ~\E o \in 1 .. opCount : opSt[o] = "running" /\ opInit[o] = c \* operations after opCount are idle
  /\ leaving' = leaving \cup {c}
  /\ UNCHANGED <<up, view, mem, prop, acc, cv, vlog>> /\ UNCHANGED opv

\* The last live member of its view cannot leave (no view would remain):
\* it stays, and may start operations again.  (Not while it has accepted a
\* proposal, which may be agreed: see Pending.)
CancelLeave(c) ==
  /\ Member(c) /\ c \in leaving /\ acc[c] = None
  /\ \A y \in mem[c] \ {c} : ~Live(y)
  /\ leaving' = leaving \ {c}
  /\ UNCHANGED <<up, view, mem, prop, acc, cv, vlog>> /\ UNCHANGED opv

\* A live core crashes (crash-stop); every core sees it.  A powered-off core
\* may fail too: it can then never be powered on again.
Crash(c) ==
  /\ up[c] \in {"live", "off"}
  /\ up' = [up EXCEPT ![c] = "crashed"]
  /\ UNCHANGED <<leaving, view, mem, prop, acc, cv, vlog>> /\ UNCHANGED opv

\* The views member p may propose next: add one live non-member, or remove
\* one crashed or leaving member; p removes itself only when it is leaving
\* and another member is live (a leaving coordinator hands over).
Changes(p) ==
  {mem[p] \cup {j} : j \in {x \in Cores \ mem[p] : Live(x)}}
  \cup {mem[p] \ {x} : x \in {y \in mem[p] \ {p} : up[y] = "crashed" \/ y \in leaving}}
  \cup (IF p \in leaving /\ \E y \in mem[p] \ {p} : Live(y) THEN {mem[p] \ {p}} ELSE {})

\* The pending proposals for view view[p]+1 of proposers that crashed: one
\* may have been agreed before the crash, so a member proposes it again,
\* unchanged, rather than another view with that number.
Pending(p) ==
  {prop[q].mem : q \in {x \in Cores : up[x] = "crashed" /\ prop[x] # NoProp /\ prop[x].v = view[p] + 1}}

\* Member p proposes view view[p]+1 with members M, and accepts it itself.
Propose(p, M) ==
  /\ Member(p)
  /\ view[p] < MaxView /\ cv.v = view[p]
  /\ prop[p] = NoProp /\ acc[p] = None
  /\ M \in Changes(p) \cup Pending(p)
  /\ prop' = [prop EXCEPT ![p] = [v |-> view[p] + 1, mem |-> M]]
  /\ acc' = [acc EXCEPT ![p] = p]
  /\ UNCHANGED <<up, leaving, view, mem, cv, vlog>> /\ UNCHANGED opv

\* Live member c of p's view accepts p's proposal (its first for that view).
Accept(c, p) ==
  /\ prop[p] # NoProp
  /\ Live(c) /\ c \in mem[p] /\ view[c] = view[p]
  /\ acc[c] = None
  /\ acc' = [acc EXCEPT ![c] = p]
  /\ UNCHANGED <<up, leaving, view, mem, prop, cv, vlog>> /\ UNCHANGED opv

\* Every live member of p's view accepted p's proposal: it is agreed.  The
\* acceptance must be given in p's view: a member that accepted p's
\* previous proposal and has not installed the view it agreed still holds
\* acc = p, which is no acceptance of this one.
Commit(p) ==
  /\ Live(p) /\ prop[p] # NoProp
  /\ \A m \in mem[p] : up[m] = "crashed" \/ (acc[m] = p /\ view[m] = view[p])
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

\* Member i starts operation opCount + 1 in its view: Req to every other
\* member.  Operations of other cores, and earlier ones of i, may still run.
StartOp(i) ==
  /\ opCount < MaxOps
  /\ Member(i) /\ i \notin leaving
  /\ LET o == opCount + 1
     IN  /\ opSt' = [opSt EXCEPT ![o] = "running"]
         /\ opInit' = [opInit EXCEPT ![o] = i]
         /\ opView' = [opView EXCEPT ![o] = view[i]]
         /\ opMem' = [opMem EXCEPT ![o] = mem[i]]
         /\ opCount' = o
         /\ msgs' = msgs \cup {[kind |-> "Req", op |-> o, from |-> i, to |-> d, v |-> view[i]]
                                : d \in mem[i] \ {i}}
  /\ UNCHANGED opAcks /\ UNCHANGED memb

\* Live core m.to, which has installed the Req's view (or a later one), acks
\* it in the view it has installed.
RecvReq(m) ==
  /\ m \in msgs /\ m.kind = "Req"
  /\ Live(m.to) /\ view[m.to] >= m.v
  /\ msgs' = (msgs \ {m}) \cup {[kind |-> "Ack", op |-> m.op, from |-> m.to, to |-> m.from, v |-> view[m.to]]}
  /\ UNCHANGED <<opSt, opInit, opView, opMem, opAcks, opCount>> /\ UNCHANGED memb

\* The initiator of operation m.op receives an ack: counted if from a member
\* of the op's view answering in that view; an ack from a later view aborts
\* the operation.
RecvAck(m) ==
  /\ m \in msgs /\ m.kind = "Ack"
  /\ Live(m.to)
  /\ msgs' = msgs \ {m}
  /\ LET o == m.op
     IN  IF opSt[o] = "running" /\ m.v = opView[o] /\ m.from \in opMem[o]
           THEN /\ opAcks' = [opAcks EXCEPT ![o] = @ \cup {<<m.from, m.v>>}]
                /\ UNCHANGED opSt
           ELSE /\ opSt' = IF opSt[o] = "running" /\ m.v > opView[o]
                             THEN [opSt EXCEPT ![o] = "aborted"] ELSE opSt
                /\ UNCHANGED opAcks
  /\ UNCHANGED <<opInit, opView, opMem, opCount>> /\ UNCHANGED memb

\* Every other member of operation o's view acked: it completes.
CompleteOp(o) ==
  /\ opSt[o] = "running" /\ Live(opInit[o])
  /\ \A d \in opMem[o] \ {opInit[o]} : <<d, opView[o]>> \in opAcks[o]
  /\ opSt' = [opSt EXCEPT ![o] = "completed"]
  /\ UNCHANGED <<opInit, opView, opMem, opAcks, opCount, msgs>> /\ UNCHANGED memb

\* A member crashed before acking, or the initiator's view changed: the
\* operation aborts (its future fails; the caller may retry in the new view).
AbortOp(o) ==
  /\ opSt[o] = "running" /\ Live(opInit[o])
  /\ view[opInit[o]] # opView[o]              \* BUG: no crash clause
  /\ opSt' = [opSt EXCEPT ![o] = "aborted"]
  /\ UNCHANGED <<opInit, opView, opMem, opAcks, opCount, msgs>> /\ UNCHANGED memb

Next ==
  \/ \E o \in Ops : CompleteOp(o) \/ AbortOp(o)
  \/ \E m \in msgs : RecvReq(m) \/ RecvAck(m)
  \/ \E c \in Cores : \/ PowerOn(c) \/ Leave(c) \/ CancelLeave(c) \/ Crash(c) \/ Commit(c)
                      \/ Withdraw(c) \/ Forget(c) \/ Install(c) \/ PowerOff(c)
                      \/ StartOp(c)
                      \/ \E M \in SUBSET Cores : Propose(c, M)
                      \/ \E p \in Cores : Accept(c, p)

\* Crashes, joins and leaves are not fair: they may or may not happen.
\* The operation's steps, and installing an agreed view, are weakly fair.
Spec == Init /\ [][Next]_vars
             /\ \A o \in Ops : WF_vars(CompleteOp(o)) /\ WF_vars(AbortOp(o))
             /\ WF_vars(\E m \in msgs : RecvAck(m))
             /\ \A c \in Cores : WF_vars(\E m \in msgs : m.to = c /\ RecvReq(m))
                                /\ WF_vars(Install(c))

-----------------------------------------------------------------------------
\* Two cores that install view v install the same members.
AgreedViews ==
  \A a, b \in vlog : a[1] = b[1] => a[2] = b[2]

\* An operation counts acks only from members of its view, given in that
\* view.
AcksFromViewMembers ==
  \A o \in Ops : \A a \in opAcks[o] : a[1] \in opMem[o] /\ a[2] = opView[o]

\* A completed operation has an ack from every other member of its view.
CompleteOnlyWithAllAcks ==
  \A o \in Ops : opSt[o] = "completed" => \A d \in opMem[o] \ {opInit[o]} : <<d, opView[o]>> \in opAcks[o]

\* LIVENESS: an operation in progress is resolved (completed or aborted),
\* even when a member crashes; only its initiator's own crash ends it.
OperationResolves ==
  \A o \in Ops : (opSt[o] = "running") ~> \/ opSt[o] \in {"completed", "aborted"}
                                          \/ opSt[o] = "running" /\ up[opInit[o]] = "crashed"
=============================================================================
