package io.edgecoder.ledger.impl;

import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** SQL column list and conversions between {@link LedgerEntry} and rows. */
final class EntryRows {
    static final String COLUMNS =
        "seq, at, kind, from_account, to_account, amount_milli, reference, idempotency_key, prev_hash, hash";

    static final String INSERT = "INSERT INTO ledger_entries (" + COLUMNS + ") SELECT * FROM unnest("
        + "$1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[],"
        + " $8::text[], $9::bytea[], $10::bytea[])";

    private EntryRows() {
    }

    /** Maps a row; an unknown kind throws {@link IllegalArgumentException}. */
    static LedgerEntry entry(Row row) {
        return new LedgerEntry(row.getLong("seq"), row.getOffsetDateTime("at").toInstant(),
            EntryKind.of(row.getString("kind")), row.getString("from_account"), row.getString("to_account"),
            row.getLong("amount_milli"), row.getString("reference"), row.getString("idempotency_key"),
            row.getBuffer("prev_hash").getBytes(), row.getBuffer("hash").getBytes());
    }

    /** One tuple of column arrays for {@link #INSERT}. */
    static Tuple insertTuple(List<LedgerEntry> entries) {
        int n = entries.size();
        Long[] seq = new Long[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] kind = new String[n];
        String[] from = new String[n];
        String[] to = new String[n];
        Long[] amount = new Long[n];
        String[] reference = new String[n];
        String[] key = new String[n];
        Buffer[] prev = new Buffer[n];
        Buffer[] hash = new Buffer[n];
        for (int i = 0; i < n; i++) {
            LedgerEntry e = entries.get(i);
            seq[i] = e.seq();
            at[i] = e.at().atOffset(ZoneOffset.UTC);
            kind[i] = e.kind().id();
            from[i] = e.from();
            to[i] = e.to();
            amount[i] = e.amountMilli();
            reference[i] = e.reference();
            key[i] = e.idempotencyKey();
            prev[i] = Buffer.buffer(e.prevHash());
            hash[i] = Buffer.buffer(e.hash());
        }
        return Tuple.tuple().addArrayOfLong(seq).addArrayOfOffsetDateTime(at).addArrayOfString(kind)
            .addArrayOfString(from).addArrayOfString(to).addArrayOfLong(amount).addArrayOfString(reference)
            .addArrayOfString(key).addArrayOfBuffer(prev).addArrayOfBuffer(hash);
    }
}
