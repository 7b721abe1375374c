---- MODULE Grid ----
(***************************************************************************)
(* Tuples and records: the position is a triple from the 3-fold product    *)
(* A \X B \X C (a set of triples, not of nested pairs), records indexed by *)
(* string, r.field and r[str], DOMAIN of a record, negative coordinates.   *)
(* A robot on the 3x3 grid (-1..1)^2 moves forward or turns right.         *)
(*                                                                         *)
(* Expected (Grid.cfg): exit 0, 36 distinct, 64 generated, depth 6.        *)
(*                                                                         *)
(* Initial states: {0} \X {0} \X Dirs = 4 states (one per heading).        *)
(* All 9 cells * 4 headings = 36 states are reachable.  Successors:        *)
(*   Right:   always 1                                  -> 36              *)
(*   Forward: 1 unless the robot faces the border; for each heading, the   *)
(*            6 cells not on the facing border           -> 4 * 6 = 24     *)
(*   generated = 4 (init) + 36 + 24 = 64                                   *)
(* Depth: BFS level sizes are 4, 4, 4, 8, 8, 8 (sum 36).  A corner is     *)
(* entered at level 4 at the earliest, e.g. (0,0,south) -> (0,-1,south) -> *)
(* (0,-1,west) -> (-1,-1,west); facing east there takes two more right     *)
(* turns: (-1,-1,east) is at level 6, the depth.                           *)
(***************************************************************************)
EXTENDS Integers

Delta == [north |-> <<0, 1>>, east |-> <<1, 0>>, south |-> <<0, -1>>, west |-> <<-1, 0>>]

Turn == [north |-> "east", east |-> "south", south |-> "west", west |-> "north"]

Dirs == DOMAIN Delta

Coord == -1 .. 1

VARIABLE pos

Init == pos \in {0} \X {0} \X Dirs

Forward == LET d == Delta[pos[3]]
               nx == pos[1] + d[1]
               ny == pos[2] + d[2]
           IN  /\ nx \in Coord
               /\ ny \in Coord
               /\ pos' = <<nx, ny, pos[3]>>

Right == pos' = <<pos[1], pos[2], Turn[pos[3]]>>

Next == Forward \/ Right

Inv == /\ pos \in Coord \X Coord \X Dirs
       /\ Delta.north = <<0, 1>>
       /\ Turn[Turn[Turn[Turn[pos[3]]]]] = pos[3]
====
