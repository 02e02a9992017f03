package io.edgecoder.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.edgecoder.coordinator.impl.AgentRunCheck;
import io.edgecoder.coordinator.impl.CoordinatorSchema;
import io.edgecoder.coordinator.impl.PgAgentStore;
import io.edgecoder.coordinator.impl.PgJobStore;
import io.edgecoder.coordinator.impl.PgVerificationStore;
import io.edgecoder.core.JobStatus;
import io.edgecoder.core.db.Migrator;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.Contribution;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Agent jobs on a real database with the production migrations: their spec, steps, answer and handoff audit. */
class PgAgentStoreIT {
    private static Vertx vertx;
    private static Pool pool;
    private static PgJobStore jobs;
    private static PgAgentStore agents;

    @BeforeAll
    static void setUp() throws Exception {
        vertx = Vertx.vertx();
        pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestDatabase.freshDatabase())).using(vertx).build();
        await(new Migrator(pool).migrate(CoordinatorSchema.COMPONENT, CoordinatorSchema.MIGRATIONS));
        jobs = new PgJobStore(pool);
        agents = new PgAgentStore(pool);
    }

    @AfterAll
    static void tearDown() throws Exception {
        await(vertx.close());
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static JobSubmitRequest agentJob() {
        return new JobSubmitRequest("t", "python", Map.of("test_a.py", "t\n", "calc.py", "start\n"), List.of("test_a.py"), "mesh",
            5, "alice", false, "acme", "write calc.py", "coder:7b", 3, "openai");
    }

    private static AgentStep step(int n, String status) {
        return new AgentStep(n, "nW", "coder:7b", "prompt " + n, "nI", "ollama", 10 * n, n, "diff " + n, status,
            new TestReport(1, 0, 1, 0, List.of("test_a.T.test_x")), 100, 20, 130, Instant.now().truncatedTo(ChronoUnit.MILLIS),
            null);
    }

    @Test
    void theAgentFieldsOfAJobSurviveTheDatabase() throws Exception {
        await(jobs.insert("agent-spec", agentJob(), "coord", List.of()));

        JobSubmitRequest read = await(jobs.spec("agent-spec"));

        assertThat(read).isEqualTo(agentJob());
    }

    @Test
    void stepsAreShownOnTheJobInOrderAndRecordingThemAgainChangesNothing() throws Exception {
        await(jobs.insert("agent-steps", agentJob(), "coord", List.of()));
        List<AgentStep> steps = List.of(step(1, "failed"), step(2, "passed"));

        await(agents.record("agent-steps", "run-1", steps));
        await(agents.record("agent-steps", "run-1", steps));

        JobView view = await(jobs.get("agent-steps"));
        assertThat(view.steps()).isEqualTo(steps);
    }

    @Test
    void theAnswerReplacesTheFilesKeepsTheStartAndMarksTheLoopDoneOnlyWhileTheJobRuns() throws Exception {
        await(jobs.insert("agent-answer", agentJob(), "coord", List.of()));
        assertThat(await(agents.done("agent-answer"))).isFalse();

        assertThat(await(agents.answer("agent-answer", Map.of("test_a.py", "t\n", "calc.py", "answer\n")))).isTrue();

        assertThat(await(agents.done("agent-answer"))).isTrue();
        assertThat(await(jobs.spec("agent-answer")).files()).containsEntry("calc.py", "answer\n");
        Row spec = await(pool.preparedQuery("SELECT spec FROM jobs WHERE id = $1").execute(Tuple.of("agent-answer"))).iterator().next();
        assertThat(spec.getJsonObject(0).getJsonObject("startFiles").getString("calc.py")).isEqualTo("start\n");

        await(jobs.finish("agent-answer", JobStatus.CANCELLED, false, List.of(), null));
        assertThat(await(agents.answer("agent-answer", Map.of("test_a.py", "t\n", "calc.py", "late\n")))).isFalse();
        assertThat(await(jobs.spec("agent-answer")).files()).containsEntry("calc.py", "answer\n");
    }

    private static AgentStep measured(int n, String status, long cpuMs) {
        return new AgentStep(n, "nW", "coder:7b", "prompt " + n, "nI", "ollama", 10 * n, n, "diff " + n, status,
            new TestReport(1, 0, 1, 0, List.of("test_a.T.test_x")), 100, 20, 130, Instant.now().truncatedTo(ChronoUnit.MILLIS),
            null, 100L, cpuMs, null);
    }

    @Test
    void acceptedRoundsArePaidOnceAsTheJobsContributionsAndShowTheirChargeOnceSettled() throws Exception {
        await(jobs.insert("agent-pay", agentJob(), "coord", List.of()));
        await(agents.record("agent-pay", "run-1", List.of(measured(1, "failed", 300), measured(2, "passed", 250))));
        AgentRunCheck.Verdict verdict = new AgentRunCheck.Verdict(List.of(new AgentRunCheck.Pay(1, "agent:run-1:1", 300, 300),
            new AgentRunCheck.Pay(2, "agent:run-1:2", 250, 200)), null, false);
        AgentRunCheck.Verdict later = new AgentRunCheck.Verdict(List.of(new AgentRunCheck.Pay(1, "agent:run-1:1", 9000, 9000)),
            null, false);
        await(agents.record("agent-pay", "run-2", List.of(measured(1, "passed", 400))));
        AgentRunCheck.Verdict refused = new AgentRunCheck.Verdict(List.of(), "nW signed an impossible measure", true);

        await(agents.checked("agent-pay", "run-1", "nW", 5000, 2, verdict));
        await(agents.checked("agent-pay", "run-1", "nW", 5000, 2, later));
        await(agents.checked("agent-pay", "run-2", "nW", 5000, 2, refused));

        assertThat(await(new PgVerificationStore(pool).contributions("agent-pay"))).containsExactly(
            new Contribution("agent:run-1:1", "nW", 300), new Contribution("agent:run-1:2", "nW", 200));
        assertThat(await(jobs.get("agent-pay")).steps()).extracting(AgentStep::testCpuMs, AgentStep::testChargedMilli)
            .containsExactly(tuple(300L, null), tuple(250L, null), tuple(400L, null));

        await(agents.charged("agent-pay", Map.of("agent:run-1:1", 330L, "agent:run-1:2", 220L, "j-1#1", 5L)));

        assertThat(await(jobs.get("agent-pay")).steps()).extracting(AgentStep::testChargedMilli)
            .containsExactly(330L, 220L, null);
    }

    @Test
    void handoffDecisionsAreAudited() throws Exception {
        await(jobs.insert("agent-handoff", agentJob(), "coord", List.of()));

        await(agents.handoff("agent-handoff", "run-1", "openai", "alice", "acme", false, "withheld: local-only mode"));

        Row row = await(pool.preparedQuery("SELECT provider, requester, org, allowed, reason FROM agent_handoffs WHERE job_id = $1")
            .execute(Tuple.of("agent-handoff"))).iterator().next();
        assertThat(row.getString(0)).isEqualTo("openai");
        assertThat(row.getString(1)).isEqualTo("alice");
        assertThat(row.getString(2)).isEqualTo("acme");
        assertThat(row.getBoolean(3)).isFalse();
        assertThat(row.getString(4)).isEqualTo("withheld: local-only mode");
    }
}
