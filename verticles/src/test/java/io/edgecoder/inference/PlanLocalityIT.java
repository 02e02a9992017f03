package io.edgecoder.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.core.message.PlanReply;
import io.edgecoder.core.message.PlanRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.inference.app.InferenceConfig;
import io.edgecoder.inference.app.InferenceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plans by locality on a real cluster of two organisations: node A (org acme) runs the coordinator (and
 * the portal role, to submit jobs)
 * and an inference role whose Ollama server plans; node B (org globex) runs an inference role with
 * its own model server serving the same model and one only it has. A watch on B's inbound bus
 * records every message that carries a job's secret marker. Local-only jobs of acme are planned
 * on A only, their plan prompt never reaching B; B refuses a local-only plan of acme sent to it
 * anyway; each job records the planner that made its plan and why a fallback happened.
 */
class PlanLocalityIT {
    private static final String MODEL = ScriptedModelServer.MODEL;
    private static final String GLOBEX_ONLY = "globex-only-model";
    private static final List<String> TESTS = List.of("test_a.py", "test_b.py");
    private static final String PLAN = "{\"subtasks\": [{\"test\": \"test_b.py\"}, {\"test\": \"test_a.py\"}]}";

    private static final List<Vertx> nodes = new ArrayList<>();
    private static final Set<String> reachedGlobex = ConcurrentHashMap.newKeySet();
    private static ScriptedModelServer acmeServer;
    private static ScriptedModelServer globexServer;
    private static BusClient coordinator;

