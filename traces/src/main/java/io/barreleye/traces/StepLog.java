package io.barreleye.traces;

import java.util.Arrays;
import java.util.List;

/**
 * The steps of one endpoint, appended by that endpoint's thread alone and read by another once the
 * run is over (or while it runs: {@link #snapshot} is safe at any time). No lock: the writer
 * publishes each step with a volatile count, the array it grows into is volatile too, so a reader
 * that sees a count sees every step below it.
 */
final class StepLog {
    private volatile ChannelStep[] steps = new ChannelStep[64];
    private volatile int size;
    /** The side's "told busy and holding a message" (the spec's busy[c]), kept by the writer only. */
    private boolean busy;

    /**
     * Appends a step; a busy answer while already busy changes no spec variable (a stutter) and is
     * dropped, so every logged step is an event.
     */
    void add(ChannelStep s) {
        if (s.action().equals("SendBusy")) {
            if (busy) return;
            busy = true;
        } else if (s.action().equals("Send")) {
            busy = false;
        }
        int n = size;
        ChannelStep[] a = steps;
        if (n == a.length) {
            a = Arrays.copyOf(a, 2 * n);
            steps = a;
        }
        a[n] = s;
        size = n + 1;
    }

    int size() {
        return size;
    }

    /** The steps logged so far, in the order the endpoint took them. */
    List<ChannelStep> snapshot() {
        int n = size;
        return List.of(Arrays.copyOf(steps, n));
    }
}
