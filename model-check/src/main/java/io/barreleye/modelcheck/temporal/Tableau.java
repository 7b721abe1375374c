package io.barreleye.modelcheck.temporal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tableau of a temporal formula (the negation of a property): a graph whose infinite paths
 * are the ways a behaviour can satisfy the formula, as TLC's liveness checker builds it. Each
 * node says which literals hold now (state literals on the current state, action literals on the
 * step leaving it) and which formulas must hold from the next state on. {@code <>F} is fulfilled
 * now or postponed; a path is accepting when it does not postpone any {@code <>F} forever, so
 * node {@code n} is in acceptance set {@code i} when it does not postpone eventuality {@code i}.
 */
public final class Tableau {
    /** A tableau node. */
    public static final class Node {
        public final int id;
        public final Ltl.Lit[] stateLits;
        public final Ltl.Lit[] actionLits;
        final Set<Ltl> next;
        /** Bit i: this node does not postpone eventuality i. */
        final boolean[] accepts;
        int[] succ;

        Node(int id, Set<Ltl.Lit> lits, Set<Ltl> next, List<Ltl.Eventually> eventualities) {
            this.id = id;
            this.stateLits = lits.stream().filter(l -> !l.atom().action).toArray(Ltl.Lit[]::new);
            this.actionLits = lits.stream().filter(l -> l.atom().action).toArray(Ltl.Lit[]::new);
            this.next = next;
            this.accepts = new boolean[eventualities.size()];
            for (int i = 0; i < accepts.length; i++) accepts[i] = !next.contains(eventualities.get(i));
        }

        public int[] successors() {
            return succ;
        }

        /** Whether the node does not postpone eventuality {@code i}. */
        public boolean accepts(int i) {
            return accepts[i];
        }
    }

    private final List<Node> nodes = new ArrayList<>();
    private final Map<List<Object>, Node> byKey = new HashMap<>();
    private final List<Ltl.Eventually> eventualities = new ArrayList<>();
    private final int[] initial;

    /** Tableaux bigger than this are refused rather than built (the product with the graph would be too). */
    public static final int MAX_NODES = 4096;

    public Tableau(Ltl formula) {
        collectEventualities(formula);
        this.initial = expandAll(Set.of(formula));
        Map<Set<Ltl>, int[]> memo = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            n.succ = memo.computeIfAbsent(n.next, this::expandAll);
        }
    }

    public int size() {
        return nodes.size();
    }

    public Node node(int i) {
        return nodes.get(i);
    }

    public int[] initial() {
        return initial;
    }

    public int eventualities() {
        return eventualities.size();
    }

    private void collectEventualities(Ltl f) {
        if (f instanceof Ltl.Eventually ev) {
            if (!eventualities.contains(ev)) eventualities.add(ev);
            collectEventualities(ev.f());
        } else if (f instanceof Ltl.Always al) {
            collectEventualities(al.f());
        } else if (f instanceof Ltl.And a) {
            collectEventualities(a.a());
            collectEventualities(a.b());
        } else if (f instanceof Ltl.Or o) {
            collectEventualities(o.a());
            collectEventualities(o.b());
        }
    }

    /** The nodes satisfying every formula of {@code now}: their ids. */
    private int[] expandAll(Set<Ltl> now) {
        List<Node> out = new ArrayList<>();
        expand(new ArrayDeque<>(now), new LinkedHashSet<>(), new LinkedHashSet<>(), out);
        return out.stream().mapToInt(n -> n.id).distinct().toArray();
    }

    private void expand(Deque<Ltl> todo, Set<Ltl.Lit> lits, Set<Ltl> next, List<Node> out) {
        while (!todo.isEmpty()) {
            Ltl f = todo.pop();
            if (f instanceof Ltl.Const c) {
                if (!c.value()) return;
            } else if (f instanceof Ltl.Lit l) {
                if (lits.contains(new Ltl.Lit(l.atom(), !l.positive()))) return;
                lits.add(l);
            } else if (f instanceof Ltl.And a) {
                todo.push(a.b());
                todo.push(a.a());
            } else if (f instanceof Ltl.Or o) {
                expand(with(todo, o.a()), new LinkedHashSet<>(lits), new LinkedHashSet<>(next), out);
                todo.push(o.b());
            } else if (f instanceof Ltl.Always al) {
                next.add(al);
                todo.push(al.f());
            } else {
                Ltl.Eventually ev = (Ltl.Eventually) f;
                expand(with(todo, ev.f()), new LinkedHashSet<>(lits), new LinkedHashSet<>(next), out);
                next.add(ev);
            }
        }
        List<Object> key = List.of(Set.copyOf(lits), Set.copyOf(next));
        Node n = byKey.get(key);
        if (n == null) {
            if (nodes.size() >= MAX_NODES) {
                throw new IllegalArgumentException("the tableau of the property has more than " + MAX_NODES + " nodes");
            }
            n = new Node(nodes.size(), lits, Set.copyOf(next), eventualities);
            nodes.add(n);
            byKey.put(key, n);
        }
        out.add(n);
    }

    private static Deque<Ltl> with(Deque<Ltl> todo, Ltl f) {
        Deque<Ltl> d = new ArrayDeque<>(todo);
        d.push(f);
        return d;
    }
}
