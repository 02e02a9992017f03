package io.edgecoder.core.address;

/**
 * Event-bus addresses of the portal's accounts. Portal nodes keep resolved sessions and personal
 * API tokens in a short-lived cache; when a credential ends (sign-out, revocation, password reset,
 * a changed or disabled account) the node that ended it publishes here, and every portal node
 * drops the matching entries at once. Only portal nodes may publish
 * ({@link io.edgecoder.core.trust.BusPolicy}).
 */
public final class AccountAddresses {
    /**
     * Publish {@code CredentialsRevoked}: {@code kind} {@code session} or {@code token} with the
     * credential's hash as {@code key}, or {@code account} with the account id (every credential of it).
     */
    public static final String CREDENTIALS_REVOKED = "edgecoder.accounts.credentials.revoked";

    private AccountAddresses() {
    }
}
