package io.edgecoder.core.message;

import java.time.Instant;

/**
 * A network mode as set.
 *
 * @param org the organisation, null for the deployment
 * @param mode the mode set here (local-only | swarm | public); the deployment's when the org has none
 * @param effective the mode that applies: the stricter of the organisation's and the deployment's
 * @param version the policy version that set it (0: the default, never set)
 */
public record ModeView(String org, String mode, String effective, long version, String setBy, Instant setAt, String reason) {
}
