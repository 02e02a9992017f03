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
 */
public record EnrollTokenRequest(String org, List<String> roles, String ring, int ttlMinutes, String actor,
                                 String portalUrl) {
}
