---- MODULE PlusCalRace ----
(***************************************************************************)
(* A PlusCal algorithm in a comment, followed by its translation written   *)
(* the way the PlusCal translator writes it: pc, ProcSet, self, the        *)
(* Terminating disjunct, SPECIFICATION Spec.  Two processes increment a    *)
(* shared counter non-atomically (read, then write), so the final value is *)
(* 1 or 2.                                                                 *)
(*                                                                         *)
(* Expected (PlusCalRace.cfg): exit 0, 13 distinct, 18 generated, depth 5. *)
(*                                                                         *)
(* State <<counter, <<pc[1], pc[2]>>, <<tmp[1], tmp[2]>>>>, R/W/D for      *)
(* "Read"/"Write"/"Done":                                                  *)
(*   L1 0,RR,00: Read(1) -> 0,WR,00; Read(2) -> 0,RW,00           [2]      *)
(*   L2 0,WR,00: Read(2) -> 0,WW,00; Write(1) -> 1,DR,00          [2]      *)
(*      0,RW,00: Read(1) -> 0,WW,00*; Write(2) -> 1,RD,00         [2]      *)
(*   L3 0,WW,00: Write(1) -> 1,DW,00; Write(2) -> 1,WD,00         [2]      *)
(*      1,DR,00: Read(2) -> 1,DW,01                               [1]      *)
(*      1,RD,00: Read(1) -> 1,WD,10                               [1]      *)
(*   L4 1,DW,00 -> 1,DD,00;  1,WD,00 -> 1,DD,00*;                          *)
(*      1,DW,01 -> 2,DD,01;  1,WD,10 -> 2,DD,10                   [1 each] *)
(*   L5 1,DD,00; 2,DD,01; 2,DD,10: Terminating is a self-loop     [1 each] *)
(* ("*" marks a state already seen.)  Distinct: 1+2+3+4+3 = 13.         *)
(* generated = 1 + 2+2+2 + 2+1+1 + 4*1 + 3*1 = 18; depth 5.  No deadlock:  *)
(* the final states have the Terminating self-loop.                        *)
(***************************************************************************)
EXTENDS Naturals

(* --algorithm Race
variables counter = 0;

process Worker \in 1 .. 2
variables tmp = 0;
begin
  Read:
    tmp := counter;
  Write:
    counter := tmp + 1;
end process;

end algorithm; *)
\* BEGIN TRANSLATION
VARIABLES counter, pc, tmp

vars == << counter, pc, tmp >>

ProcSet == (1 .. 2)

Init == (* Global variables *)
        /\ counter = 0
        (* Process Worker *)
        /\ tmp = [self \in 1 .. 2 |-> 0]
        /\ pc = [self \in ProcSet |-> "Read"]

Read(self) == /\ pc[self] = "Read"
              /\ tmp' = [tmp EXCEPT ![self] = counter]
              /\ pc' = [pc EXCEPT ![self] = "Write"]
              /\ UNCHANGED counter

Write(self) == /\ pc[self] = "Write"
               /\ counter' = tmp[self] + 1
               /\ pc' = [pc EXCEPT ![self] = "Done"]
               /\ tmp' = tmp

Worker(self) == Read(self) \/ Write(self)

(* Allow infinite stuttering to prevent deadlock on termination. *)
Terminating == /\ \A self \in ProcSet: pc[self] = "Done"
               /\ UNCHANGED vars

Next == (\E self \in 1 .. 2: Worker(self))
           \/ Terminating

Spec == Init /\ [][Next]_vars

Termination == <>(\A self \in ProcSet: pc[self] = "Done")

\* END TRANSLATION

AllDone == \A self \in ProcSet : pc[self] = "Done"

Inv == /\ counter \in 0 .. 2
       /\ AllDone => counter \in {1, 2}
       /\ \A self \in ProcSet : pc[self] \in {"Read", "Write", "Done"}
====
