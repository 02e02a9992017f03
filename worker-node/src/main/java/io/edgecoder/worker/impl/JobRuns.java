package io.edgecoder.worker.impl;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sandbox threads run which job, and which jobs were cancelled, so that a cancellation can
 * stop a job's runs. A run registers its thread, then checks the job; a cancellation marks the
 * job, then interrupts the registered threads: whichever comes second sees the other, so no run
 * of a cancelled job survives. The sandbox's supervisor answers an interrupt by killing the run's
 * whole process tree. The last {@value #REMEMBERED} cancelled jobs are remembered, enough for a
 * run request that was overtaken by its job's cancellation.
 */
final class JobRuns {
    static final int REMEMBERED = 4096;

    private final Map<String, Set<Ticket>> threads = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cancelled = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    static MeshException refusal(String jobId) {
        return new MeshException(ErrorCode.CONFLICT, "job " + jobId + " was cancelled");
    }

    boolean cancelled(String jobId) {
        synchronized (cancelled) {
            return cancelled.containsKey(jobId);
        }
    }

    /** One run's thread; interrupted only while the run lasts (never a later run on the same pooled thread). */
    static final class Ticket {
        private final Thread thread = Thread.currentThread();
        private boolean done;

        synchronized void interrupt() {
            if (!done) {
                thread.interrupt();
            }
        }

        synchronized void done() {
            done = true;
            Thread.interrupted();
        }
    }

    /** Registers the calling thread as running {@code jobId}; null (nothing registered) when the job was cancelled. */
    Ticket started(String jobId) {
        Ticket ticket = new Ticket();
        threads.computeIfAbsent(jobId, k -> ConcurrentHashMap.newKeySet()).add(ticket);
        if (cancelled(jobId)) {
            ended(jobId, ticket);
            return null;
        }
        return ticket;
    }

    /** The run of {@code ticket} ended; an interrupt meant for it is cleared and none can follow. */
    void ended(String jobId, Ticket ticket) {
        ticket.done();
        threads.computeIfPresent(jobId, (k, set) -> {
            set.remove(ticket);
            return set.isEmpty() ? null : set;
        });
    }

    int cancel(String jobId) {
        synchronized (cancelled) {
            cancelled.put(jobId, Boolean.TRUE);
        }
        Set<Ticket> running = threads.getOrDefault(jobId, Set.of());
        running.forEach(Ticket::interrupt);
        return running.size();
    }
}
