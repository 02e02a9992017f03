package io.edgecoder.portal.accounts;

/**
 * A request refused by a rate limit or a sign-in lockout: answered 429 with
 * {@code Retry-After: <seconds>} and error {@code rate_limited}. The message is safe to show.
 */
public final class RateLimited extends RuntimeException {
    private final long retryAfterSeconds;

    public RateLimited(String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
