package io.edgecoder.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.coordinator.impl.Claim;
import io.edgecoder.coordinator.impl.CoordinatorSchema;
import io.edgecoder.coordinator.impl.PgJobStore;
import io.edgecoder.coordinator.impl.PgVerificationStore;
import io.edgecoder.coordinator.impl.Reputation;
import io.edgecoder.core.db.Migrator;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Claims, verdicts, pay and reputation on a real database with the production migrations. */
class PgVerificationStoreIT {
    private static Vertx vertx;
    private static PgJobStore jobs;
    private static PgVerificationStore store;

    @BeforeAll
    static void setUp() throws Exception {
        vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestDatabase.freshDatabase())).using(vertx).build();
        await(new Migrator(pool).migrate(CoordinatorSchema.COMPONENT, CoordinatorSchema.MIGRATIONS));
        jobs = new PgJobStore(pool);
        store = new PgVerificationStore(pool);
    }

    @AfterAll
    static void tearDown() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String newJob(String id) throws Exception {
        JobSubmitRequest job = new JobSubmitRequest("t", "python", Map.of("test_a.py", ""), List.of("test_a.py"), "mesh", 5, "a",
            false);
        await(jobs.insert(id, job, "coord", List.of()));
        return await(jobs.planSubtasks(id, List.of("test_a.py"))).get(0).id();
    }

    private static Claim claim(String attempt, String worker, String digest, long cpu, long cap) {
        RunSubtaskReply reply = new RunSubtaskReply(worker, "passed", 0, 50, cpu, null, "out", "err", false, "strong",
            new TestReport(2, 2, 0, 0, List.of()), "sig-" + worker);
        return new Claim(attempt, "lease-" + attempt, worker, "org-" + worker, false, reply, digest, 60, cap);
    }

    @Test
    void onlyAgreeingClaimsOfPassedSubtasksArePaidAtTheirPay() throws Exception {
        String st = newJob("pay-1");
        Claim a = claim(st + "#1", "nA", "D1", 40, 120);
        Claim liar = claim(st + "#2", "nL", "D2", 900, 120);
        Claim b = claim(st + "#3", "nB", "D1", 55, 120);
        for (Claim c : List.of(a, liar, b)) {
            await(store.claimAccepted(st, c));
        }
        await(store.claimRefused(st, st + "#4", "lease-4", "nR", false, a.reply(), 60, "the result from nR is unsigned"));

        await(store.finish(st, b.reply(), 40, "quorum: 2 workers agreed [nA, nB]", Map.of(a.attemptId(), 40L, b.attemptId(), 40L),
            List.of(liar.attemptId())));

        List<Contribution> paid = await(store.contributions("pay-1"));
        assertThat(paid).containsExactly(new Contribution(a.attemptId(), "nA", 40), new Contribution(b.attemptId(), "nB", 40));
        JobView view = await(jobs.get("pay-1"));
        SubtaskView shown = view.subtasks().get(0);
        assertThat(shown.status()).isEqualTo("passed");
        assertThat(shown.worker()).isEqualTo("nB");
        assertThat(shown.cpuMs()).isEqualTo(40);
        assertThat(shown.verification()).isEqualTo("quorum: 2 workers agreed [nA, nB]");
        assertThat(shown.refused()).containsExactly(st + "#4: the result from nR is unsigned");
    }

    @Test
    void aSubtaskThatIsNotPassedPaysNothingAndUnconfirmedClaimsStayUnpaid() throws Exception {
        String st = newJob("pay-2");
        await(store.claimAccepted(st, claim(st + "#1", "nA", "D1", 40, 120)));
        await(jobs.subtaskGaveUp(st, "results disagreed and no trusted worker broke the tie"));
        await(store.unconfirmed(st));

        assertThat(await(store.contributions("pay-2"))).isEmpty();
    }

    @Test
    void reputationCountsAgreementsAndQuarantineIsSharedThroughTheDatabase() throws Exception {
        Reputation mine = new Reputation(store, 2, 0, new Random(1));
        Reputation other = new Reputation(store, 2, 0, new Random(1));
        assertThat(mine.needsReplication("nNew")).as("a new node is always replicated").isTrue();

        await(mine.recordAgreement("nGood"));
        await(mine.recordAgreement("nGood"));
        await(mine.quarantine("nBad", "its result disagreed", true));
        await(other.refresh());

        assertThat(other.agreed("nGood")).isEqualTo(2);
        assertThat(other.needsReplication("nGood")).as("reputable, spot checks at 0 permille").isFalse();
        assertThat(other.quarantined("nBad")).isTrue();
        assertThat(other.excluded("nBad")).isTrue();
        assertThat(other.quarantined("nGood")).isFalse();
    }

    @Test
    void threeUncheckableRepliesSuspendANodeHereOnly() throws Exception {
        Reputation mine = new Reputation(store, 2, 0, new Random(1));
        for (int i = 0; i < 3; i++) {
            assertThat(mine.excluded("nForged")).isFalse();
            await(mine.strike("nForged", "does not verify"));
        }
        assertThat(mine.excluded("nForged")).isTrue();
        assertThat(mine.quarantined("nForged")).isFalse();
    }
}
