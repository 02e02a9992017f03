package io.edgecoder.portal;

import static io.edgecoder.portal.JobSubmitIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.BalancesReply;
import io.edgecoder.core.message.BalancesRequest;
import io.edgecoder.core.message.JobCancelRequest;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobListReply;
import io.edgecoder.core.message.JobListRequest;
import io.edgecoder.core.message.JobView;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * The portal's side of ownership and cancellation: every job read, listing, cancel and balance
 * request carries the caller as its actor (the owning role filters by it), both cancel routes reach
 * the coordinator, and its 404 and 409 answers reach the client unchanged.
 */
class JobCancelRoutesIT {
    @AutoClose
    private final PortalHarness portal = PortalHarness.start();

    @Test
    void postCancelAndDeleteBothCancelForTheCallerAndAnswerTheCancelledJob() {
        List<JobCancelRequest> asked = portal.record(CoordinatorAddresses.JOB_CANCEL, JobCancelRequest.class,
            request -> Future.succeededFuture(cancelledJob(request.id())));

        HttpResponse<Buffer> posted = PortalHarness.await(portal.request(HttpMethod.POST, "/api/v1/jobs/j-1/cancel").send());
        HttpResponse<Buffer> deleted = PortalHarness.await(portal.request(HttpMethod.DELETE, "/api/v1/jobs/j-2").send());

        assertThat(posted.statusCode()).as(posted.bodyAsString()).isEqualTo(200);
        assertThat(posted.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(asked).containsExactly(new JobCancelRequest("j-1", Actor.operator()), new JobCancelRequest("j-2", Actor.operator()));
    }

    @Test
    void cancellingAFinishedJobIs409WithTheCoordinatorsMessageAndSomeoneElsesIs404() {
        portal.serve(CoordinatorAddresses.JOB_CANCEL, JobCancelRequest.class, request -> Future.failedFuture(
            request.id().equals("done") ? new MeshException(ErrorCode.CONFLICT, "job done has already ended (succeeded)")
                : MeshException.notFound("job " + request.id() + " not found")));

        HttpResponse<Buffer> done = PortalHarness.await(portal.request(HttpMethod.POST, "/api/v1/jobs/done/cancel").send());
        HttpResponse<Buffer> hidden = PortalHarness.await(portal.request(HttpMethod.POST, "/api/v1/jobs/theirs/cancel").send());

        assertError(done, 409, "conflict", "job done has already ended (succeeded)");
        assertError(hidden, 404, "not_found", "job theirs not found");
    }

    @Test
    void readsAndListingsCarryTheCallerAndTheStatusFilter() {
        List<JobGetRequest> gets = portal.record(CoordinatorAddresses.JOB_GET, JobGetRequest.class,
            request -> Future.succeededFuture(cancelledJob(request.id())));
        List<JobListRequest> lists = portal.record(CoordinatorAddresses.JOB_LIST, JobListRequest.class,
            request -> Future.succeededFuture(new JobListReply(List.of(), null)));
        List<BalancesRequest> balances = portal.record(LedgerAddresses.BALANCE_LIST, BalancesRequest.class,
            request -> Future.succeededFuture(new BalancesReply(Map.of("user:admin", 5L))));

        assertThat(portal.get("/api/v1/jobs/j-9").statusCode()).isEqualTo(200);
        assertThat(portal.get("/api/v1/jobs?status=cancelled&limit=5").statusCode()).isEqualTo(200);
        assertThat(portal.get("/api/v1/ledger/balances?account=user:alice").statusCode()).isEqualTo(200);

        assertThat(gets).containsExactly(new JobGetRequest("j-9", Actor.operator()));
        assertThat(lists).containsExactly(new JobListRequest(5, null, Actor.operator(), "cancelled"));
        assertThat(balances).containsExactly(new BalancesRequest(Actor.operator(), "user:alice"));
    }

    @Test
    void anOverlongStatusFilterIs400AndNeverReachesTheCoordinator() {
        List<JobListRequest> lists = portal.record(CoordinatorAddresses.JOB_LIST, JobListRequest.class,
            request -> Future.succeededFuture(new JobListReply(List.of(), null)));

        assertError(portal.get("/api/v1/jobs?status=" + "x".repeat(21)), 400, "bad_request",
            "status: must be a job status of 1..20 characters");
        assertThat(lists).isEmpty();
    }

    private static JobView cancelledJob(String id) {
        Instant now = Instant.parse("2026-12-07T00:00:00Z");
        return new JobView(id, "t", "python", "local-only", "admin", "cancelled", false, List.of(), List.of("cancelled by admin"),
            now, now, null);
    }
}
