package io.edgecoder.core;

/**
 * Stable error codes that travel on the event bus as the failure code of a reply and map
 * one-to-one onto HTTP statuses. The numeric value is part of the wire contract: never
 * renumber, only add.
 */
public enum ErrorCode {
    BAD_REQUEST(400, false),
    UNAUTHORIZED(401, false),
    /** The payer has not enough credits for what it asked (an inference call refused before the model is called). */
    PAYMENT_REQUIRED(402, false),
    FORBIDDEN(403, false),
    NOT_FOUND(404, false),
    CONFLICT(409, false),
    PAYLOAD_TOO_LARGE(413, false),
    POLICY_REJECTED(422, false),
    OVERLOADED(429, true),
    INTERNAL(500, false),
    UNAVAILABLE(503, true),
    TIMEOUT(504, true);

    private final int status;
    private final boolean retryable;

    ErrorCode(int status, boolean retryable) {
        this.status = status;
        this.retryable = retryable;
    }

    /** The HTTP status and event-bus failure code. */
    public int status() {
        return status;
    }

    /** Whether a caller may retry the same request, possibly elsewhere. */
    public boolean retryable() {
        return retryable;
    }

    /** Maps a failure code back to its enum value; unknown codes become {@link #INTERNAL}. */
    public static ErrorCode fromStatus(int status) {
        for (ErrorCode code : values()) {
            if (code.status == status) {
                return code;
            }
        }
        return INTERNAL;
    }
}
