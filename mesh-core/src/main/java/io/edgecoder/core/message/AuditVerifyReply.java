package io.edgecoder.core.message;

/**
 * The result of rechecking the audit chain.
 *
 * @param entries entries checked
 * @param firstBadSeq the first entry where the chain breaks (null when ok)
 * @param problem what is wrong there (null when ok)
 * @param headHash the hash of the last entry (the value to write down to detect a later rewrite)
 */
public record AuditVerifyReply(boolean ok, long entries, Long firstBadSeq, String problem, String headHash) {
}
