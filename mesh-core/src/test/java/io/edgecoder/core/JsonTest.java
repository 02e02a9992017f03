package io.edgecoder.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.message.JobEvent;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.TestFailure;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void recordsRoundTripThroughBusBodies() {
        RunSubtaskReply reply = new RunSubtaskReply("n1", "failed", 1, 120, 80, 1024L, "out", "err", true, "process",
            new TestReport(3, 2, 1, 0, List.of("test_x (t.T)")));
        JsonObject body = Json.toJson(reply);
        // through the wire encoding, as a clustered hop does
        assertThat(Json.fromJson(new JsonObject(body.encode()), RunSubtaskReply.class)).isEqualTo(reply);
        // and through a local copy, which wraps nested maps in JsonObject
        assertThat(Json.fromJson(body.copy(), RunSubtaskReply.class)).isEqualTo(reply);
    }

    @Test
    void testReportsCarryFailureMessagesAndReadOldBodiesWithoutThem() {
        TestReport report = new TestReport(3, 1, 2, 0, List.of("t.C.a", "t.C.b"), 1,
            List.of(new TestFailure("t.C.a", "AssertionError: 1 != 2"), new TestFailure("t.C.b", null)));
        assertThat(Json.fromJson(new JsonObject(Json.toJson(report).encode()), TestReport.class)).isEqualTo(report);

        JsonObject old = new JsonObject("{\"run\":1,\"passed\":0,\"failed\":1,\"skipped\":0,\"failures\":[\"t.C.a\"]}");
        assertThat(Json.fromJson(old, TestReport.class)).isEqualTo(new TestReport(1, 0, 1, 0, List.of("t.C.a")));
    }

    @Test
    void instantsAreIsoStrings() {
        JobEvent event = new JobEvent("j", null, "queued", null, Instant.parse("2026-01-02T03:04:05Z"));
        JsonObject body = Json.toJson(event);
        assertThat(body.getString("at")).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(body.containsKey("subtaskId")).isFalse();
        assertThat(Json.fromJson(body, JobEvent.class)).isEqualTo(event);
    }

    @Test
    void unknownFieldsAreIgnoredSoContractsCanGrow() {
        JsonObject body = Json.toJson(new WorkerHeartbeat("n", "o", List.of("python"), 2, 1, 0, "process", 1000))
            .put("gpu", "none");
        assertThat(Json.fromJson(body, WorkerHeartbeat.class).slots()).isEqualTo(2);
    }

    @Test
    void wrongTypesAreABadRequestNamingTheField() {
        JsonObject body = new JsonObject().put("title", "t").put("files", "not an object");
        assertThatThrownBy(() -> Json.fromJson(body, JobSubmitRequest.class))
            .isInstanceOfSatisfying(MeshException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void fixtureOfAJobSubmissionParses() {
        String fixture = """
            {"title":"demo","language":"python","files":{"test_a.py":"import unittest"},
             "tests":["test_a.py"],"locality":"mesh","timeoutSeconds":30,"requester":"admin"}""";
        JobSubmitRequest job = Json.parse(fixture, JobSubmitRequest.class);
        assertThat(job.files()).isEqualTo(Map.of("test_a.py", "import unittest"));
        assertThat(job.locality()).isEqualTo("mesh");
        assertThat(Json.parse(Json.write(job), JobSubmitRequest.class)).isEqualTo(job);
    }
}
