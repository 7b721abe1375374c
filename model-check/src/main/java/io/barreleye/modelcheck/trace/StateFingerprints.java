package io.barreleye.modelcheck.trace;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The fingerprints of the spec states a trace visited: a set of longs held in one open-addressing
 * table of primitives, so that recording a state per event boxes nothing. It is a {@code Set<Long>}
 * for the callers that merge the states of many traces (coverage). Zero marks an empty slot
 * (state fingerprints are never zero); adding zero is refused.
 */
public final class StateFingerprints extends AbstractSet<Long> {
    private long[] table = new long[64];
    private int size;

    /** Adds {@code fp}; true when it was not there before. */
    public boolean add(long fp) {
        if (fp == 0) throw new IllegalArgumentException("a state fingerprint is never 0");
        if (size * 2L >= table.length) grow(); // at most half full: an insert probes about 2.5 slots, not 8.5 as at 3/4
        if (!insert(table, fp)) return false;
        size++;
        return true;
    }

    @Override public boolean add(Long fp) {
        return add(fp.longValue());
    }

    public boolean contains(long fp) {
        int mask = table.length - 1;
        for (int i = slot(fp, mask); ; i = (i + 1) & mask) {
            long cur = table[i];
            if (cur == fp) return fp != 0;
            if (cur == 0) return false;
        }
    }

    @Override public boolean contains(Object o) {
        return o instanceof Long l && contains(l.longValue());
    }

    @Override public int size() {
        return size;
    }

    @Override public Iterator<Long> iterator() {
        return new Iterator<>() {
            private int i = advance(0);

            private int advance(int from) {
                while (from < table.length && table[from] == 0) from++;
                return from;
            }

            @Override public boolean hasNext() {
                return i < table.length;
            }

            @Override public Long next() {
                if (i >= table.length) throw new NoSuchElementException();
                long v = table[i];
                i = advance(i + 1);
                return v;
            }
        };
    }

    private static int slot(long fp, int mask) {
        long z = fp * 0x9E3779B97F4A7C15L;
        return (int) (z ^ (z >>> 32)) & mask;
    }

    private static boolean insert(long[] t, long fp) {
        int mask = t.length - 1;
        for (int i = slot(fp, mask); ; i = (i + 1) & mask) {
            long cur = t[i];
            if (cur == fp) return false;
            if (cur == 0) {
                t[i] = fp;
                return true;
            }
        }
    }

    private void grow() {
        long[] bigger = new long[table.length * 2];
        for (long fp : table) {
            if (fp != 0) insert(bigger, fp);
        }
        table = bigger;
    }
}
