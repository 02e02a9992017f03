package io.edgecoder.core;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The rules of job submission that both ends share: the idempotency key a client may send with a
 * submission (HTTP header {@value #IDEMPOTENCY_HEADER}, bus field {@code JobSubmitRequest.idempotencyKey})
 * and how long a submission is awaited. A key is kept per account for {@link #KEY_RETENTION}; a
 * repeat with the same key and the same job returns the job recorded first, the same key with
 * another job is a 409. A submission is awaited {@value #SUBMIT_TIMEOUT_FACTOR} times the bus timeout:
 * the coordinator admits it within one bus timeout or refuses it unrecorded (429), and then asks the
 * ledger twice (price, escrow), each within one bus timeout, so it answers before its caller gives up.
 */
public final class JobIntake {
    /** The HTTP request header carrying the key. */
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    /** The HTTP response header set to {@code true} when a repeated key returned the job recorded first. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 128;
    /** How long a key is remembered after the submission that recorded it. */
    public static final Duration KEY_RETENTION = Duration.ofHours(24);
    /** A submission is awaited this many bus timeouts ({@code bus.timeout.ms}). */
    public static final int SUBMIT_TIMEOUT_FACTOR = 4;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_KEY_LENGTH + "}");

    private JobIntake() {
    }

    /**
     * {@code key} when it is a valid idempotency key (1..{@value #MAX_KEY_LENGTH} characters of
     * letters, digits, {@code . _ : -}), null when it is null; else a 400 whose message starts with {@code name}.
     */
    public static String checkKey(String key, String name) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw MeshException.badRequest(name + ": must be 1.." + MAX_KEY_LENGTH + " characters, got " + key.length());
        }
        if (!KEY.matcher(key).matches()) {
            throw MeshException.badRequest(name + ": only letters, digits and . _ : - are allowed (a UUID is a good key)");
        }
        return key;
    }

    /** How long a submission is awaited when other requests wait {@code busTimeout}. */
    public static Duration submitTimeout(Duration busTimeout) {
        return busTimeout.multipliedBy(SUBMIT_TIMEOUT_FACTOR);
    }
}
