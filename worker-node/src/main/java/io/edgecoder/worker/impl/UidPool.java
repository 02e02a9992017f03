package io.edgecoder.worker.impl;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A uid (and the gid of the same number) for each run in progress, so that no two runs share
 * one: a run can then neither signal nor read another, RLIMIT_NPROC counts only its own
 * processes, and everything it left behind can be found by its uid.
 */
final class UidPool {
    private final BlockingQueue<Integer> free;

    UidPool(int base, int size) {
        if (base < 1000 || size < 1) {
            throw new IllegalArgumentException("sandbox uids must start at 1000 or above");
        }
        free = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            free.add(base + i);
        }
    }

    /** Blocks while every uid is in use (the scheduler runs at most as many runs as the pool holds). */
    int acquire() throws InterruptedException {
        return free.take();
    }

    /** A free uid, or null when every uid is in use (never blocks). */
    Integer tryAcquire() {
        return free.poll();
    }

    void release(int uid) {
        free.add(uid);
    }
}
