package io.edgecoder.portal.accounts;

import java.time.Duration;

/**
 * Rate limits and lockout of the account routes, counted in PostgreSQL so every portal node
 * shares them. Beyond a limit the answer is 429 with {@code Retry-After}.
 *
 * @param signInsPerAddress sign-in attempts per client address per minute
 * @param signInsPerEmail sign-in attempts per email address per minute
 * @param failuresBeforeLock failed sign-ins of one email address (known or not) within {@code lockout} that lock it
 * @param lockout how long a lock lasts, and the window failures are counted in
 * @param signUpsPerAddress sign-ups per client address per hour
 * @param mailsPerEmail sign-up and reset mails to one address per hour
 * @param resetsPerAddress reset requests per client address per hour
 * @param tokensPerAccount personal API tokens one account may create per hour
 */
public record AbuseLimits(int signInsPerAddress, int signInsPerEmail, int failuresBeforeLock, Duration lockout,
                          int signUpsPerAddress, int mailsPerEmail, int resetsPerAddress, int tokensPerAccount) {
    public static final AbuseLimits DEFAULT = new AbuseLimits(30, 10, 5, Duration.ofMinutes(15), 20, 5, 20, 30);

    public AbuseLimits {
        if (signInsPerAddress < 1 || signInsPerEmail < 1 || failuresBeforeLock < 1 || lockout == null || lockout.isNegative()
            || lockout.isZero() || signUpsPerAddress < 1 || mailsPerEmail < 1 || resetsPerAddress < 1 || tokensPerAccount < 1) {
            throw new IllegalArgumentException("abuse limits must be positive");
        }
    }
}
