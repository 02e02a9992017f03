package io.edgecoder.ledger.impl;

import io.edgecoder.ledger.ChainHash;
import io.edgecoder.ledger.verify.EntryBatch;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.stream.Collector;

/**
 * Decodes rows of {@link EntryRows#COLUMNS} straight into an {@link EntryBatch} while the
 * page streams in, by column position, without building entry objects or keeping the rows.
 * A row that cannot be decoded becomes a reject at its sequence number, with the message the
 * entry-object path gives for it.
 */
final class BatchRows {
    private static final int SEQ = 0;
    private static final int AT = 1;
    private static final int KIND = 2;
    private static final int FROM = 3;
    private static final int TO = 4;
    private static final int AMOUNT = 5;
    private static final int REFERENCE = 6;
    private static final int KEY = 7;
    private static final int PREV = 8;
    private static final int HASH = 9;

    private BatchRows() {
    }

    /**
     * A collector for one page that fills {@code batch} and answers it. The caller clears the
     * batch: the client may ask the supplier more than once per query.
     */
    static Collector<Row, EntryBatch, EntryBatch> into(EntryBatch batch) {
        return Collector.of(() -> batch, BatchRows::add, (a, b) -> a, b -> b);
    }

    static void add(EntryBatch batch, Row row) {
        Long seq = row.getLong(SEQ);
        if (seq == null) {
            batch.rejectNext("a stored entry has no sequence number");
            return;
        }
        OffsetDateTime at = row.getOffsetDateTime(AT);
        Long amount = row.getLong(AMOUNT);
        if (at == null || amount == null) {
            batch.reject(seq, "entry " + seq + ": " + (at == null ? "at" : "amount_milli") + " is null");
            return;
        }
        long micros;
        try {
            micros = ChainHash.micros(at.toInstant());
        } catch (ArithmeticException e) {
            batch.reject(seq, "entry " + seq + ": time out of range");
            return;
        }
        String kind = row.getString(KIND);
        if (kind == null) {
            batch.reject(seq, "entry " + seq + ": unknown entry kind 'null'");
            return;
        }
        batch.begin(seq, micros);
        batch.text(kind);
        batch.text(row.getString(FROM));
        batch.text(row.getString(TO));
        batch.amount(amount);
        batch.text(row.getString(REFERENCE));
        batch.text(row.getString(KEY));
        Buffer prev = row.getBuffer(PREV);
        batch.prev(prev == null ? null : prev.getBytes(), 0, prev == null ? 0 : prev.length());
        Buffer hash = row.getBuffer(HASH);
        batch.hash(hash == null ? null : hash.getBytes(), 0, hash == null ? 0 : hash.length());
        batch.commit();
    }
}
