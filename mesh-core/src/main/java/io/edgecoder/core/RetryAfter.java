package io.edgecoder.core;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a {@code 429} that crossed the event bus says when to come back: a failed reply keeps only
 * its code and message, so the message ends with {@code (retry after N s)} and HTTP front ends
 * turn that into a {@code Retry-After: N} header.
 */
public final class RetryAfter {
    private static final Pattern SUFFIX = Pattern.compile("\\(retry after (\\d{1,6}) s\\)$");

    private RetryAfter() {
    }

    /** A 429 failure with {@code reason} and the advice to retry after {@code seconds} (at least 1). */
    public static MeshException overloaded(String reason, long seconds) {
        return new MeshException(ErrorCode.OVERLOADED, reason + " (retry after " + Math.max(1, Math.min(seconds, 3600)) + " s)");
    }

    /** The seconds a message of {@link #overloaded} advises, if it carries them. */
    public static OptionalLong seconds(String message) {
        if (message == null) {
            return OptionalLong.empty();
        }
        Matcher m = SUFFIX.matcher(message);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
