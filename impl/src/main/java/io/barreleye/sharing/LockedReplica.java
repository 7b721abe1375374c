package io.barreleye.sharing;

import java.util.concurrent.locks.ReentrantLock;

/** {@link SharingMode#SHARED}: one copy in the group's shared cache, every access under one lock. */
final class LockedReplica implements GroupReplica {
    private final ReentrantLock lock = new ReentrantLock();
    private long value;

    @Override
    public long add(int member, long delta) {
        lock.lock();
        try {
            value += delta;
            return value;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long get(int member) {
        lock.lock();
        try {
            return value;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SharingMode mode() {
        return SharingMode.SHARED;
    }

    @Override
    public void close() {
        // nothing to release: the copy is plain memory
    }
}