    @BeforeAll
    static void start() throws Exception {
        String cluster = TestClusters.newName();
        Vertx a = member(cluster, EnumSet.of(Role.COORDINATOR, Role.INFERENCE, Role.PORTAL), "acme");
        Vertx b = member(cluster, EnumSet.of(Role.INFERENCE), "globex");
        acmeServer = get(ScriptedModelServer.start(a)).tokens(List.of("```json\n", PLAN, "\n```"));
        globexServer = get(ScriptedModelServer.start(b)).models(List.of(MODEL, GLOBEX_ONLY)).tokens(List.of(PLAN));
        get(a.deployVerticle(new InferenceVerticle(config(acmeServer))));
        get(b.deployVerticle(new InferenceVerticle(config(globexServer))));
        b.eventBus().addInboundInterceptor(ctx -> {
            String body = String.valueOf(ctx.body());
            int at = body.indexOf("SECRET-");
            if (at >= 0) {
                reachedGlobex.add(body.substring(at, Math.min(body.length(), at + 43)) + " @ " + ctx.message().address());
            }
            ctx.next();
        });
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.ORG, "acme", ConfigKeys.CAPACITY_WAIT_MS, "300"));
        get(a.deployVerticle(new CoordinatorVerticle(
            CoordinatorConfig.from(settings, TestDatabase.freshDatabase(), NodeIdentity.ephemeral(), null))));
        coordinator = new BusClient(a, Duration.ofSeconds(30));
        Await.until("both organisations' models in A's table", Duration.ofSeconds(60),
            () -> get(coordinator.request(InferenceAddresses.MODELS, new ModelListRequest(null, null, false, false),
                ModelListReply.class)).models().stream().map(ModelInfo::org).distinct().count(),
            n -> n == 2);
    }

    private static Vertx member(String cluster, Set<Role> roles, String org) throws Exception {
        Vertx vertx = get(TestClusters.member(cluster, roles, org));
        nodes.add(vertx);
        return vertx;
    }

    private static InferenceConfig config(ScriptedModelServer server) {
        return new InferenceConfig("unused", "unused", Duration.ofSeconds(10), List.of(
            new ProviderConfig("ollama", ProviderConfig.Kind.OLLAMA, URI.create(server.ollamaUrl()), false, null, 4)),
            Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() throws Exception {
        TestClusters.closeAll(nodes);
    }

    @Test
    void localOnlyJobsArePlannedByTheirOrganisationsModelAndTheirPlanPromptNeverReachesTheOther() throws Exception {
        List<String> markers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String marker = secret();
            markers.add(marker);
            ids.add(submit(job(marker, "local-only", MODEL)));
        }

        for (String id : ids) {
            JobView job = awaitPlanned(id);
            assertThat(job.planner()).as(job.notes().toString()).isEqualTo("model:" + MODEL);
            assertThat(job.plannerNote()).isNull();
            assertThat(job.subtasks()).extracting(s -> s.test()).containsExactly("test_b.py", "test_a.py");
        }
        String askedInAcme = acmeServer.received().toString();
        assertThat(markers).allSatisfy(m -> assertThat(askedInAcme).contains(m));
        assertThat(reachedGlobex).as("messages carrying these jobs' files that arrived at globex's node")
            .noneMatch(seen -> markers.stream().anyMatch(seen::startsWith));
        String askedInGlobex = globexServer.received().toString();
        assertThat(markers).noneMatch(askedInGlobex::contains);
    }

    @Test
    void aModelOnlyTheOtherOrganisationServesIsNotAskedAndTheFallbackSaysWhy() throws Exception {
        String marker = secret();

        JobView job = awaitPlanned(submit(job(marker, "local-only", GLOBEX_ONLY)));

        assertThat(job.planner()).isEqualTo("deterministic");
        assertThat(job.plannerNote()).startsWith("model " + GLOBEX_ONLY + ":").contains("not served").contains("local-only");
        assertThat(job.subtasks()).extracting(s -> s.test()).containsExactlyElementsOf(TESTS);
        assertThat(reachedGlobex).noneMatch(m -> m.startsWith(marker));
        assertThat(globexServer.received().toString()).doesNotContain(marker);
    }

    @Test
    void aJobWithoutAPlanModelRecordsTheDeterministicPlanner() throws Exception {
        JobView job = awaitPlanned(submit(job(secret(), "local-only", null)));

        assertThat(job.planner()).isEqualTo("deterministic");
        assertThat(job.plannerNote()).isNull();
        assertThat(job.subtasks()).extracting(s -> s.test()).containsExactlyElementsOf(TESTS);
    }

    @Test
    void aNodeOfAnotherOrganisationRefusesALocalOnlyPlanSentToItAnyway() throws Exception {
        String marker = secret();
        PlanRequest plan = new PlanRequest("job-" + marker, "python", files(marker), TESTS, MODEL, "acme", true);

        MeshException refused = failure(coordinator.request(InferenceAddresses.plan("globex", true), plan, PlanReply.class));

        assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused.getMessage()).contains("own organisation");
        assertThat(globexServer.received().toString()).as("nothing of it went to globex's model").doesNotContain(marker);
        PlanReply inAcme = get(coordinator.request(InferenceAddresses.plan("acme", true), plan, PlanReply.class));
        assertThat(inAcme.planner()).isEqualTo("model:" + MODEL);
    }

    private static String secret() {
        return "SECRET-" + UUID.randomUUID();
    }

    private static Map<String, String> files(String marker) {
        Map<String, String> files = new LinkedHashMap<>();
        TESTS.forEach(t -> files.put(t, "import unittest\n# " + marker + "\n"));
        files.put("calc.py", "def add(a, b):\n    return a + b  # " + marker + "\n");
        return files;
    }

    private static JobSubmitRequest job(String marker, String locality, String planModel) {
        return new JobSubmitRequest("plan " + marker, "python", files(marker), TESTS, locality, 5, "alice", null, null, null, null,
            null, null, null, null, planModel);
    }

    private static String submit(JobSubmitRequest job) throws Exception {
        return get(coordinator.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class)).id();
    }

    /** The job once planned (its subtasks then fail for want of a worker; that is not what is tested). */
    private static JobView awaitPlanned(String id) throws Exception {
        return Await.until("job " + id + " planned", Duration.ofSeconds(60),
            () -> get(coordinator.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class)),
            view -> view.planner() != null && !view.subtasks().isEmpty() || view.finishedAt() != null);
    }

    private static MeshException failure(Future<?> f) throws Exception {
        try {
            get(f);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return (MeshException) e.getCause();
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
