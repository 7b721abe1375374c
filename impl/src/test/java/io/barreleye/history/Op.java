package io.barreleye.history;

import java.util.Arrays;

/**
 * One completed operation of a recorded history: who called it, when it was called and when it
 * returned (stamps of one counter shared by every client, so {@code a.ret < b.call} means a
 * returned before b was called), what it was and what it answered.
 */
public record Op(int thread, long call, long ret, String name, int[] args, Object result) {
    @Override
    public String toString() {
        return "t" + thread + " [" + call + "," + ret + "] " + name + Arrays.toString(args) + " -> " + result;
    }
}
