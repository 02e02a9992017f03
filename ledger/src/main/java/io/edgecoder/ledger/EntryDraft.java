package io.edgecoder.ledger;

import java.util.Objects;

/**
 * An entry a caller asks the ledger to append. The ledger assigns sequence number, time and
 * hashes. The idempotency key makes the append exactly-once: a second draft with the same key
 * yields the entry already written (and fails with 409 if its content differs).
 */
public record EntryDraft(EntryKind kind, String from, String to, long amountMilli, String reference,
                         String idempotencyKey) {
    public EntryDraft {
        Objects.requireNonNull(kind, "kind");
        Accounts.requireValid(from);
        Accounts.requireValid(to);
        if (from.equals(to)) {
            throw new IllegalArgumentException("an entry must move between two different accounts: " + from);
        }
        if (amountMilli <= 0) {
            throw new IllegalArgumentException("amount must be positive, got " + amountMilli);
        }
        requireText(reference, "reference");
        requireText(idempotencyKey, "idempotencyKey");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank() || value.length() > 300) {
            throw new IllegalArgumentException(name + " must be 1..300 characters");
        }
    }

    /** Whether an existing entry records the same movement as this draft. */
    public boolean sameAs(LedgerEntry entry) {
        return kind == entry.kind() && from.equals(entry.from()) && to.equals(entry.to())
            && amountMilli == entry.amountMilli() && reference.equals(entry.reference());
    }
}
