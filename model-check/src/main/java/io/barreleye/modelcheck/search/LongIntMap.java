package io.barreleye.modelcheck.search;

import java.util.Arrays;

/**
 * Fingerprint to state index, open addressing in two primitive arrays (about 20 bytes a state at
 * the load factor kept), instead of a boxed map's 80. Key 0 marks a free slot: fingerprints are
 * never 0. Not thread-safe; {@link StateGraph} locks around it.
 */
final class LongIntMap {
    private long[] keys = new long[1 << 10];
    private int[] values = new int[1 << 10];
    private int size;

    /** The value of {@code key}, or -1. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == key) return values[i];
            if (k == 0) return -1;
        }
    }

    void put(long key, int value) {
        if ((size + 1) * 3L > keys.length * 2L) grow();
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == 0 || keys[i] == key) {
                if (keys[i] == 0) size++;
                keys[i] = key;
                values[i] = value;
                return;
            }
        }
    }

    int size() {
        return size;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) put(oldKeys[i], oldValues[i]);
        }
        Arrays.fill(oldKeys, 0);
    }
}
