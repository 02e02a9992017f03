package io.edgecoder.core;

/** Names of EdgeCoder's own Micrometer meters (Prometheus turns dots into underscores). */
public final class MeterNames {
    /** Counter: jobs accepted by a coordinator. */
    public static final String JOBS_SUBMITTED = "edgecoder.jobs.submitted";
    /** Counter: submissions that repeated an idempotency key and got the job recorded first back. */
    public static final String JOBS_SUBMITTED_REPEATS = "edgecoder.jobs.submitted.repeats";
    /** Counter tagged {@code status}: jobs that reached a final state. */
    public static final String JOBS_FINISHED = "edgecoder.jobs.finished";
    /** Submissions refused with 429 because a queue bound was reached (tag {@code bound}: account | global). */
    public static final String JOBS_QUEUE_FULL = "edgecoder.jobs.queue.full";
    /** Timer: submit to final state. */
    public static final String JOB_DURATION = "edgecoder.job.duration";
    /** Counter tagged {@code outcome}: subtask attempts dispatched to workers. */
    public static final String SUBTASK_ATTEMPTS = "edgecoder.subtask.attempts";
    /** Gauge: workers in a coordinator's capacity table. */
    public static final String WORKERS_KNOWN = "edgecoder.workers.known";
    /** Timer tagged {@code status}: sandbox runs on a worker. */
    public static final String SANDBOX_RUNS = "edgecoder.sandbox.runs";
    /** Counter: ledger entries appended. */
    public static final String LEDGER_ENTRIES = "edgecoder.ledger.entries";

    /** Gauge: edge connections a bridge holds. */
    public static final String BRIDGE_CONNECTIONS = "edgecoder.bridge.connections";
    /** Counter tagged {@code direction} (in | out): frames through a bridge. */
    public static final String BRIDGE_FRAMES = "edgecoder.bridge.frames";
    /** Counter tagged {@code reason}: connections and frames a bridge refused. */
    public static final String BRIDGE_REFUSALS = "edgecoder.bridge.refusals";

    /** Counter tagged {@code outcome} (ok | failed | refused): requests through the operator bridge. */
    public static final String OPERATOR_REQUESTS = "edgecoder.operator.requests";
    /** Counter tagged {@code reason} (auth, address, frame, size, limit): what the operator bridge refused. */
    public static final String OPERATOR_REFUSALS = "edgecoder.operator.refusals";

    private MeterNames() {
    }
}
