package io.edgecoder.coordinator;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.SubtaskStatus;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.message.TestReport;
import io.edgecoder.core.message.WorkerHeartbeat;
import io.edgecoder.core.trust.ResultStatement;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Workers that answer the coordinator from a script instead of running anything: the n-th run
 * request any of them receives gets the n-th {@link Step} (the last step repeats). Each worker
 * has its own key, signs its results as a real worker does and heartbeats until it
 * {@link Step#VANISH vanishes}. What each worker was asked is recorded in {@link #runs()}.
 */
final class ScriptedWorkers {
    static final long HEARTBEAT_MS = 200;

    /** How a worker answers one run request. */
    enum Step {
        /** A passing result. */
        PASSED,
        /** A result whose test failed. */
        FAILED,
        /** A result saying the run hit its time limit. */
        TIMEOUT,
        /** The worker killed the run (it is shutting down): no result. */
        KILLED,
        /** The worker is full: fails the request with 429 {@code OVERLOADED}. */
        DECLINE,
        /** Never answers, keeps heartbeating. */
        SILENT,
        /** Never answers and stops heartbeating, as a worker that died. */
        VANISH
    }

    /** One run request as a worker saw it, and the step it answered with. */
    record Run(String worker, String attemptId, Step step) {
    }

    private final Vertx vertx;
    private final BusClient bus;
    private final ConcurrentLinkedDeque<Step> script;
    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final List<Worker> workers = new ArrayList<>();

    private ScriptedWorkers(Vertx vertx, BusClient bus, Step... script) {
        this.vertx = vertx;
        this.bus = bus;
        this.script = new ConcurrentLinkedDeque<>(Arrays.asList(script));
    }

    /** {@code count} workers registered and heartbeating on {@code vertx}'s bus. */
    static Future<ScriptedWorkers> start(Vertx vertx, BusClient bus, int count, Step... script) {
        ScriptedWorkers w = new ScriptedWorkers(vertx, bus, script);
        List<Future<?>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Worker worker = w.new Worker(NodeIdentity.ephemeral());
            w.workers.add(worker);
            started.add(worker.start());
        }
        return Future.all(started).map(w);
    }

    List<Run> runs() {
        return List.copyOf(runs);
    }

    List<String> ids() {
        return workers.stream().map(worker -> worker.identity.nodeId()).toList();
    }

    private Step next() {
        Step step = script.size() > 1 ? script.poll() : script.peek();
        return step == null ? Step.PASSED : step;
    }

    private final class Worker {
        private final NodeIdentity identity;
        private long heartbeats;

        Worker(NodeIdentity identity) {
            this.identity = identity;
        }

        Future<?> start() {
            heartbeats = vertx.setPeriodic(0, HEARTBEAT_MS, id -> bus.publish(CoordinatorAddresses.WORKER_HEARTBEAT,
                new WorkerHeartbeat(identity.nodeId(), "local", List.of("python"), 1, 1, 0, "strong", HEARTBEAT_MS,
                    identity.publicKeyBase64(), 1)));
            return bus.consumer(WorkerAddresses.run(identity.nodeId()), RunSubtaskRequest.class, this::answer);
        }

        private Future<RunSubtaskReply> answer(RunSubtaskRequest request) {
            Step step = next();
            runs.add(new Run(identity.nodeId(), request.attemptId(), step));
            return switch (step) {
                case PASSED -> signed(request, SubtaskStatus.PASSED, 0, new TestReport(1, 1, 0, 0, List.of()));
                case FAILED -> signed(request, SubtaskStatus.FAILED, 1, new TestReport(1, 0, 1, 0, List.of(request.test())));
                case TIMEOUT -> signed(request, SubtaskStatus.TIMEOUT, 137, new TestReport(0, 0, 0, 0, List.of()));
                case KILLED -> signed(request, SubtaskStatus.KILLED, 143, new TestReport(0, 0, 0, 0, List.of()));
                case DECLINE -> Future.failedFuture(new MeshException(ErrorCode.OVERLOADED, "worker full"));
                case SILENT -> Promise.<RunSubtaskReply>promise().future();
                case VANISH -> {
                    vertx.cancelTimer(heartbeats);
                    yield Promise.<RunSubtaskReply>promise().future();
                }
            };
        }

        private Future<RunSubtaskReply> signed(RunSubtaskRequest request, SubtaskStatus status, int exit, TestReport report) {
            RunSubtaskReply reply = new RunSubtaskReply(identity.nodeId(), status.wire(), exit, 10, 5, null, "",
                "scripted " + status.wire(), false, "strong", report);
            return Future.succeededFuture(reply.signed(ResultStatement.of(request, reply).sign(identity)));
        }
    }
}
