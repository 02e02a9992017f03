package io.edgecoder.ledger;

import java.util.Locale;

/**
 * What an entry records. Stored and hashed as the lower-case {@link #id()}. Step 1 writes
 * {@link #EARN} (a requester pays a worker for a verified contribution); the others are the
 * vocabulary of the full economy (docs/economy.md).
 */
public enum EntryKind {
    HOLD, RELEASE, SPEND, EARN, FEE, ISSUANCE, MINT, ADJUST;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored kind; unknown kinds fail (verify reports them as bad entries). */
    public static EntryKind of(String id) {
        for (EntryKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown entry kind '" + id + "'");
    }
}
