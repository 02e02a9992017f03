package io.edgecoder.portal.oidc;

/**
 * What the portal takes from a checked ID token.
 *
 * @param provider the provider's configured name
 * @param subject the provider's stable id of the person ({@code sub})
 * @param email the email the provider states, or null
 * @param emailVerified whether the provider vouches for that email ({@code email_verified}, or
 *                      Microsoft's {@code xms_edov}); false when absent
 */
public record IdTokenClaims(String provider, String subject, String email, boolean emailVerified) {
    /** A verified email, or null: the only kind of email that may create or be matched to an account. */
    public String verifiedEmail() {
        return emailVerified ? email : null;
    }
}
