---- MODULE UnicodeAll ----
(***************************************************************************)
(* The Unicode forms of TLA+ symbols: ≜ ∧ ∨ ¬ ∈ ∀ ∃ ≤ ≥ ≠ ∪ ∩ ⊆ ⟨ ⟩ → ↦,  *)
(* including bulleted ∧/∨ lists, a function set [S → T] and a function     *)
(* constructor [x ∈ S ↦ e].                                                *)
(*                                                                         *)
(* Expected (UnicodeAll.cfg): exit 0, 16 distinct, 32 generated, depth 3.  *)
(*                                                                         *)
(* State <<s, f>> with f ∈ [{1,2} → {0,1}] written (f[1],f[2]).            *)
(* Initial states: s = {1} and the 4 functions f: 4 states (level 1).      *)
(* Add(e) for e ∉ s adds e to s (f unchanged); Flip (|s| ≥ 2) sets         *)
(* s' = s ∩ {1,2} and complements both values of f.                        *)
(* s ranges over {1}, {1,2}, {1,3}, {1,2,3}: 4 * 4 = 16 states.            *)
(*   s = {1}:     2 Adds, no Flip     -> 4 states * 2 = 8   (level 1)      *)
(*   s = {1,2}:   1 Add + 1 Flip      -> 4 states * 2 = 8   (level 2)      *)
(*   s = {1,3}:   1 Add + 1 Flip      -> 4 states * 2 = 8   (level 2)      *)
(*   s = {1,2,3}: no Add + 1 Flip     -> 4 states * 1 = 4   (level 3)      *)
(* generated = 4 (init) + 8 + 8 + 8 + 4 = 32.  Flip from {1,2} or {1,2,3}  *)
(* lands in s = {1,2}, from {1,3} in s = {1}, both already at levels <= 2; *)
(* so the depth is 3 (s = {1,2,3}).                                        *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

VARIABLES s, f

Init ≜ ∧ s = {1}
       ∧ f ∈ [{1, 2} → {0, 1}]

Add(e) ≜ ∧ ¬(e ∈ s)
         ∧ s' = s ∪ {e}
         ∧ f' = f

Flip ≜ ∧ Cardinality(s) ≥ 2
       ∧ s' = s ∩ {1, 2}
       ∧ f' = [i ∈ {1, 2} ↦ 1 - f[i]]

Next ≜ ∨ ∃ e ∈ {1, 2, 3} : Add(e)
       ∨ Flip

Inv ≜ ∧ s ⊆ {1, 2, 3}
      ∧ 1 ∈ s
      ∧ ∀ i ∈ DOMAIN f : f[i] ≤ 1 ∧ f[i] ≥ 0
      ∧ ⟨f[1], f[2]⟩ ≠ ⟨2, 2⟩
      ∧ ∃ e ∈ s : e ≥ 1
      ∧ s ∩ {5} = {}
      ∧ ∨ Cardinality(s) = 1
        ∨ ¬(Cardinality(s) = 1)
====
