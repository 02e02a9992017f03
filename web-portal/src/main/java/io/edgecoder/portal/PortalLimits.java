package io.edgecoder.portal;

/** Request size limits of the portal's HTTP API. */
public final class PortalLimits {
    /**
     * Largest accepted body of a job submission. The job itself may hold at most 2 MiB of files
     * ({@link io.edgecoder.core.JobSpecs#MAX_TOTAL_BYTES}); the rest is room for JSON escaping.
     */
    public static final long JOB_BODY_BYTES = 3L * 1024 * 1024;
    /** Largest accepted body of every other request. */
    public static final long DEFAULT_BODY_BYTES = 64L * 1024;
    /** Largest accepted body of recording an anchor's proof: 64 KiB of proof as base64, plus JSON. */
    public static final long ANCHOR_PROOF_BODY_BYTES = 96L * 1024;
    /** Longest job id or list cursor accepted in a path or query. */
    public static final int MAX_ID_LENGTH = 128;

    /** Largest accepted body of an enrollment or an enrollment status request (a token, a key, a signature). */
    public static final long ENROLL_BODY_BYTES = 4L * 1024;
    /** Enrollment requests one client address may make per minute (a pending node polls a few times a minute). */
    public static final int ENROLL_PER_ADDRESS_PER_MINUTE = 30;
    /** Enrollment requests the portal accepts per minute from everyone together. */
    public static final int ENROLL_PER_MINUTE = 600;

    /** Largest accepted body of the open account routes (an email, a password, a token). */
    public static final long ACCOUNT_BODY_BYTES = 4L * 1024;

    private PortalLimits() {
    }
}
