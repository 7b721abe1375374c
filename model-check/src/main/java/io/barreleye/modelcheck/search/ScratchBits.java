package io.barreleye.modelcheck.search;

import java.util.BitSet;

/**
 * Bit sets that the component searches set and clear a bit at a time (the members of the component
 * being examined, Tarjan's on-stack marks). {@link BitSet#clear(int)} looks for the highest word
 * still in use after each clear, scanning down from the cleared word: in a set that holds only a
 * few high bits, every clear scans most of the set, and checking millions of one-state components
 * took quadratic time (measured: a 5.4 million state graph did not finish in minutes). A bit that
 * stays set above every node's bit keeps that scan at one word.
 */
final class ScratchBits {
    private ScratchBits() {}

    /** An empty set for bits {@code 0 .. nodes - 1}, with a sentinel at bit {@code nodes}. */
    static BitSet of(int nodes) {
        BitSet b = new BitSet(nodes + 1);
        b.set(nodes);
        return b;
    }
}
