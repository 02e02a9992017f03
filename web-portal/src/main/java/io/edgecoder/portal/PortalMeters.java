package io.edgecoder.portal;

/**
 * Names of the meters the portal registers (Micrometer dotted names; Prometheus shows them
 * with underscores and a {@code _total} suffix for counters).
 */
public final class PortalMeters {
    /** Counter of job submissions, tagged {@code outcome}: queued, rejected, invalid, failed. */
    public static final String JOBS_SUBMITTED = "edgecoder.portal.jobs.submitted";
    /** Counter of {@code /api} requests refused for a missing or wrong credential. */
    public static final String AUTH_FAILURES = "edgecoder.portal.auth.failures";
    /** Tag on {@link #JOBS_SUBMITTED}. */
    public static final String OUTCOME = "outcome";

    private PortalMeters() {
    }
}
