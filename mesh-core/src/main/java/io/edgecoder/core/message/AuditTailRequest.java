package io.edgecoder.core.message;

/**
 * Audit entries: those after {@code afterSeq}, oldest first; with {@code afterSeq} null, the last
 * {@code limit} entries. {@code limit} 1..1000, default 50.
 */
public record AuditTailRequest(Long afterSeq, Integer limit) {
}
