package io.edgecoder.portal.impl;

import io.edgecoder.core.JobStatus;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.JobIntake;
import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.message.JobCancelRequest;
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
 * Job API v1: submit, get, list, cancel. Reads and cancels carry the caller as the bus request's
 * actor; the coordinator answers only the caller's own jobs (another person's job is 404), and
 * every job for an admin. Each handler checks its input, asks the coordinator over the
 * bus and writes the reply; failures go to {@link ApiFailureHandler}. A submission the
 * coordinator records as {@code rejected} (a policy decision with a reason) is still answered
 * 202, because the job exists and can be read back.
 */
public final class JobRoutes {
    public static final int MAX_LIST_LIMIT = 200;
    private static final int MAX_STATUS_LENGTH = 20;

    private final BusClient bus;
    private final MeterRegistry meters;

    public JobRoutes(BusClient bus, MeterRegistry meters) {
        this.bus = bus;
        this.meters = meters;
        for (String outcome : List.of("queued", "rejected", "repeated", "invalid", "failed")) {
            meters.counter(PortalMeters.JOBS_SUBMITTED, PortalMeters.OUTCOME, outcome);
        }
    }

    /**
     * {@code POST /api/v1/jobs}, with an optional {@code Idempotency-Key} header: a repeat with the same
     * key returns the job recorded first. The coordinator is awaited {@link JobIntake#submitTimeout}.
     */
    public void submit(RoutingContext ctx) {
        String key;
        try {
            key = idempotencyKey(ctx);
        } catch (MeshException e) {
            submitFailed(ctx, e, null);
            return;
        }
        parseAndValidate(ctx)
            .map(job -> job.withIdempotencyKey(key))
            .compose(job -> bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class,
                JobIntake.submitTimeout(bus.defaultTimeout())))
            .onSuccess(reply -> accepted(ctx, reply))
            .onFailure(failure -> submitFailed(ctx, failure, key));
    }

    /** The {@code Idempotency-Key} header, checked (400 when bad or given twice); null when absent. */
    private static String idempotencyKey(RoutingContext ctx) {
        List<String> values = ctx.request().headers().getAll(JobIntake.IDEMPOTENCY_HEADER);
        if (values.size() > 1) {
            throw MeshException.badRequest(JobIntake.IDEMPOTENCY_HEADER + ": give it once, got " + values.size());
        }
        return values.isEmpty() ? null : JobIntake.checkKey(values.get(0), JobIntake.IDEMPOTENCY_HEADER);
    }

    /** {@code GET /api/v1/jobs/:id}. */
    public void get(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(c -> new JobGetRequest(PathParams.id(c, "id"), Actors.of(c)))
            .compose(request -> bus.request(CoordinatorAddresses.JOB_GET, request, JobView.class))
            .onSuccess(view -> HttpJson.send(ctx, 200, ApiJson.job(view)))
            .onFailure(ctx::fail);
    }

    /**
     * {@code POST /api/v1/jobs/:id/cancel} and {@code DELETE /api/v1/jobs/:id}: 200 with the job,
     * now {@code cancelled}; 404 unknown or another person's job; 409 a job that already ended.
     */
    public void cancel(RoutingContext ctx) {
        Future.succeededFuture(ctx)
            .map(c -> new JobCancelRequest(PathParams.id(c, "id"), Actors.of(c)))
            .compose(request -> bus.request(CoordinatorAddresses.JOB_CANCEL, request, JobView.class))
            .onSuccess(view -> HttpJson.send(ctx, 200, ApiJson.job(view)))
            .onFailure(ctx::fail);
    }

    /** {@code GET /api/v1/jobs?limit=&after=&status=}: the caller's jobs (every job for an admin). */
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
        return job.forRequester(caller.account(), null);
    }

    private void accepted(RoutingContext ctx, JobSubmitReply reply) {
        count(reply.replay() ? "repeated" : JobStatus.REJECTED.wire().equals(reply.status()) ? "rejected" : "queued");
        ctx.response().putHeader("Location", "/api/v1/jobs/" + reply.id());
        if (reply.replay()) {
            ctx.response().putHeader(JobIntake.REPLAYED_HEADER, "true");
        }
        HttpJson.send(ctx, 202, ApiJson.submitted(reply));
    }

    private void submitFailed(RoutingContext ctx, Throwable failure, String key) {
        MeshException mesh = BusClient.toMesh(failure);
        count(mesh.code() == ErrorCode.BAD_REQUEST ? "invalid" : "failed");
        boolean unknownOutcome = !mesh.noHandler() && (mesh.code() == ErrorCode.UNAVAILABLE || mesh.code() == ErrorCode.TIMEOUT);
        ctx.fail(unknownOutcome ? withRetryAdvice(mesh, key) : mesh);
    }

    /**
     * A 503/504 does not say whether the job was recorded: the message says how to find out safely,
     * by submitting again with the same key (a repeat returns the job if it was recorded).
     */
    private static MeshException withRetryAdvice(MeshException failure, String key) {
        String advice = key != null
            ? "; the job may or may not have been recorded: submit it again with the same " + JobIntake.IDEMPOTENCY_HEADER
                + " to get it exactly once"
            : "; the job may or may not have been recorded: send an " + JobIntake.IDEMPOTENCY_HEADER
                + " header with submissions so that a retry cannot record it twice";
        return new MeshException(failure.code(), failure.getMessage() + advice);
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
        String status = QueryParams.single(ctx, "status");
        if (status != null && (status.isBlank() || status.length() > MAX_STATUS_LENGTH)) {
            throw MeshException.badRequest("status: must be a job status of 1.." + MAX_STATUS_LENGTH + " characters");
        }
        return new JobListRequest(limit, after, Actors.of(ctx), status);
    }
}
