---- MODULE OperatorsHO ----
(***************************************************************************)
(* Operators: parameters, higher-order parameters F(_), LAMBDA, LOCAL      *)
(* definitions, RECURSIVE operators and recursive functions (one and two   *)
(* arguments), LET with a local recursive function.                        *)
(*                                                                         *)
(* Expected (OperatorsHO.cfg): exit 0, 6 distinct, 6 generated, depth 6    *)
(* (deadlock checking is off: k = 5 has no successor).                     *)
(*                                                                         *)
(* The state space is a single chain.  Step from k adds {0+k, 1+k} to acc: *)
(*   L1 <<0, {}>>  L2 <<1, {0,1}>>  L3 <<2, 0..2>>  L4 <<3, 0..3>>         *)
(*   L5 <<4, 0..4>>  L6 <<5, 0..5>>                                        *)
(* 6 distinct states; each of the first 5 has exactly 1 successor, the     *)
(* last none: generated = 1 + 5 = 6; depth 6.                              *)
(* Inv holds in every state: e.g. SumSet(0..k) = k*(k+1) \div 2 and        *)
(* binom[k, 1] = k (binom[0, 1] = 0 by the k > n branch).                  *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

LOCAL Double(n) == 2 * n

Twice(F(_), v) == F(F(v))

ApplyAll(F(_), T) == {F(e) : e \in T}

Compose(F(_), G(_), v) == F(G(v))

RECURSIVE SumSet(_)
SumSet(T) == IF T = {} THEN 0
             ELSE LET pick == CHOOSE e \in T : TRUE
                  IN  pick + SumSet(T \ {pick})

RECURSIVE Pow2(_)
Pow2(n) == IF n = 0 THEN 1 ELSE 2 * Pow2(n - 1)

fib[n \in 0 .. 12] == IF n < 2 THEN n ELSE fib[n - 1] + fib[n - 2]

binom[n \in 0 .. 6, j \in 0 .. 6] ==
    IF j = 0 \/ j = n THEN 1
    ELSE IF j > n THEN 0
    ELSE binom[n - 1, j - 1] + binom[n - 1, j]

VARIABLES k, acc

Init == /\ k = 0
        /\ acc = {}

Next == /\ k < 5
        /\ k' = k + 1
        /\ acc' = acc \cup ApplyAll(LAMBDA e : e + k, {0, 1})

Inv == /\ Twice(Double, k) = 4 * k
       /\ Twice(LAMBDA v : v + 3, k) = k + 6
       /\ Compose(Double, LAMBDA v : v + 1, k) = 2 * k + 2
       /\ SumSet(acc) = (k * (k + 1)) \div 2
       /\ Pow2(k) = 2 ^ k
       /\ fib[k + 2] = fib[k + 1] + fib[k]
       /\ fib[10] = 55
       /\ binom[k, 1] = k
       /\ binom[6, 3] = 20
       /\ acc = IF k = 0 THEN {} ELSE 0 .. k
       /\ LET fact[m \in 0 .. 5] == IF m = 0 THEN 1 ELSE m * fact[m - 1]
          IN  fact[k] >= k
====
