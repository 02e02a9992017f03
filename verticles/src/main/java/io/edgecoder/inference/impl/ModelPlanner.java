package io.edgecoder.inference.impl;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.message.ChatCancel;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.core.message.PlanReply;
import io.edgecoder.core.message.PlanRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans a job with a model when the job names one: asks it (through the chat routing, with the
 * job's locality and never a remote provider) for a plan as JSON against {@link PlanPrompt#SCHEMA},
 * checks it ({@link PlanParser}) and falls back to the {@link DeterministicPlanner} when no model
 * is named, the model fails or is too slow, or its plan is invalid. The reply names the planner.
 * A local-only job of another organisation is refused before anything of it is looked at.
 */
public final class ModelPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPlanner.class);
    static final int MAX_PLAN_TOKENS = 4096;

    private final Vertx vertx;
    private final BusClient bus;
    private final ChatRouter router;
    private final DeterministicPlanner deterministic = new DeterministicPlanner();
    private final Duration deadline;
    private final String org;

    /** A planner on a node of {@code org}. */
    public ModelPlanner(Vertx vertx, BusClient bus, ChatRouter router, Duration deadline, String org) {
        this.org = org;
        this.vertx = vertx;
        this.bus = bus;
        this.router = router;
        this.deadline = deadline;
    }

    public Future<PlanReply> plan(PlanRequest request) {
        if (request != null && Boolean.TRUE.equals(request.localOnly()) && (org == null || !org.equals(request.org()))) {
            LOG.warn("job {}: a local-only plan of org {} arrived at this node of org {}; refused", request.jobId(), request.org(), org);
            return Future.failedFuture(new MeshException(ErrorCode.FORBIDDEN,
                "a local-only job is planned only by its own organisation's nodes; send it to InferenceAddresses.plan(org, true)"));
        }
        PlanReply fallback = deterministic.plan(request);
        if (request.planModel() == null || request.planModel().isBlank()) {
            return Future.succeededFuture(fallback);
        }
        String model = request.planModel();
        return ask(request)
            .map(answer -> new PlanReply(PlanParser.parse(answer, PlanPrompt.distinct(request.tests())), "model:" + model))
            .recover(failure -> {
                String why = failure instanceof IllegalArgumentException invalid ? "its plan was invalid: " + invalid.getMessage()
                    : BusClient.toMesh(failure).getMessage();
                LOG.info("job {}: model {} did not plan ({}); the deterministic plan stands in", request.jobId(), model, why);
                return Future.succeededFuture(new PlanReply(fallback.subtasks(), fallback.planner(), "model " + model + ": " + why));
            });
    }

    /** The model's answer, or a failure when it does not come within the deadline (the call is then cancelled). */
    private Future<String> ask(PlanRequest request) {
        boolean localOnly = Boolean.TRUE.equals(request.localOnly());
        ChatRequest chat = new ChatRequest("plan-" + request.jobId() + "-" + UUID.randomUUID(), request.planModel(),
            PlanPrompt.messages(request), MAX_PLAN_TOKENS, 0.0, null, request.org(), localOnly, request.jobId(), null, null);
        Promise<String> answer = Promise.promise();
        long timer = vertx.setTimer(deadline.toMillis(), t -> {
            if (answer.tryFail(new MeshException(ErrorCode.TIMEOUT, "no plan within " + deadline.toSeconds() + " s"))) {
                bus.publish(InferenceAddresses.CHAT_CANCEL, new ChatCancel(chat.requestId()));
            }
        });
        router.chat(chat, false).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                answer.tryComplete(ar.result().content());
            } else {
                answer.tryFail(ar.cause());
            }
        });
        return answer.future();
    }
}
