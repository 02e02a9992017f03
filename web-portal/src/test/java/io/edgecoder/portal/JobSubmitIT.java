package io.edgecoder.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A valid submission reaches whoever serves {@link CoordinatorAddresses#JOB_SUBMIT} (here a
 * tiny consumer playing the coordinator's contract) and its reply or failure comes back as HTTP.
 */
class JobSubmitIT {
    private PortalHarness portal;

    @AfterEach
    void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void validJobIsForwardedAsAdminWithDefaultsAndAnswered202() {
        portal = PortalHarness.start();
        List<JobSubmitRequest> received = portal.record(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class,
            job -> Future.succeededFuture(new JobSubmitReply("job-42", "queued", null)));
        JsonObject body = Jobs.python().put("title", "  add numbers  ").put("requester", "mallory");

        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs", body);

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("id", "job-42").put("status", "queued"));
        assertThat(response.getHeader("Location")).isEqualTo("/api/v1/jobs/job-42");
        assertThat(received).hasSize(1);
        JobSubmitRequest job = received.get(0);
        assertThat(job.requester()).as("the caller, never the body, names the requester").isEqualTo("admin");
        assertThat(job.title()).isEqualTo("add numbers");
        assertThat(job.language()).isEqualTo("python");
        assertThat(job.files()).containsOnlyKeys("calc.py", "test_calc.py");
        assertThat(job.files().get("calc.py")).isEqualTo("def add(a, b):\n    return a + b\n");
        assertThat(job.tests()).containsExactly("test_calc.py");
        assertThat(job.locality()).isEqualTo("local-only");
        assertThat(job.timeoutSeconds()).isEqualTo(60);
        assertThat(job.restricted()).isFalse();
    }

    @Test
    void explicitLocalityTimeoutAndRestrictionAreKept() {
        portal = PortalHarness.start();
        List<JobSubmitRequest> received = portal.record(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class,
            job -> Future.succeededFuture(new JobSubmitReply("job-43", "queued", null)));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs",
            Jobs.python().put("locality", "mesh").put("timeoutSeconds", 600).put("restricted", true));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(received).singleElement().satisfies(job -> {
            assertThat(job.locality()).isEqualTo("mesh");
            assertThat(job.timeoutSeconds()).isEqualTo(600);
            assertThat(job.restricted()).isTrue();
        });
    }

    @Test
    void jsonSentWithCurlsDefaultFormContentTypeIsStillReadAsJson() {
        portal = PortalHarness.start();
        portal.serve(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class,
            job -> Future.succeededFuture(new JobSubmitReply("job-44", job.requester(), null)));

        HttpResponse<Buffer> response = PortalHarness.await(portal.request(HttpMethod.POST, "/api/v1/jobs")
            .putHeader("Content-Type", "application/x-www-form-urlencoded")
            .sendBuffer(Jobs.python().toBuffer()));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getString("status")).as("echoes the forwarded requester").isEqualTo("admin");
    }

    @Test
    void jobRecordedAsRejectedIsAnswered202WithTheReason() {
        portal = PortalHarness.start();
        portal.serve(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class,
            job -> Future.succeededFuture(new JobSubmitReply("job-7", "rejected", "no worker may run mesh jobs")));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs", Jobs.python().put("locality", "mesh"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject().getMap())
            .containsExactlyInAnyOrderEntriesOf(Map.of("id", "job-7", "status", "rejected", "reason", "no worker may run mesh jobs"));
        assertThat(portal.registry.counter(PortalMeters.JOBS_SUBMITTED, PortalMeters.OUTCOME, "rejected").count()).isEqualTo(1.0);
    }

    @Test
    void policyFailureFromTheCoordinatorIsAnswered422WithItsMessage() {
        portal = PortalHarness.start();
        portal.serve(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class,
            job -> Future.failedFuture(MeshException.policy("locality: mesh jobs are disabled on this network")));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs", Jobs.python());

        assertError(response, 422, "policy_rejected", "locality: mesh jobs are disabled on this network");
    }

    @Test
    void badRequestFromTheCoordinatorKeepsItsStatusAndMessage() {
        portal = PortalHarness.start();
        portal.serve(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class,
            job -> Future.failedFuture(new MeshException(ErrorCode.PAYLOAD_TOO_LARGE, "files: too large for this node")));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs", Jobs.python());

        assertError(response, 413, "payload_too_large", "files: too large for this node");
    }

    @Test
    void submissionWithoutACoordinatorIsAnswered503() {
        portal = PortalHarness.start();

        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs", Jobs.python());

        assertError(response, 503, "unavailable", "a required service is not running");
    }

    @Test
    void coordinatorThatDoesNotAnswerInTimeIsAnswered503AfterFourBusTimeoutsSayingARetryNeedsAKey() {
        portal = PortalHarness.start(Vertx.vertx(), Duration.ofMillis(300));
        portal.serve(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class, job -> Promise.promise().future());

        long started = System.nanoTime();
        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs", Jobs.python());
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertError(response, 503, "unavailable", "no reply in time from a required service; the job may or may not have"
            + " been recorded: send an Idempotency-Key header with submissions so that a retry cannot record it twice");
        assertThat(tookMs).as("a submission is awaited 4 bus timeouts").isGreaterThanOrEqualTo(4 * 300L);
    }

    @Test
    void withAKeyThe503SaysToSubmitAgainWithTheSameKey() {
        portal = PortalHarness.start(Vertx.vertx(), Duration.ofMillis(300));
        portal.serve(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class, job -> Promise.promise().future());

        HttpResponse<Buffer> response = PortalHarness.await(portal.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/jobs")
            .putHeader("Idempotency-Key", "k-503").sendJsonObject(Jobs.python()));

        assertError(response, 503, "unavailable", "no reply in time from a required service; the job may or may not have"
            + " been recorded: submit it again with the same Idempotency-Key to get it exactly once");
    }

    @Test
    void theIdempotencyKeyHeaderIsForwardedAndAReplayIsMarked() {
        portal = PortalHarness.start();
        List<JobSubmitRequest> received = portal.record(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class,
            job -> Future.succeededFuture(new JobSubmitReply("job-7", "running", null, true)));

        HttpResponse<Buffer> response = PortalHarness.await(portal.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/jobs")
            .putHeader("Idempotency-Key", "5b0c6f5e-8d1a-4c1e-9a51-0c2a3f4b5d6e").sendJsonObject(Jobs.python()));

        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(202);
        assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("id", "job-7").put("status", "running")
            .put("replayed", true));
        assertThat(response.getHeader("Idempotent-Replayed")).isEqualTo("true");
        assertThat(received).singleElement().extracting(JobSubmitRequest::idempotencyKey)
            .isEqualTo("5b0c6f5e-8d1a-4c1e-9a51-0c2a3f4b5d6e");
    }

    @Test
    void aBadIdempotencyKeyIsA400AndNeverReachesTheCoordinator() {
        portal = PortalHarness.start();
        List<JobSubmitRequest> received = portal.record(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class,
            job -> Future.succeededFuture(new JobSubmitReply("job-8", "queued", null)));

        HttpResponse<Buffer> response = PortalHarness.await(portal.request(io.vertx.core.http.HttpMethod.POST, "/api/v1/jobs")
            .putHeader("Idempotency-Key", "x".repeat(129)).sendJsonObject(Jobs.python()));

        assertError(response, 400, "bad_request", "Idempotency-Key: must be 1..128 characters, got 129");
        assertThat(received).isEmpty();
    }

    @Test
    void unexpectedCoordinatorFailureIsAnswered500WithoutDetails() {
        portal = PortalHarness.start();
        portal.serve(CoordinatorAddresses.JOB_SUBMIT, JobSubmitRequest.class,
            job -> Future.failedFuture(new IllegalStateException("password=hunter2 leaked in a stack trace")));

        HttpResponse<Buffer> response = portal.postJson("/api/v1/jobs", Jobs.python());

        assertThat(response.statusCode()).isEqualTo(500);
        JsonObject error = response.bodyAsJsonObject();
        assertThat(error.getString("error")).isEqualTo("internal");
        assertThat(error.getString("message")).startsWith("internal error (ref ").doesNotContain("hunter2");
    }

    static void assertError(HttpResponse<Buffer> response, int status, String error, String message) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        assertThat(response.bodyAsJsonObject())
            .isEqualTo(new JsonObject().put("error", error).put("message", message));
    }
}
