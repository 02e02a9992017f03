package io.edgecoder.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.message.ModelListReply;
import io.edgecoder.core.message.ModelListRequest;
import io.edgecoder.core.message.PlanReply;
import io.edgecoder.core.message.PlanRequest;
import io.edgecoder.core.message.PlannedSubtask;
import io.edgecoder.core.testing.Await;
import io.edgecoder.inference.app.InferenceConfig;
import io.edgecoder.inference.app.InferenceVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Planning by a model (an Ollama server scripted to answer a plan), and every way back to the deterministic plan. */
class ModelPlannerTest {
    private static final String MODEL = ScriptedModelServer.MODEL;
    private static final List<String> TESTS = List.of("test_a.py", "test_b.py", "test_c.py");

    private Vertx vertx;
    private ScriptedModelServer server;
    private BusClient bus;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = get(ScriptedModelServer.start(vertx));
        InferenceConfig config = new InferenceConfig("node-1", "acme", Duration.ofSeconds(10), List.of(
            new ProviderConfig("ollama", ProviderConfig.Kind.OLLAMA, URI.create(server.ollamaUrl()), false, null, 4)),
            Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(30),
            Duration.ofMillis(1500));
        get(vertx.deployVerticle(new InferenceVerticle(config)));
        bus = new BusClient(vertx, Duration.ofSeconds(20));
        Await.until("the model in the table", Duration.ofSeconds(20),
            () -> get(bus.request(InferenceAddresses.MODELS, new ModelListRequest(null, null, false, false), ModelListReply.class)),
            reply -> !reply.models().isEmpty());
    }

    @AfterEach
    void stop() throws Exception {
        get(vertx.close());
    }

    private static PlanRequest request(String planModel) {
        Map<String, String> files = new LinkedHashMap<>();
        TESTS.forEach(t -> files.put(t, "import unittest\n"));
        files.put("calc.py", "def add(a, b):\n    return a + b\n");
        return new PlanRequest("job-1", "python", files, TESTS, planModel, "acme", true);
    }

    private PlanReply plan(PlanRequest request) throws Exception {
        return get(bus.request(InferenceAddresses.PLAN_CREATE, request, PlanReply.class));
    }

    @Test
    void aValidPlanFromTheModelIsUsedAndNamesTheModel() throws Exception {
        server.tokens(List.of("```json\n{\"subtasks\": [{\"test\": \"test_c.py\"}, ", "{\"test\": \"test_b.py\"}, {\"test\": \"test_a.py\"}]}\n```"));
        PlanReply reply = plan(request(MODEL));
        assertThat(reply.planner()).isEqualTo("model:" + MODEL);
        assertThat(reply.note()).isNull();
        assertThat(reply.subtasks()).extracting(PlannedSubtask::test).containsExactly("test_c.py", "test_b.py", "test_a.py");
        String prompt = server.received().get(0).encode();
        assertThat(prompt).contains("test_a.py").contains("calc.py").contains("subtasks");
    }

    @Test
    void anInvalidPlanFallsBackToTheDeterministicOneWithTheReason() throws Exception {
        server.tokens(List.of("{\"subtasks\": [{\"test\": \"test_c.py\"}, {\"test\": \"test_c.py\"}, {\"test\": \"test_a.py\"}]}"));
        PlanReply reply = plan(request(MODEL));
        assertThat(reply.planner()).isEqualTo("deterministic");
        assertThat(reply.note()).contains("invalid").contains("twice");
        assertThat(reply.subtasks()).extracting(PlannedSubtask::test).containsExactlyElementsOf(TESTS);
    }

    @Test
    void aModelNobodyServesOrASlowOneFallsBack() throws Exception {
        PlanReply missing = plan(request("no-such-model"));
        assertThat(missing.planner()).isEqualTo("deterministic");
        assertThat(missing.note()).contains("not served");
        server.mode(ScriptedModelServer.Mode.HANG);
        PlanReply slow = plan(request(MODEL));
        assertThat(slow.planner()).isEqualTo("deterministic");
        assertThat(slow.note()).contains("no plan within");
        Await.until("the slow call cancelled", Duration.ofSeconds(10), server::closedEarly, n -> n == 1);
    }

    @Test
    void withoutAPlanModelNoModelIsAskedAndBadInputIs400() throws Exception {
        PlanReply reply = plan(request(null));
        assertThat(reply.planner()).isEqualTo("deterministic");
        assertThat(reply.note()).isNull();
        assertThat(server.received()).isEmpty();
        PlanRequest empty = new PlanRequest("job-2", "python", Map.of("a.py", ""), List.of(), MODEL, "acme", true);
        try {
            plan(empty);
            throw new AssertionError("expected 400");
        } catch (ExecutionException e) {
            assertThat(((MeshException) e.getCause()).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
