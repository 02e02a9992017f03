package io.edgecoder.portal.impl;

import io.edgecoder.core.JobStatus;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.JobGetRequest;
import io.edgecoder.core.message.JobListReply;
import io.edgecoder.core.message.JobListRequest;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.portal.Caller;
import io.edgecoder.portal.PortalLimits;
import io.edgecoder.portal.PortalMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Job API v1: submit, get, list. Each handler checks its input, asks the coordinator over the
 * bus and writes the reply; failures go to {@link ApiFailureHandler}. A submission the
 * coordinator records as {@code rejected} (a policy decision with a reason) is still answered
 * 202, because the job exists and can be read back.
 */
public final class JobRoutes {
    public static final int MAX_LIST_LIMIT = 200;

    private final BusClient bus;
    private final MeterRegistry meters;

    public JobRoutes(BusClient bus, MeterRegistry meters) {
        this.bus = bus;
        this.meters = meters;
        for (String outcome : List.of("queued", "rejected", "invalid", "failed")) {
            meters.counter(PortalMeters.JOBS_SUBMITTED, PortalMeters.OUTCOME, outcome);
        }
    }

    /** {@code POST /api/v1/jobs}. */
    public void submit(RoutingContext ctx) {
        parseAndValidate(ctx)
            .compose(job -> bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class))
            .onSuccess(reply -> accepted(ctx, reply))
            .onFailure(failure -> submitFailed(ctx, failure));
    }

    /** {@code GET /api/v1/jobs/:id}. */
    public void get(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(c -> PathParams.id(c, "id"))
            .compose(id -> bus.request(CoordinatorAddresses.JOB_GET, new JobGetRequest(id), JobView.class))
            .onSuccess(view -> HttpJson.send(ctx, 200, ApiJson.job(view)))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/jobs?limit=&after=}. */
    public void list(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(JobRoutes::listRequest)
            .compose(request -> bus.request(CoordinatorAddresses.JOB_LIST, request, JobListReply.class))
            .onSuccess(reply -> HttpJson.send(ctx, 200, ApiJson.jobs(reply)))
            .onFailure(ctx::fail);
    }

    /** Parses and validates the body; a large one off the event loop (see {@link LimitedBody#parse}). */
    private static Future<JobSubmitRequest> parseAndValidate(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        return LimitedBody.parse(ctx, body -> parse(body, caller));
    }

    private static JobSubmitRequest parse(String body, Caller caller) {
        return withRequester(JobSpecs.validate(JobRequestParser.parse(body)), caller);
    }

    private static JobSubmitRequest withRequester(JobSubmitRequest job, Caller caller) {
        return new JobSubmitRequest(job.title(), job.language(), job.files(), job.tests(), job.locality(),
            job.timeoutSeconds(), caller.account(), job.restricted());
    }

    private void accepted(RoutingContext ctx, JobSubmitReply reply) {
        count(JobStatus.REJECTED.wire().equals(reply.status()) ? "rejected" : "queued");
        ctx.response().putHeader("Location", "/api/v1/jobs/" + reply.id());
        HttpJson.send(ctx, 202, ApiJson.submitted(reply));
    }

    private void submitFailed(RoutingContext ctx, Throwable failure) {
        boolean invalid = failure instanceof MeshException mesh && mesh.code() == ErrorCode.BAD_REQUEST;
        count(invalid ? "invalid" : "failed");
        ctx.fail(failure);
    }

    private void count(String outcome) {
        meters.counter(PortalMeters.JOBS_SUBMITTED, PortalMeters.OUTCOME, outcome).increment();
    }

    private static JobListRequest listRequest(RoutingContext ctx) {
        Integer limit = QueryParams.limit(ctx, MAX_LIST_LIMIT);
        String after = QueryParams.single(ctx, "after");
        if (after != null && (after.isBlank() || after.length() > PortalLimits.MAX_ID_LENGTH)) {
            throw MeshException.badRequest("after: must be a job id of 1.." + PortalLimits.MAX_ID_LENGTH + " characters");
        }
        return new JobListRequest(limit, after);
    }
}
