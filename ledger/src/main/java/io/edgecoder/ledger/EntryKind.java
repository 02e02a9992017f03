package io.edgecoder.ledger;

import java.util.Locale;

/**
 * What an entry records; stored and hashed as the lower-case {@link #id()}. The table of which
 * accounts each kind moves between is in docs/economy.md.
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
