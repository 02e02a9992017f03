package io.edgecoder.control;

import java.time.Instant;

/** One recorded decision: who ({@code actor}) did what ({@code action}) to which node or token, when. */
public record AuditEntry(long seq, Instant at, String actor, String action, String subject, String detail) {
}
