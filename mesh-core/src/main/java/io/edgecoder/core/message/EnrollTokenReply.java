package io.edgecoder.core.message;

import java.time.Instant;
import java.util.List;

/**
 * A new enrollment token, shown once.
 *
 * @param token the token ({@code ect1.<base64url>}, see {@code io.edgecoder.core.trust.EnrollmentToken})
 * @param command the command to run on the new machine
 */
public record EnrollTokenReply(String token, Instant expiresAt, String org, List<String> roles, String ring,
                               String command) {
}
