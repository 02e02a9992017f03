package io.edgecoder.core.message;

import java.util.List;

/**
 * Asks the control role for an enrollment token.
 *
 * @param org organisation the enrolled node will belong to (null = the control node's own)
 * @param roles roles the node may ask for (ids such as {@code worker})
 * @param ring {@code core} or {@code edge} (null = core)
 * @param ttlMinutes how long the token is valid
 * @param actor the authenticated admin asking (recorded in the audit)
 * @param portalUrl where the new node enrolls (written into the token)
 * @param ownerOrg the organisation the asker owns (a coordinator-owner): the token must be for it;
 *                 null for an admin (any organisation)
 */
public record EnrollTokenRequest(String org, List<String> roles, String ring, int ttlMinutes, String actor,
                                 String portalUrl, String ownerOrg) {
    /** A token asked for by an admin. */
    public EnrollTokenRequest(String org, List<String> roles, String ring, int ttlMinutes, String actor, String portalUrl) {
        this(org, roles, ring, ttlMinutes, actor, portalUrl, null);
    }
}
