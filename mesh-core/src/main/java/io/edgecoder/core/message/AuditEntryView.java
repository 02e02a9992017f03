package io.edgecoder.core.message;

import java.time.Instant;

/**
 * One entry of the control plane's hash-chained audit.
 *
 * @param hash SHA-256 (hex) over the previous entry's hash and this entry's fields
 * @param prevHash the previous entry's hash (64 zeros for the first)
 */
public record AuditEntryView(long seq, Instant at, String actor, String action, String subject, String detail,
                             String prevHash, String hash) {
}
