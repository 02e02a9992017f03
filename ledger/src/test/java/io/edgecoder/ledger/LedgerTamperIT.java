package io.edgecoder.ledger;

import static io.edgecoder.ledger.LedgerTesting.await;
import static io.edgecoder.ledger.LedgerTesting.tamper;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.ledger.impl.PgLedgerStore;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Someone with superuser access edits the tables behind the ledger's back; verify must notice. */
@ExtendWith(VertxExtension.class)
class LedgerTamperIT {
    private Pool pool;
    private PgLedgerStore store;

    @BeforeEach
    void tenEntries(Vertx vertx) {
        pool = LedgerTesting.pool(vertx, LedgerTesting.migratedDatabase(vertx), 2);
        // a small verify page, so tampering is also found across page boundaries
        store = new PgLedgerStore(vertx, pool, BalanceRule.ALLOW_ALL, new PgLedgerStore.Tuning(1000, 1000, 0, 3));
        List<EntryDraft> drafts = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            drafts.add(new EntryDraft(EntryKind.EARN, "user:u" + i % 3, "node:w" + i % 2, 100 + i, "job:" + i, "k" + i));
        }
        drafts.forEach(d -> await(store.append(d)));
    }

    @AfterEach
    void tearDown() {
        await(pool.close());
    }

    private VerifyReply verify() {
        return await(store.verify());
    }

    @Test
    void untouchedLedgerVerifies() {
        VerifyReply reply = verify();
        assertThat(reply.ok()).isTrue();
        assertThat(reply.entries()).isEqualTo(10);
        assertThat(reply.firstBadSequence()).isNull();
    }

    @Test
    void changedAmountIsNamedBySequence() {
        tamper(pool, "UPDATE ledger_entries SET amount_milli = amount_milli + 1 WHERE seq = 4");
        VerifyReply reply = verify();
        assertThat(reply.ok()).isFalse();
        assertThat(reply.firstBadSequence()).isEqualTo(4L);
        assertThat(reply.message()).contains("entry 4");
    }

    @Test
    void deletedEntryIsNamedBySequence() {
        tamper(pool, "DELETE FROM ledger_entries WHERE seq = 6");
        VerifyReply reply = verify();
        assertThat(reply.firstBadSequence()).isEqualTo(6L);
        assertThat(reply.message()).contains("missing");
    }

    @Test
    void deletedLastEntryIsNamedThroughTheHead() {
        tamper(pool, "DELETE FROM ledger_entries WHERE seq = 10");
        assertThat(verify().firstBadSequence()).isEqualTo(10L);
    }

    @Test
    void swappedEntriesAreNamedAtTheFirstOfThem() {
        tamper(pool, "UPDATE ledger_entries SET seq = 1000000 WHERE seq = 3;"
            + " UPDATE ledger_entries SET seq = 3 WHERE seq = 7;"
            + " UPDATE ledger_entries SET seq = 7 WHERE seq = 1000000");
        VerifyReply reply = verify();
        assertThat(reply.ok()).isFalse();
        assertThat(reply.firstBadSequence()).isEqualTo(3L);
    }

    @Test
    void swappedContentsWithKeptHashesAreNamedAtTheFirstOfThem() {
        tamper(pool, "UPDATE ledger_entries a SET amount_milli = b.amount_milli, to_account = b.to_account"
            + " FROM ledger_entries b WHERE (a.seq, b.seq) IN ((5, 8), (8, 5))");
        assertThat(verify().firstBadSequence()).isEqualTo(5L);
    }

    @Test
    void editedBalanceIsNamedByAccount() {
        tamper(pool, "UPDATE ledger_accounts SET balance_milli = balance_milli + 1 WHERE account = 'node:w1'");
        VerifyReply reply = verify();
        assertThat(reply.ok()).isFalse();
        assertThat(reply.message()).contains("node:w1");
    }

    @Test
    void unknownKindIsNamedBySequence() {
        tamper(pool, "UPDATE ledger_entries SET kind = 'gift' WHERE seq = 2");
        assertThat(verify().firstBadSequence()).isEqualTo(2L);
    }
}
