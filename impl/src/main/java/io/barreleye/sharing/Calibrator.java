package io.barreleye.sharing;

import java.util.Locale;

/** Measures, for a cache group of a given size, what an operation costs in each mode. */
@FunctionalInterface
public interface Calibrator {
    /** ns per operation with one shared copy under a lock and with messages to the home core, and the clients used. */
    record Measurement(double sharedNanos, double messagesNanos, int clients) {
        /** The cheaper mode; messages on a tie (the default stays unless sharing is measurably faster). */
        public SharingMode faster() {
            return sharedNanos < messagesNanos ? SharingMode.SHARED : SharingMode.MESSAGES;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "shared %.0f ns/op, messages %.0f ns/op, %d client%s", sharedNanos,
                    messagesNanos, clients, clients == 1 ? "" : "s");
        }
    }

    Measurement measure(int groupSize);
}
