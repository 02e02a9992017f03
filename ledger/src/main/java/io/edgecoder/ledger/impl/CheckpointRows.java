package io.edgecoder.ledger.impl;

import io.edgecoder.ledger.Checkpoint;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;

/** SQL and row conversions of {@link Checkpoint}. */
final class CheckpointRows {
    static final String COLUMNS = "id, tree_size, first_seq, root, head_hash, at, signer_node, signer_key, signature";
    static final String INSERT = "INSERT INTO ledger_checkpoints (" + COLUMNS + ", frontier)"
        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    static final String ALL = "SELECT " + COLUMNS + " FROM ledger_checkpoints ORDER BY id";
    static final String LAST = "SELECT " + COLUMNS + ", frontier FROM ledger_checkpoints ORDER BY id DESC LIMIT 1";

    private CheckpointRows() {
    }

    static Checkpoint checkpoint(Row r) {
        return new Checkpoint(r.getLong("id"), r.getLong("tree_size"), r.getLong("first_seq"),
            r.getBuffer("root").getBytes(), r.getBuffer("head_hash").getBytes(), r.getOffsetDateTime("at").toInstant(),
            r.getString("signer_node"), r.getString("signer_key"), r.getBuffer("signature").getBytes());
    }

    static Tuple insertTuple(Checkpoint c, byte[] frontier) {
        return Tuple.tuple().addLong(c.id()).addLong(c.treeSize()).addLong(c.firstSeq())
            .addBuffer(Buffer.buffer(c.root())).addBuffer(Buffer.buffer(c.headHash()))
            .addOffsetDateTime(c.at().atOffset(ZoneOffset.UTC)).addString(c.signerNode()).addString(c.signerKey())
            .addBuffer(Buffer.buffer(c.signature())).addBuffer(Buffer.buffer(frontier));
    }
}
