package io.edgecoder.portal.live;

import io.edgecoder.core.message.JobEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Counts jobs from their events: which are open (queued or running), and for those that ended in
 * the last hour how long they took from the first event seen and whether they succeeded. Bounded:
 * at most {@value #OPEN_KEPT} open jobs and the endings of one hour.
 */
final class JobTally {
    static final int OPEN_KEPT = 50_000;
    private static final Set<String> ENDED = Set.of("succeeded", "failed", "rejected", "cancelled", "expired");
    /** Only these open a job: a later notice about an ended job (its {@code settled} event) must not. */
    private static final Set<String> OPENING = Set.of("queued", "running");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    /** What the dashboard shows of the jobs. */
    record Figures(int open, double perSecond, Double successRate, Long p50Ms, Long p99Ms) {
    }

    private record Ending(Instant at, long tookMs, boolean succeeded) {
    }

    private final Clock clock;
    private final Map<String, Instant> open = new LinkedHashMap<>();
    private final Deque<Ending> endings = new ArrayDeque<>();

    JobTally(Clock clock) {
        this.clock = clock;
    }

    void observe(JobEvent event) {
        if (event.jobId() == null || event.subtaskId() != null || event.status() == null) {
            return;
        }
        Instant at = event.at() == null ? clock.instant() : event.at();
        if (ENDED.contains(event.status())) {
            Instant began = open.remove(event.jobId());
            long took = began == null ? 0 : Math.max(0, Duration.between(began, at).toMillis());
            endings.addLast(new Ending(at, took, "succeeded".equals(event.status())));
        } else if (OPENING.contains(event.status()) && !open.containsKey(event.jobId()) && open.size() < OPEN_KEPT) {
            open.put(event.jobId(), at);
        }
    }

    Figures figures() {
        Instant now = clock.instant();
        while (!endings.isEmpty() && endings.peekFirst().at().isBefore(now.minus(HOUR))) {
            endings.removeFirst();
        }
        long lastMinute = endings.stream().filter(e -> !e.at().isBefore(now.minus(MINUTE))).count();
        if (endings.isEmpty()) {
            return new Figures(open.size(), lastMinute / 60.0, null, null, null);
        }
        long succeeded = endings.stream().filter(Ending::succeeded).count();
        long[] took = endings.stream().mapToLong(Ending::tookMs).sorted().toArray();
        return new Figures(open.size(), lastMinute / 60.0, succeeded / (double) endings.size(), percentile(took, 50),
            percentile(took, 99));
    }

    static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
