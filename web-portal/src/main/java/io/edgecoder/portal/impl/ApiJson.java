package io.edgecoder.portal.impl;

import io.edgecoder.core.Json;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.JobListReply;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.message.VerifyReply;
import io.edgecoder.core.message.ModelInfo;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.message.WorkerListReply;
import io.edgecoder.core.message.WorkerStanding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP representations of bus replies. Fields the API documents are always present, with
 * an explicit {@code null} when unknown (the bus mapper leaves nulls out), so clients can rely
 * on the shape of {@code docs/api.md}.
 */
public final class ApiJson {
    private ApiJson() {
    }

    public static JsonObject submitted(JobSubmitReply reply) {
        JsonObject json = new JsonObject().put("id", reply.id()).put("status", reply.status());
        if (reply.reason() != null) {
            json.put("reason", reply.reason());
        }
        if (reply.replay()) {
            json.put("replayed", true);
        }
        return json;
    }

    public static JsonObject job(JobView job) {
        return new JsonObject()
            .put("id", job.id())
            .put("title", job.title())
            .put("language", job.language())
            .put("locality", job.locality())
            .put("requester", job.requester())
            .put("status", job.status())
            .put("verified", job.verified())
            .put("isolation", job.isolation())
            .put("subtasks", subtasks(job.subtasks()))
            .put("notes", job.notes() == null ? new JsonArray() : new JsonArray(List.copyOf(job.notes())))
            .put("createdAt", iso(job.createdAt()))
            .put("finishedAt", iso(job.finishedAt()))
            .put("steps", steps(job.steps()))
            .put("priority", job.priority())
            .put("deadline", iso(job.deadline()))
            .put("planner", job.planner())
            .put("plannerNote", job.plannerNote());
    }

    /** The agent loop's steps, each with its test report in the subtasks' shape. */
    private static JsonArray steps(List<AgentStep> steps) {
        JsonArray out = new JsonArray();
        if (steps != null) {
            steps.forEach(s -> out.add(new JsonObject()
                .put("iteration", s.iteration())
                .put("worker", s.worker())
                .put("model", s.model())
                .put("servedBy", s.servedBy())
                .put("provider", s.provider())
                .put("prompt", s.prompt())
                .put("promptTokens", s.promptTokens())
                .put("completionTokens", s.completionTokens())
                .put("diff", s.diff())
                .put("status", s.status())
                .put("report", report(s.report()))
                .put("modelMs", s.modelMs())
                .put("testMs", s.testMs())
                .put("totalMs", s.totalMs())
                .put("startedAt", iso(s.startedAt()))
                .put("error", s.error())
                .put("chargedMilli", s.chargedMilli())
                .put("testCpuMs", s.testCpuMs())
                .put("testChargedMilli", s.testChargedMilli())));
        }
        return out;
    }

    public static JsonObject jobs(JobListReply reply) {
        JsonArray jobs = new JsonArray();
        if (reply.jobs() != null) {
            reply.jobs().forEach(job -> jobs.add(job(job)));
        }
        return new JsonObject().put("jobs", jobs).put("next", reply.next());
    }

    private static JsonArray subtasks(List<SubtaskView> subtasks) {
        JsonArray out = new JsonArray();
        if (subtasks != null) {
            subtasks.forEach(s -> out.add(subtask(s)));
        }
        return out;
    }

    private static JsonObject subtask(SubtaskView s) {
        return new JsonObject()
            .put("id", s.id())
            .put("test", s.test())
            .put("worker", s.worker())
            .put("status", s.status())
            .put("attempts", s.attempts())
            .put("exitCode", s.exitCode())
            .put("durationMs", s.durationMs())
            .put("cpuMs", s.cpuMs())
            .put("stdout", s.stdout())
            .put("stderr", s.stderr())
            .put("isolation", s.isolation())
            .put("report", report(s.report()))
            .put("placement", s.placement())
            .put("passedOver", new JsonArray(s.passedOver() == null ? List.of() : List.copyOf(s.passedOver())));
    }

    /** The parsed test report of a subtask, or null before an attempt finished with one. */
    private static JsonObject report(TestReport r) {
        if (r == null) {
            return null;
        }
        JsonArray failures = new JsonArray();
        Map<String, String> messages = new HashMap<>();
        r.details().forEach(d -> messages.putIfAbsent(d.test(), d.message()));
        r.failures().forEach(test -> failures.add(new JsonObject().put("test", test).put("message", messages.get(test))));
        return new JsonObject()
            .put("run", r.run())
            .put("passed", r.passed())
            .put("failed", r.failed())
            .put("errors", r.errors())
            .put("skipped", r.skipped())
            .put("failures", failures);
    }

    public static JsonObject verify(VerifyReply reply) {
        return new JsonObject()
            .put("ok", reply.ok())
            .put("entries", reply.entries())
            .put("firstBadSequence", reply.firstBadSequence())
            .put("message", reply.message())
            .put("checkpoints", reply.checkpoints())
            .put("unchecked", reply.unchecked())
            .put("complete", reply.complete());
    }

    /**
     * The worker list: each heartbeat with its {@code reputation} (the coordinator's standing of
     * it) and the {@code models} its node's inference role serves, as far as they are known.
     */
    public static JsonObject workers(WorkerListReply reply, List<ModelInfo> models) {
        Map<String, WorkerStanding> standings = new HashMap<>();
        if (reply.standings() != null) {
            reply.standings().forEach(s -> standings.put(s.nodeId(), s));
        }
        JsonArray workers = new JsonArray();
        if (reply.workers() != null) {
            reply.workers().forEach(w -> workers.add(worker(w, standings.get(w.nodeId()), models)));
        }
        return new JsonObject().put("workers", workers);
    }

    private static JsonObject worker(WorkerHeartbeat w, WorkerStanding standing, List<ModelInfo> models) {
        JsonObject json = Json.toJson(w);
        if (standing != null) {
            JsonObject reputation = Json.toJson(standing);
            reputation.remove("nodeId");
            json.put("reputation", reputation);
        }
        JsonArray served = new JsonArray();
        models.stream().filter(m -> w.nodeId().equals(m.node())).forEach(m -> served.add(Json.toJson(m)));
        return json.put("models", served);
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
