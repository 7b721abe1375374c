---- MODULE TokenRing ----
\* A benchmark model for the checker's throughput: N processes on a ring pass a token and
\* count their turns (mod M) in a function; messages in flight form a set of records. There are
\* M^N count vectors and 2N token places (held by one of N, or in flight to one of N), so with
\* N = 5 and M = 8 the model has 8^5 * 10 = 327,680 distinct states: large enough to time.
EXTENDS Naturals, FiniteSets
CONSTANTS N, M
VARIABLES count, holder, net
vars == <<count, holder, net>>
Procs == 0..N-1
Init == /\ count = [p \in Procs |-> 0]
        /\ holder = 0
        /\ net = {}
\* The holder works once (its count advances) and keeps the token.
Work(p) == /\ holder = p
           /\ count' = [count EXCEPT ![p] = (@ + 1) % M]
           /\ UNCHANGED <<holder, net>>
\* The holder sends the token to its successor.
Pass(p) == /\ holder = p
           /\ net' = net \cup {[to |-> (p + 1) % N]}
           /\ holder' = N
           /\ UNCHANGED count
\* The token arrives.
Recv(m) == /\ holder' = m.to
           /\ net' = net \ {m}
           /\ UNCHANGED count
Next == \/ \E p \in Procs : Work(p) \/ Pass(p)
        \/ \E m \in net : Recv(m)
\* For the liveness benchmark: some step is always taken, so a token in flight always arrives.
Spec == Init /\ [][Next]_vars /\ WF_vars(Next)
TokenArrives == holder = N ~> holder # N
\* Not one of the forms the graph checker decides directly, so it goes through the tableau.
HeldOftenOrParked == []<>(holder # N) \/ <>[](holder = 0)
TypeOK == /\ count \in [Procs -> 0..M-1]
          /\ holder \in 0..N
          /\ Cardinality(net) <= 1
====
