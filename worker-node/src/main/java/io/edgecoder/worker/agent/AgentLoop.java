package io.edgecoder.worker.agent;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.JobSpecs;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.message.AgentRunReply;
import io.edgecoder.core.message.AgentRunRequest;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.AgentStepEvent;
import io.edgecoder.core.message.ChatCancel;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.ChatRequest;
import io.edgecoder.worker.RunLimits;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent loop on a worker: asks the model (through the inference role, {@code
 * InferenceAddresses.CHAT}, for the job's requester, organisation and locality) for the
 * implementation, writes the files of its answer, runs the job's tests in this worker's sandbox,
 * feeds the failures back, and stops when the tests pass, the iteration bound is reached, the
 * model fails, or the job is cancelled (then the model call in flight is cancelled with
 * {@code ChatCancel}). Every round is recorded as an {@code AgentStep}. Confined to the event loop
 * of the worker verticle; parsing and diffing run on a worker thread.
 */
public final class AgentLoop {
    public static final int MAX_MODEL_TIMEOUT_SECONDS = 3600;
    private static final double TEMPERATURE = 0.2;

    private final Vertx vertx;
    private final BusClient bus;
    private final String workerId;
    private final RunLimits limits;
    private final SandboxRunner runner;
    private final int maxRuns;
    private final Map<String, List<AgentRun>> runs = new HashMap<>();
    private int active;

    public AgentLoop(Vertx vertx, BusClient bus, String workerId, RunLimits limits, SandboxRunner runner, int maxRuns) {
        this.vertx = vertx;
        this.bus = bus;
        this.workerId = workerId;
        this.limits = limits;
        this.runner = runner;
        this.maxRuns = maxRuns;
    }

    /** Runs the loop; the reply comes when it ends, with every step, whatever the outcome. */
    public Future<AgentRunReply> run(AgentRunRequest request) {
        AgentRequests.check(request);
        if (active >= maxRuns) {
            throw new MeshException(ErrorCode.OVERLOADED, "worker runs " + active + " agent loops already; try another worker");
        }
        AgentRun run = new AgentRun(request, workerId, step -> report(request, step));
        active++;
        runs.computeIfAbsent(request.jobId(), k -> new ArrayList<>()).add(run);
        return iterate(run).onComplete(ar -> forget(run));
    }

    /** Tells the dispatching coordinator about a finished round at once (the reply repeats it). */
    private void report(AgentRunRequest request, AgentStep step) {
        if (request.stepsTo() != null) {
            bus.send(request.stepsTo(), new AgentStepEvent(request.jobId(), request.runId(), request.leaseId(), step));
        }
    }

    private void forget(AgentRun run) {
        active--;
        runs.computeIfPresent(run.request().jobId(), (k, list) -> {
            list.remove(run);
            return list.isEmpty() ? null : list;
        });
    }

    /** The job was cancelled: its loops stop after the current step and their model calls are cancelled. */
    public int cancel(String jobId) {
        List<AgentRun> stopped = List.copyOf(runs.getOrDefault(jobId, List.of()));
        for (AgentRun run : stopped) {
            run.cancel(chatId -> bus.publish(InferenceAddresses.CHAT_CANCEL, new ChatCancel(chatId)));
        }
        return stopped.size();
    }

    private Future<AgentRunReply> iterate(AgentRun run) {
        if (run.cancelled()) {
            return Future.succeededFuture(run.end(AgentRunReply.CANCELLED, "the job was cancelled"));
        }
        AgentRun.Round round = run.startRound();
        return ask(run, round).transform(ar -> ar.failed() ? modelFailed(run, round, ar.cause()) : answered(run, round, ar.result()));
    }

    private Future<ChatReply> ask(AgentRun run, AgentRun.Round round) {
        AgentRunRequest r = run.request();
        ChatRequest chat = new ChatRequest(round.chatId(), r.model(), run.messages(), null, TEMPERATURE, r.actor(), r.org(),
            r.localOnly(), r.jobId(), r.allowRemote(), null);
        Promise<ChatReply> answer = Promise.promise();
        run.inFlight(round.chatId(), answer);
        bus.request(chatAddress(r), chat, ChatReply.class, Duration.ofSeconds(r.modelTimeoutSeconds()))
            .onSuccess(answer::tryComplete).onFailure(answer::tryFail);
        return answer.future().andThen(ar -> {
            run.inFlight(null, null);
            round.modelMs = AgentRun.millisSince(round.started());
        });
    }

    /** A local-only call goes to its org's own chat address, so no other org's node sees the prompt (inference.md). */
    private static String chatAddress(AgentRunRequest r) {
        return r.localOnly() && r.org() != null && !r.org().isBlank() ? InferenceAddresses.chat(r.org(), true)
            : InferenceAddresses.CHAT;
    }

    private Future<AgentRunReply> modelFailed(AgentRun run, AgentRun.Round round, Throwable failure) {
        if (run.cancelled()) {
            run.record(round, null, null, "cancelled", null, "the job was cancelled while the model answered");
            return Future.succeededFuture(run.end(AgentRunReply.CANCELLED, "the job was cancelled"));
        }
        MeshException e = BusClient.toMesh(failure);
        String message = "model " + run.request().model() + " could not answer (" + e.code().status() + "): " + e.getMessage();
        run.record(round, null, null, "model_error", null, message);
        return Future.succeededFuture(run.end(AgentRunReply.ERROR, message));
    }

    private Future<AgentRunReply> answered(AgentRun run, AgentRun.Round round, ChatReply reply) {
        if (run.cancelled() || "cancelled".equals(reply.finishReason())) {
            run.record(round, reply, null, "cancelled", null, "the job was cancelled while the model answered");
            return Future.succeededFuture(run.end(AgentRunReply.CANCELLED, "the job was cancelled"));
        }
        Map<String, String> before = run.files();
        return vertx.executeBlocking(() -> Parsed.of(run.request(), before, reply.content()), false)
            .compose(parsed -> !parsed.answer().files().isEmpty() && parsed.tooBig() == null
                ? test(run, round, reply, parsed) : unusable(run, round, reply, parsed));
    }

    private Future<AgentRunReply> unusable(AgentRun run, AgentRun.Round round, ChatReply reply, Parsed parsed) {
        String why = String.join("; ", parsed.problems());
        run.record(round, reply, "", "no_files", null, "the answer was not usable: " + why);
        if (run.last(round)) {
            return Future.succeededFuture(run.end(AgentRunReply.FAILED, "after " + round.iteration()
                + " round(s) the model's answer was still not usable: " + why));
        }
        run.feedback(reply.content(), AgentPrompts.unusable(parsed.problems()));
        return iterate(run);
    }

    private Future<AgentRunReply> test(AgentRun run, AgentRun.Round round, ChatReply reply, Parsed parsed) {
        AgentRunRequest r = run.request();
        long started = System.nanoTime();
        run.files(parsed.merged());
        return TestRound.run(runner, r.jobId(), r.language(), parsed.merged(), r.tests(), r.timeoutSeconds(), limits)
            .transform(ar -> {
                round.testMs = AgentRun.millisSince(started);
                return ar.failed() ? testsNotRun(run, round, reply, parsed, BusClient.toMesh(ar.cause()))
                    : tested(run, round, reply, parsed, ar.result());
            });
    }

    private Future<AgentRunReply> testsNotRun(AgentRun run, AgentRun.Round round, ChatReply reply, Parsed parsed,
                                              MeshException e) {
        if (run.cancelled() || e.code() == ErrorCode.CONFLICT) {
            run.record(round, reply, parsed.diff(), "cancelled", null, "the job was cancelled while its tests ran");
            return Future.succeededFuture(run.end(AgentRunReply.CANCELLED, "the job was cancelled"));
        }
        String message = "the tests could not run on worker " + workerId + ": " + e.getMessage();
        run.record(round, reply, parsed.diff(), "error", null, message);
        return Future.succeededFuture(run.end(AgentRunReply.ERROR, message));
    }

    private Future<AgentRunReply> tested(AgentRun run, AgentRun.Round round, ChatReply reply, Parsed parsed,
                                         TestRound.Outcome outcome) {
        round.testCpuMs = outcome.cpuMs();
        if (run.cancelled()) {
            run.record(round, reply, parsed.diff(), "cancelled", outcome.report(), "the job was cancelled while its tests ran");
            return Future.succeededFuture(run.end(AgentRunReply.CANCELLED, "the job was cancelled"));
        }
        if (outcome.broken() != null) {
            String message = "the tests could not run on worker " + workerId + ": " + outcome.broken();
            run.record(round, reply, parsed.diff(), "error", outcome.report(), message);
            return Future.succeededFuture(run.end(AgentRunReply.ERROR, message));
        }
        String ignored = parsed.problems().isEmpty() ? null : "left out of the answer: " + String.join("; ", parsed.problems());
        run.record(round, reply, parsed.diff(), outcome.passed() ? "passed" : "failed", outcome.report(), ignored);
        if (outcome.passed()) {
            return Future.succeededFuture(run.end(AgentRunReply.PASSED, null));
        }
        if (run.last(round)) {
            return Future.succeededFuture(run.end(AgentRunReply.FAILED, "the tests still failed after " + round.iteration()
                + " round(s): " + outcome.report().failed() + " of " + outcome.report().run() + " failed "
                + outcome.report().failures()));
        }
        run.feedback(reply.content(), AgentPrompts.failures(round.iteration(), run.request().maxIterations(), outcome.report(),
            outcome.outputs()));
        return iterate(run);
    }

    /** An answer read: its files, the files after it, the diff, and what could not be used. */
    record Parsed(AnswerFiles.Answer answer, Map<String, String> merged, String diff, List<String> problems, String tooBig) {
        static Parsed of(AgentRunRequest r, Map<String, String> before, String content) {
            AnswerFiles.Answer answer = AnswerFiles.parse(content, java.util.Set.copyOf(r.tests()), soleTarget(r, before));
            Map<String, String> merged = new LinkedHashMap<>(before);
            merged.putAll(answer.files());
            List<String> problems = new ArrayList<>(answer.ignored());
            if (answer.files().isEmpty() && problems.isEmpty()) {
                problems.add("it named no file");
            }
            String tooBig = tooBig(merged);
            if (tooBig != null) {
                problems.add(tooBig);
            }
            return new Parsed(answer, merged, FileDiff.of(before, merged), problems, tooBig);
        }

        private static String soleTarget(AgentRunRequest r, Map<String, String> files) {
            List<String> others = files.keySet().stream().filter(p -> !r.tests().contains(p)).toList();
            return others.size() == 1 ? others.get(0) : null;
        }

        private static String tooBig(Map<String, String> files) {
            long total = 0;
            for (Map.Entry<String, String> e : files.entrySet()) {
                total += e.getKey().length() + e.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
            if (files.size() > JobSpecs.MAX_FILES || total > JobSpecs.MAX_TOTAL_BYTES) {
                return "the files would exceed " + JobSpecs.MAX_FILES + " files or " + JobSpecs.MAX_TOTAL_BYTES + " bytes";
            }
            return null;
        }
    }
}
