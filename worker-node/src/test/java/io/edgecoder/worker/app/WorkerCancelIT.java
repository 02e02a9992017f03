package io.edgecoder.worker.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.address.WorkerAddresses;
import io.edgecoder.core.message.JobCancelEvent;
import io.edgecoder.core.message.RunSubtaskReply;
import io.edgecoder.core.message.RunSubtaskRequest;
import io.edgecoder.core.testing.Await;
import io.edgecoder.worker.RunLimits;
import io.edgecoder.worker.Runs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling a job on a real worker with a real sandbox: the run in progress is killed with its
 * whole process tree, the queued run never starts, later runs of the job are refused, and other
 * jobs keep running.
 */
class WorkerCancelIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;
    private Vertx vertx;
    private BusClient bus;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        bus = new BusClient(vertx, Duration.ofSeconds(60));
    }

    @AfterEach
    void tearDown() throws Exception {
        await(vertx.close());
    }

    @ParameterizedTest(name = "sandbox {0}")
    @ValueSource(strings = {"process", "auto"})
    void cancellingAJobKillsItsRunningSandboxDropsItsQueuedRunAndRefusesNewOnes(String sandbox) throws Exception {
        String address = WorkerAddresses.run(deploy(sandbox));
        String marker = Runs.marker();
        String sleeper = Runs.pythonTest("subprocess.Popen(['sleep', '" + marker + "'])\ntime.sleep(120)");
        Future<RunSubtaskReply> running = bus.request(address, run("job-c", "job-c-1", sleeper), RunSubtaskReply.class);
        Future<RunSubtaskReply> queued = bus.request(address, run("job-c", "job-c-2", sleeper), RunSubtaskReply.class);
        Await.until("the sandboxed run to start its child", DEADLINE, () -> Runs.processesWith(marker), p -> !p.isEmpty());

        bus.publish(WorkerAddresses.JOB_CANCEL, new JobCancelEvent("job-c"));

        RunSubtaskReply killed = running.toCompletionStage().toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(killed.status()).isEqualTo("killed");
        assertThat(Await.until("the run's processes to be gone", DEADLINE, () -> Runs.processesWith(marker), List::isEmpty))
            .isEmpty();
        assertCancelled(queued);
        assertCancelled(bus.request(address, run("job-c", "job-c-3", sleeper), RunSubtaskReply.class));
        RunSubtaskReply other = await(bus.request(address, run("job-d", "job-d-1", Runs.pythonTest("self.assertTrue(True)")),
            RunSubtaskReply.class));
        assertThat(other.status()).as("another job still runs").isEqualTo("passed");
    }

    private static void assertCancelled(Future<RunSubtaskReply> reply) {
        assertThatThrownBy(() -> await(reply)).cause().isInstanceOfSatisfying(MeshException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(e.getMessage()).isEqualTo("job job-c was cancelled");
        });
    }

    private String deploy(String sandbox) throws Exception {
        NodeIdentity identity = NodeIdentity.ephemeral();
        WorkerConfig config = new WorkerConfig(identity.nodeId(), "acme", 1, 2, Duration.ofMillis(200), dataDir.resolve("work"),
            sandbox, RunLimits.defaults(), 1_900_500_000, identity);
        await(vertx.deployVerticle(new WorkerVerticle(config)));
        return config.nodeId();
    }

    private static RunSubtaskRequest run(String jobId, String subtaskId, String source) {
        return new RunSubtaskRequest(jobId, subtaskId, subtaskId + "#1", 1, "python", Map.of("test_case.py", source),
            "test_case.py", 120, false);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }
}
