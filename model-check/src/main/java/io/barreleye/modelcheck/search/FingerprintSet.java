package io.barreleye.modelcheck.search;

/**
 * The set of fingerprints of the states seen so far: open addressing over primitive long arrays,
 * split into independently locked stripes so that several workers can insert at once. Zero marks
 * an empty slot (fingerprints are never zero).
 */
public final class FingerprintSet {
    private static final int STRIPE_BITS = 6;
    private final Stripe[] stripes = new Stripe[1 << STRIPE_BITS];

    public FingerprintSet() {
        for (int i = 0; i < stripes.length; i++) stripes[i] = new Stripe();
    }

    /** Adds {@code fp}; true when it was not there before. */
    public boolean add(long fp) {
        Stripe s = stripes[(int) (fp >>> (64 - STRIPE_BITS))];
        synchronized (s) {
            return s.add(fp);
        }
    }

    public boolean contains(long fp) {
        Stripe s = stripes[(int) (fp >>> (64 - STRIPE_BITS))];
        synchronized (s) {
            return s.contains(fp);
        }
    }

    public long size() {
        long n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += s.size;
            }
        }
        return n;
    }

    /** Bytes held by the tables. */
    public long bytes() {
        long n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                n += 8L * s.table.length;
            }
        }
        return n;
    }

    private static final class Stripe {
        long[] table = new long[1024];
        int size;

        boolean add(long fp) {
            if (size * 4L >= table.length * 3L) grow();
            return insert(table, fp);
        }

        private boolean insert(long[] t, long fp) {
            int mask = t.length - 1;
            int i = (int) mix(fp) & mask;
            while (true) {
                long cur = t[i];
                if (cur == 0) {
                    t[i] = fp;
                    if (t == table) size++;
                    return true;
                }
                if (cur == fp) return false;
                i = (i + 1) & mask;
            }
        }

        boolean contains(long fp) {
            int mask = table.length - 1;
            int i = (int) mix(fp) & mask;
            while (true) {
                long cur = table[i];
                if (cur == 0) return false;
                if (cur == fp) return true;
                i = (i + 1) & mask;
            }
        }

        private void grow() {
            long[] old = table;
            long[] t = new long[old.length * 2];
            for (long fp : old) {
                if (fp != 0) insertInto(t, fp);
            }
            table = t;
        }

        private static void insertInto(long[] t, long fp) {
            int mask = t.length - 1;
            int i = (int) mix(fp) & mask;
            while (t[i] != 0) i = (i + 1) & mask;
            t[i] = fp;
        }

        private static long mix(long fp) {
            return fp ^ (fp >>> 29) ^ (fp >>> 43);
        }
    }
}
