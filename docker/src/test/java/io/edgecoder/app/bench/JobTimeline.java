package io.edgecoder.app.bench;

import io.edgecoder.core.message.JobEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * When each job of a benchmark was submitted and when the bench heard the coordinator's events for
 * it (job {@code queued}, subtask {@code running} = dispatched to the worker, subtask {@code passed}
 * = the verified result stored, job {@code succeeded} = stored as verified), so the submit-to-verified
 * time splits into intake (HTTP, checks, the job row, the ledger hold), dispatch (plan, subtask rows,
 * slot lease, dispatch record), run and verification (bus to the worker, the sandbox, the signed
 * reply, the claim checks and writes) and aggregation.
 */
final class JobTimeline {
    /** One job's times in nanoseconds (0 = not heard). */
    private static final class Job {
        volatile long submitted;
        volatile long queued;
        volatile long dispatched;
        volatile long verified;
        volatile long finished;
        volatile long sandboxWallMs;
        final CompletableFuture<Boolean> end = new CompletableFuture<>();

        long total() {
            return finished - submitted;
        }
    }

    private final Map<String, Job> live = new ConcurrentHashMap<>();
    private final List<Job> kept = new ArrayList<>();

    private Job job(String id) {
        return live.computeIfAbsent(id, k -> new Job());
    }

    /** Called on the event loop for every job event. */
    void heard(JobEvent e, long now) {
        Job j = job(e.jobId());
        if (e.subtaskId() == null) {
            switch (e.status()) {
                case "queued" -> j.queued = now;
                case "succeeded" -> {
                    j.finished = now;
                    j.end.complete(true);
                }
                case "failed", "rejected", "cancelled", "expired" -> j.end.complete(false);
                default -> { }
            }
        } else if ("running".equals(e.status())) {
            j.dispatched = now;
        } else if ("passed".equals(e.status())) {
            j.verified = now;
        }
    }

    void submitted(String id, long t0) {
        job(id).submitted = t0;
    }

    /** Whether the job succeeded within {@code seconds}. */
    boolean awaitEnd(String id, int seconds) throws Exception {
        return job(id).end.get(seconds, TimeUnit.SECONDS);
    }

    void keep(String id, long sandboxWallMs) {
        Job j = live.remove(id);
        j.sandboxWallMs = sandboxWallMs;
        kept.add(j);
    }

    void drop(String id) {
        live.remove(id);
    }

    Stats total() {
        return stats(Job::total);
    }

    private Stats stats(ToLongFunction<Job> f) {
        return new Stats(kept.stream().mapToLong(f).toArray());
    }

    /** Medians of each step, in milliseconds. */
    String steps() {
        return String.format("intake %.1f, dispatch %.1f, run+verify %.1f (sandbox wall %.1f), aggregate %.1f",
            median(j -> j.queued - j.submitted), median(j -> j.dispatched - j.queued), median(j -> j.verified - j.dispatched),
            stats(j -> TimeUnit.MILLISECONDS.toNanos(j.sandboxWallMs)).percentileMillis(50), median(j -> j.finished - j.verified));
    }

    private double median(ToLongFunction<Job> f) {
        return stats(f).percentileMillis(50);
    }
}
