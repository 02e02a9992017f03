package io.edgecoder.core.message;

import java.time.Instant;

/**
 * Bars a subject from the mesh.
 *
 * @param kind node-key (base64 public key) | node (node id) | account | org
 * @param reason why, required (at most 500 characters)
 * @param evidence optional http(s) link to the evidence
 * @param actor the authenticated operator (the entry's author)
 * @param expiresAt optional; the entry lapses then
 */
public record BlacklistAddRequest(String kind, String value, String reason, String evidence, String actor, Instant expiresAt) {
}
