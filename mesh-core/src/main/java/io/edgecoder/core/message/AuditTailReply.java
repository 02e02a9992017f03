package io.edgecoder.core.message;

import java.util.List;

/** Audit entries, oldest first. */
public record AuditTailReply(List<AuditEntryView> entries) {
    public AuditTailReply {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
