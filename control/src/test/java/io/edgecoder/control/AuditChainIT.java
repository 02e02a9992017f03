package io.edgecoder.control;

import static io.edgecoder.control.ControlFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.control.impl.PgAuditLog;
import io.edgecoder.control.impl.PgPolicyStore;
import io.edgecoder.core.message.AuditEntryView;
import io.edgecoder.core.message.AuditVerifyReply;
import io.edgecoder.core.message.ModeSetRequest;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The control audit is a hash chain: verification passes on an untouched chain and, after any
 * edit, removal or cut made directly in the database, names the entry where the chain breaks.
 */
class AuditChainIT {
    private ControlFixture f;
    private PgAuditLog audit;
    private List<AuditEntryView> entries;

    @BeforeEach
    void fiveEntries() throws Exception {
        f = new ControlFixture();
        audit = new PgAuditLog(f.pool);
        PolicyService policy = new PolicyService(new PgPolicyStore(f.pool), s -> { }, f.clock);
        for (String mode : List.of("swarm", "public", "local-only", "swarm", "public")) {
            await(policy.setMode(new ModeSetRequest("acme", mode, "ops", "step " + mode)));
        }
        entries = await(audit.tail(0L, 100));
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void anUntouchedChainVerifiesAndEachEntryLinksToTheOneBefore() throws Exception {
        AuditVerifyReply reply = await(audit.verify());

        assertThat(reply.ok()).as(reply.problem()).isTrue();
        assertThat(reply.entries()).isEqualTo(5);
        assertThat(entries.get(0).prevHash()).isEqualTo(AuditHash.GENESIS);
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).prevHash()).isEqualTo(entries.get(i - 1).hash());
        }
    }

    @Test
    void anEditedEntryIsNamed() throws Exception {
        long third = entries.get(2).seq();
        await(f.pool.preparedQuery("UPDATE control_audit SET detail = 'public' WHERE seq = $1").execute(Tuple.of(third)));

        AuditVerifyReply reply = await(audit.verify());

        assertThat(reply.ok()).isFalse();
        assertThat(reply.firstBadSeq()).isEqualTo(third);
        assertThat(reply.problem()).contains("entry " + third, "edited");
        assertThat(reply.entries()).isEqualTo(2);
    }

    @Test
    void anEditedEntryWithARecomputedOwnHashIsNamedAtTheNextEntry() throws Exception {
        AuditEntryView e = entries.get(1);
        String forged = AuditHash.of(e.prevHash(), e.seq(), e.at(), "mallory", e.action(), e.subject(), e.detail());
        await(f.pool.preparedQuery("UPDATE control_audit SET actor = 'mallory', hash = $2 WHERE seq = $1")
            .execute(Tuple.of(e.seq(), forged)));

        AuditVerifyReply reply = await(audit.verify());

        assertThat(reply.firstBadSeq()).isEqualTo(entries.get(2).seq());
        assertThat(reply.problem()).contains("does not link");
    }

    @Test
    void aRemovedEntryIsNamedWhereTheChainBreaks() throws Exception {
        await(f.pool.preparedQuery("DELETE FROM control_audit WHERE seq = $1").execute(Tuple.of(entries.get(1).seq())));

        AuditVerifyReply reply = await(audit.verify());

        assertThat(reply.firstBadSeq()).isEqualTo(entries.get(2).seq());
        assertThat(reply.problem()).contains("does not link");
    }

    @Test
    void entriesCutOffTheEndAreNoticedByTheHead() throws Exception {
        long last = entries.get(4).seq();
        await(f.pool.preparedQuery("DELETE FROM control_audit WHERE seq = $1").execute(Tuple.of(last)));

        AuditVerifyReply reply = await(audit.verify());

        assertThat(reply.ok()).isFalse();
        assertThat(reply.firstBadSeq()).isEqualTo(last);
        assertThat(reply.problem()).contains("cut off the end");
    }

    @Test
    void entriesWrittenBeforeTheChainExistedAreChainedAtStart() throws Exception {
        await(f.pool.query("INSERT INTO control_audit (at, actor, action, subject, detail) VALUES (now(), 'old', 'node.approve',"
            + " 'n0000000000000001', null)").execute());
        assertThat(await(audit.verify()).ok()).isFalse();

        assertThat(await(audit.chainUnsealed())).isEqualTo(1);

        assertThat(await(audit.verify()).ok()).isTrue();
    }
}
