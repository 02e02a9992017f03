package io.edgecoder.worker.agent;

import io.edgecoder.core.message.AgentRunReply;
import io.edgecoder.core.message.AgentRunRequest;
import io.edgecoder.core.message.AgentStep;
import io.edgecoder.core.message.ChatMessage;
import io.edgecoder.core.message.ChatReply;
import io.edgecoder.core.message.TestReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * One agent loop in progress on this worker: the current files, the conversation (the task and
 * the last exchange only, so the prompt stays bounded), the steps so far, and whether its job was
 * cancelled. Confined to the worker's event loop.
 */
final class AgentRun {
    private final AgentRunRequest request;
    private final String workerId;
    private final String task;
    private final List<AgentStep> steps = new ArrayList<>();
    private final java.util.function.Consumer<AgentStep> onStep;
    private Map<String, String> files;
    private List<ChatMessage> lastExchange = List.of();
    private String nextPrompt;
    private boolean cancelled;
    private String inFlight;
    private io.vertx.core.Promise<?> waiting;

    AgentRun(AgentRunRequest request, String workerId, java.util.function.Consumer<AgentStep> onStep) {
        this.onStep = onStep;
        this.request = request;
        this.workerId = workerId;
        this.files = new LinkedHashMap<>(request.files());
        this.task = AgentPrompts.task(request);
        this.nextPrompt = task;
    }

    AgentRunRequest request() {
        return request;
    }

    Map<String, String> files() {
        return files;
    }

    void files(Map<String, String> now) {
        files = now;
    }

    boolean cancelled() {
        return cancelled;
    }

    /**
     * Marks the run cancelled, tells {@code cancelCall} the id of the model call in flight (if any),
     * then stops waiting for that call whatever the inference role does with the cancellation (the
     * loop may end right here).
     */
    void cancel(java.util.function.Consumer<String> cancelCall) {
        cancelled = true;
        String call = inFlight;
        io.vertx.core.Promise<?> pending = waiting;
        if (call != null) {
            cancelCall.accept(call);
        }
        if (pending != null) {
            pending.tryFail(new io.edgecoder.core.MeshException(io.edgecoder.core.ErrorCode.CONFLICT, "the job was cancelled"));
        }
    }

    /** The model call {@code chatId} is in flight; {@code promise} is what the loop waits on (null: none). */
    void inFlight(String chatId, io.vertx.core.Promise<?> promise) {
        inFlight = chatId;
        waiting = promise;
    }

    boolean last(Round round) {
        return round.iteration() >= request.maxIterations();
    }

    /** The messages of the next question: rules, task, and the last answer with what was wrong with it. */
    List<ChatMessage> messages() {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(AgentPrompts.system(request.language())));
        messages.add(ChatMessage.user(task));
        messages.addAll(lastExchange);
        return messages;
    }

    /** The answer was not good enough: the next question shows it and says why. */
    void feedback(String answer, String problem) {
        lastExchange = List.of(ChatMessage.assistant(AgentStep.clip(answer)), ChatMessage.user(problem));
        nextPrompt = problem;
    }

    Round startRound() {
        int n = steps.size() + 1;
        String chatId = request.runId() + ":" + n + ":" + UUID.randomUUID().toString().substring(0, 8);
        return new Round(n, chatId, nextPrompt, Instant.now(), System.nanoTime());
    }

    void record(Round round, ChatReply reply, String diff, String status, TestReport report, String error) {
        AgentStep step = new AgentStep(round.iteration(), workerId, request.model(), round.prompt(),
            reply == null ? null : reply.servedBy(), reply == null ? null : reply.provider(),
            reply == null ? 0 : reply.promptTokens(), reply == null ? 0 : reply.completionTokens(), diff, status, report,
            round.modelMs, round.testMs, millisSince(round.started()), round.startedAt(), error,
            reply == null ? null : reply.chargedMilli(), round.testCpuMs, null);
        steps.add(step);
        onStep.accept(step);
    }

    AgentRunReply end(String outcome, String message) {
        return new AgentRunReply(workerId, outcome, files, List.copyOf(steps), message);
    }

    static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** One question to the model and what followed; the times are filled as the round goes. */
    static final class Round {
        private final int iteration;
        private final String chatId;
        private final String prompt;
        private final Instant startedAt;
        private final long started;
        long modelMs;
        long testMs;
        /** CPU of the round's sandbox test runs as the sandbox measured them; null while none ran. */
        Long testCpuMs;

        Round(int iteration, String chatId, String prompt, Instant startedAt, long started) {
            this.iteration = iteration;
            this.chatId = chatId;
            this.prompt = prompt;
            this.startedAt = startedAt;
            this.started = started;
        }

        int iteration() {
            return iteration;
        }

        String chatId() {
            return chatId;
        }

        String prompt() {
            return prompt;
        }

        Instant startedAt() {
            return startedAt;
        }

        long started() {
            return started;
        }
    }
}
