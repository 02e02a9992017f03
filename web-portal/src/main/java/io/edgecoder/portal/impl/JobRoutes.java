package io.edgecoder.portal.impl;

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
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Job API v1: submit, get, list. Each handler checks its input, asks the coordinator over the
 * bus and writes the reply; failures go to {@link ApiFailureHandler}. A submission the
 * coordinator records as {@code rejected} (a policy decision with a reason) is still answered
 * 202, because the job exists and can be read back.
 */
public final class JobRoutes {
    public static final int MAX_LIST_LIMIT = 200;
    static final int INLINE_PARSE_BYTES = 64 * 1024;

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
        Future.succeededFuture(ctx.pathParam("id"))
            .map(JobRoutes::checkId)
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

    /**
     * Parses and validates the body. Bodies above {@value #INLINE_PARSE_BYTES} bytes (up to the
     * 3 MiB limit) are parsed on a worker thread so a large submission never holds the event loop.
     */
    private static Future<JobSubmitRequest> parseAndValidate(RoutingContext ctx) {
        Caller caller = Caller.of(ctx);
        String body = LimitedBody.of(ctx).toString(StandardCharsets.UTF_8);
        if (body.length() <= INLINE_PARSE_BYTES) {
            try {
                return Future.succeededFuture(parse(body, caller));
            } catch (MeshException e) {
                return Future.failedFuture(e);
            }
        }
        return ctx.vertx().executeBlocking(() -> parse(body, caller), false);
    }

    private static JobSubmitRequest parse(String body, Caller caller) {
        return withRequester(JobSpecs.validate(JobRequestParser.parse(body)), caller);
    }

    private static JobSubmitRequest withRequester(JobSubmitRequest job, Caller caller) {
        return new JobSubmitRequest(job.title(), job.language(), job.files(), job.tests(), job.locality(),
            job.timeoutSeconds(), caller.account(), job.restricted());
    }

    private void accepted(RoutingContext ctx, JobSubmitReply reply) {
        count("rejected".equals(reply.status()) ? "rejected" : "queued");
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

    private static String checkId(String id) {
        if (id == null || id.isBlank() || id.length() > PortalLimits.MAX_ID_LENGTH) {
            throw MeshException.badRequest("id: must be 1.." + PortalLimits.MAX_ID_LENGTH + " characters");
        }
        return id;
    }

    static JobListRequest listRequest(RoutingContext ctx) {
        Integer limit = limit(single(ctx, "limit"));
        String after = single(ctx, "after");
        if (after != null && (after.isBlank() || after.length() > PortalLimits.MAX_ID_LENGTH)) {
            throw MeshException.badRequest("after: must be a job id of 1.." + PortalLimits.MAX_ID_LENGTH + " characters");
        }
        return new JobListRequest(limit, after);
    }

    private static String single(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        if (values.size() > 1) {
            throw MeshException.badRequest(name + ": given more than once");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    static Integer limit(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= MAX_LIST_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same message as an out-of-range number
        }
        throw MeshException.badRequest("limit: must be an integer within 1.." + MAX_LIST_LIMIT);
    }
}
