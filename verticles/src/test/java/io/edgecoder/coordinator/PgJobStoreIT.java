package io.edgecoder.coordinator;

import io.edgecoder.core.JobStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.coordinator.impl.CoordinatorSchema;
import io.edgecoder.coordinator.impl.PgJobStore;
import io.edgecoder.core.db.Migrator;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Job leases on a real database: renewal by the owner, and takeover of orphaned jobs. */
class PgJobStoreIT {
    private static Vertx vertx;
    private static Pool pool;
    private static PgJobStore store;

    @BeforeAll
    static void setUp() throws Exception {
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestDatabase.freshDatabase())).using(vertx).build();
        await(new Migrator(pool).migrate(CoordinatorSchema.COMPONENT, CoordinatorSchema.MIGRATIONS));
        store = new PgJobStore(pool);
    }

    @AfterAll
    static void tearDown() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static JobSubmitRequest job() {
        return new JobSubmitRequest("t", "python", Map.of("test_a.py", ""), List.of("test_a.py"), "local-only", 5, "a", false);
    }

    private static OffsetDateTime leaseOf(String id) throws Exception {
        return await(pool.preparedQuery("SELECT lease_until FROM jobs WHERE id = $1").execute(Tuple.of(id)))
            .iterator().next().getOffsetDateTime(0);
    }

    @Test
    void theOwnerRenewsItsLeasesAndOthersCannot() throws Exception {
        await(store.insert("renew-1", job(), "coord-a", List.of()));
        await(pool.query("UPDATE jobs SET lease_until = now() + interval '1 second' WHERE id = 'renew-1'").execute());
        OffsetDateTime before = leaseOf("renew-1");

        await(store.renewLeases("coord-b", List.of("renew-1")));
        assertThat(leaseOf("renew-1")).isEqualTo(before);

        await(store.renewLeases("coord-a", List.of("renew-1", "unknown")));
        assertThat(leaseOf("renew-1")).isAfter(before.plusSeconds(30));
    }

    @Test
    void unfinishedJobsWithExpiredLeasesAreClaimedOnce() throws Exception {
        await(store.insert("orphan-1", job(), "crashed", List.of()));
        await(store.insert("alive-1", job(), "healthy", List.of()));
        await(pool.query("UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = 'orphan-1'").execute());

        List<String> claimed = await(store.claimOrphans("rescuer", 10));
        assertThat(claimed).contains("orphan-1").doesNotContain("alive-1");
        assertThat(await(store.claimOrphans("another", 10))).doesNotContain("orphan-1");
        String owner = await(pool.query("SELECT owner FROM jobs WHERE id = 'orphan-1'").execute()).iterator().next().getString(0);
        assertThat(owner).isEqualTo("rescuer");
    }

    @Test
    void aRestartedOwnerTakesBackItsUnfinishedJobsBeforeTheirLeasesExpire() throws Exception {
        await(store.insert("own-queued", job(), "restarted", List.of()));
        await(store.insert("own-running", job(), "restarted", List.of()));
        await(store.insert("own-done", job(), "restarted", List.of()));
        await(store.insert("others", job(), "still-alive", List.of()));
        await(pool.query("UPDATE jobs SET status = 'running' WHERE id = 'own-running'").execute());
        await(store.finish("own-done", JobStatus.SUCCEEDED, true, List.of(), "strong"));
        await(pool.query("UPDATE jobs SET lease_until = now() + interval '50 seconds' WHERE id LIKE 'own-%'").execute());
        OffsetDateTime before = leaseOf("own-queued");

        assertThat(await(store.claimOrphans("bystander", 10))).doesNotContain("own-queued", "own-running");
        List<String> reclaimed = await(store.reclaimOwn("restarted", 10));

        assertThat(reclaimed).containsExactly("own-queued", "own-running");
        assertThat(leaseOf("own-queued")).isAfter(before);
        assertThat(await(store.reclaimOwn("someone-else", 10))).doesNotContain("own-queued", "own-running", "others");
        assertThat(await(store.reclaimOwn("restarted", 1))).containsExactly("own-queued");
    }

    @Test
    void finishedJobsAreNeverClaimed() throws Exception {
        await(store.insert("done-1", job(), "crashed", List.of()));
        await(store.finish("done-1", JobStatus.SUCCEEDED, true, List.of(), "strong"));
        await(pool.query("UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = 'done-1'").execute());
        assertThat(await(store.claimOrphans("rescuer", 10))).doesNotContain("done-1");
    }

    @Test
    void aJobExpiresOnlyIfNoSubtaskWasEverDispatched() throws Exception {
        await(store.insert("late-1", job(), "coord-a", List.of()));
        await(store.insert("started-1", job(), "coord-a", List.of()));
        await(store.planSubtasks("late-1", List.of("test_a.py")));
        await(store.planSubtasks("started-1", List.of("test_a.py")));
        assertThat(await(store.subtaskDispatched("started-1-1", "w1", 1, "started-1-1#1", "strong", "because", List.of("x: 1"))))
            .isTrue();

        assertThat(await(store.expire("late-1", "expired: test"))).isTrue();
        assertThat(await(store.expire("started-1", "expired: test"))).as("it started before its deadline").isFalse();
        assertThat(await(store.expire("late-1", "expired: again"))).as("already ended").isFalse();

        JobView late = await(store.get("late-1"));
        assertThat(late.status()).isEqualTo("expired");
        assertThat(late.subtasks()).extracting(SubtaskView::status).containsExactly("cancelled");
        assertThat(await(store.subtaskDispatched("late-1-1", "w1", 1, "late-1-1#1", "strong"))).as("no dispatch after").isFalse();
        SubtaskView started = await(store.get("started-1")).subtasks().get(0);
        assertThat(started.placement()).isEqualTo("because");
        assertThat(started.passedOver()).containsExactly("x: 1");
    }

    @Test
    void unfinishedJobsAreCountedPerRequesterAndInAll() throws Exception {
        long[] before = await(store.unfinished("a"));
        long[] otherBefore = await(store.unfinished("someone-else"));
        await(store.insert("count-1", job(), "coord-a", List.of()));
        long[] after = await(store.unfinished("a"));
        assertThat(after[0]).isEqualTo(before[0] + 1);
        assertThat(after[1]).isEqualTo(before[1] + 1);
        assertThat(await(store.unfinished("someone-else"))[0]).isEqualTo(otherBefore[0]);
        await(store.finish("count-1", JobStatus.SUCCEEDED, true, List.of(), null));
        assertThat(await(store.unfinished("a"))[0]).as("a finished job no longer counts").isEqualTo(before[0]);
    }
}
