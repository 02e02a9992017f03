package io.edgecoder.core.message;

import java.util.List;

/** Blacklist entries, newest first. */
public record BlacklistListReply(List<BlacklistView> entries) {
    public BlacklistListReply {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
