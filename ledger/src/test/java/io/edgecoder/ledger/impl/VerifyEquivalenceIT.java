package io.edgecoder.ledger.impl;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.tamper;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.BalanceRule;
import io.edgecoder.ledger.ChainVerifier;
import io.edgecoder.ledger.Checkpoint;
import io.edgecoder.ledger.EntryDraft;
import io.edgecoder.ledger.EntryKind;
import io.edgecoder.ledger.LedgerEntry;
import io.edgecoder.ledger.LedgerTesting;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database verify (rows streamed into batches, checked on a worker while the next page is
 * read, pages of 4) reports exactly what the simple way reports (every row made an entry
 * object and fed to {@link ChainVerifier}), for each way of tampering with the tables.
 */
@ExtendWith(VertxExtension.class)
class VerifyEquivalenceIT {
    private Pool pool;

    @AfterEach
    void tearDown() {
        if (pool != null) {
            await(pool.close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT 1",
        "UPDATE ledger_entries SET amount_milli = amount_milli + 1 WHERE seq = 4",
        "UPDATE ledger_entries SET at = at + interval '1 microsecond' WHERE seq = 12",
        "UPDATE ledger_entries SET from_account = 'user:mallory' WHERE seq = 16",
        "UPDATE ledger_entries SET kind = 'gift' WHERE seq = 2",
        "UPDATE ledger_entries SET prev_hash = hash WHERE seq = 10",
        "DELETE FROM ledger_entries WHERE seq = 6",
        "DELETE FROM ledger_entries WHERE seq = 25",
        "DELETE FROM ledger_entries WHERE seq > 20",
        "UPDATE ledger_entries SET seq = 1000000 WHERE seq = 3; UPDATE ledger_entries SET seq = 3 WHERE seq = 7;"
            + " UPDATE ledger_entries SET seq = 7 WHERE seq = 1000000",
        "UPDATE ledger_entries a SET amount_milli = b.amount_milli, to_account = b.to_account"
            + " FROM ledger_entries b WHERE (a.seq, b.seq) IN ((5, 8), (8, 5))",
        "INSERT INTO ledger_entries SELECT seq + 100, at, kind, from_account, to_account, amount_milli, reference,"
            + " idempotency_key || 'x', prev_hash, hash FROM ledger_entries WHERE seq = 3",
        "UPDATE ledger_head SET seq = seq - 1",
        "UPDATE ledger_accounts SET balance_milli = balance_milli + 1 WHERE account = 'node:w1'",
        "UPDATE ledger_checkpoints SET root = head_hash WHERE id = 2",
        "DELETE FROM ledger_checkpoints WHERE id = 2",
        "UPDATE ledger_checkpoints SET tree_size = 15 WHERE id = 2",
    })
    void pipelinedDatabaseVerifyReportsWhatTheSimpleOneReports(String tampering, Vertx vertx) {
        pool = LedgerTesting.pool(vertx, LedgerTesting.migratedDatabase(vertx), 2);
        PgLedgerStore store = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL, new PgLedgerStore.Tuning(1000, 1000, 0, 4));
        PgCheckpoints checkpoints = new PgCheckpoints(vertx, pool, NodeIdentity.ephemeral(), Clock.systemUTC());
        for (int n = 1; n <= 25; n++) {
            await(store.append(new EntryDraft(EntryKind.EARN, "user:u" + n % 3, "node:w" + n % 2, 10 + n, "job:" + n,
                "k" + n)));
            if (n % 8 == 0 || n == 25) {
                await(checkpoints.createNow());
            }
        }
        tamper(pool, tampering);
        VerifyReply simple = simpleVerify();
        assertThat(await(store.verify())).isEqualTo(simple);
        assertThat(simple.ok()).isEqualTo(tampering.equals("SELECT 1"));
    }

    /** The reference: all rows as entry objects through the simple verifier, then head and balances. */
    private VerifyReply simpleVerify() {
        List<Checkpoint> cps = await(PgCheckpoints.list(pool));
        ChainVerifier v = new ChainVerifier(cps, Set.of(io.edgecoder.ledger.verify.CheckpointCheck.ANY_SIGNER));
        for (Row row : await(pool.query("SELECT " + EntryRows.COLUMNS + " FROM ledger_entries WHERE seq > 0 ORDER BY seq")
            .execute())) {
            Optional<ChainVerifier.Failure> f = accept(v, row);
            if (f.isPresent()) {
                return bad(v, f.get());
            }
        }
        Row head = await(pool.query("SELECT seq, hash FROM ledger_head").execute()).iterator().next();
        Map<String, Long> stored = new HashMap<>();
        await(pool.query("SELECT account, balance_milli FROM ledger_accounts").execute())
            .forEach(r -> stored.put(r.getString(0), r.getLong(1)));
        return v.finish(head.getLong(0), head.getBuffer(1).getBytes()).or(() -> v.checkBalances(stored))
            .map(f -> bad(v, f)).orElseGet(v::okReply);
    }

    private static Optional<ChainVerifier.Failure> accept(ChainVerifier v, Row row) {
        LedgerEntry entry;
        try {
            entry = EntryRows.entry(row);
        } catch (IllegalArgumentException e) {
            return v.reject(row.getLong("seq"), "entry " + row.getLong("seq") + ": " + e.getMessage());
        }
        return v.accept(entry);
    }

    private static VerifyReply bad(ChainVerifier v, ChainVerifier.Failure f) {
        return new VerifyReply(false, v.verified(), f.seq(), f.message());
    }
}
