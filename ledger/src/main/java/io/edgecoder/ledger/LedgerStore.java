package io.edgecoder.ledger;

import io.edgecoder.core.message.VerifyReply;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * The ledger's books: one append-only hash chain of double-entry entries and the balances
 * they sum to. Appends are exactly-once per idempotency key and answered only after commit.
 */
public interface LedgerStore {

    /**
     * Appends the drafts atomically (all or none), in order. Drafts whose key exists resolve to
     * the existing entry. Fails with 409 when a key exists with different content, 422 when a
     * balance rule refuses the movement, 429 when the append queue is full, 503 when the
     * database is unreachable (retrying is safe).
     */
    Future<List<LedgerEntry>> append(List<EntryDraft> drafts);

    default Future<LedgerEntry> append(EntryDraft draft) {
        return append(List.of(draft)).map(entries -> entries.get(0));
    }

    /** Entries with this reference, in sequence order. */
    Future<List<LedgerEntry>> entriesByReference(String reference);

    /** Up to {@code limit} entries that move credits from or to {@code account}, after {@code afterSeq}, by seq. */
    Future<List<LedgerEntry>> history(String account, long afterSeq, int limit);

    /** Every account's balance in milli-credits. */
    Future<Map<String, Long>> balances();

    /** Walks the whole chain and compares the recomputed balances with the stored ones. */
    Future<VerifyReply> verify();

    /** Whether the database answers. */
    Future<Boolean> ping();
}
