package io.edgecoder.core.message;

/**
 * Sets the network mode of an organisation ({@code org}) or of the deployment ({@code org} null).
 *
 * @param mode local-only | swarm | public
 * @param actor the authenticated operator
 * @param reason optional, kept in the audit
 */
public record ModeSetRequest(String org, String mode, String actor, String reason) {
}
