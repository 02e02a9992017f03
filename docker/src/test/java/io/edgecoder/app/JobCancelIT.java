package io.edgecoder.app;

import static io.edgecoder.app.Jobs.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.Json;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.address.CoordinatorAddresses;
import io.edgecoder.core.address.EconomyAddresses;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.message.AccountHistoryReply;
import io.edgecoder.core.message.AccountHistoryRequest;
import io.edgecoder.core.message.Actor;
import io.edgecoder.core.message.EntryView;
import io.edgecoder.core.message.JobCancelRequest;
import io.edgecoder.core.message.JobEvent;
import io.edgecoder.core.message.JobSubmitReply;
import io.edgecoder.core.message.JobSubmitRequest;
import io.edgecoder.core.message.JobView;
import io.edgecoder.core.message.SubtaskView;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cancelling jobs across a cluster with a real ledger and a real sandbox: a coordinator node
 * (coordinator, inference, ledger) and a worker node with one slot. The running subtask's
 * processes are killed, the waiting one never starts, the escrow is released exactly once and the
 * job ends cancelled; cancelling a finished job is 409; cancels racing with completion never pay
 * and release both.
 */
class JobCancelIT {
    private static final Actor ALICE = Actor.user("alice");
    private static List<Vertx> nodes;
    private static BusClient bus;

    @BeforeAll
    static void startCluster() throws Exception {
        nodes = TestClusters.start(2);
        String dbUrl = TestDatabase.freshDatabase();
        Settings settings = Settings.of(ConfigKeys.defaults()).with(Map.of(ConfigKeys.WORKER_SLOTS, "1",
            "ledger.credit.line.user.milli", "1000000"));
        TestNodes.deployCoordinatorNode(nodes.get(0), settings, dbUrl);
        TestNodes.deployWorker(nodes.get(1), settings);
        bus = new BusClient(nodes.get(0), Duration.ofSeconds(30));
        Jobs.awaitWorkers(bus, 1);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        TestClusters.closeAll(nodes);
    }

    @Test
    void cancellingARunningJobKillsItsSandboxNeverStartsItsWaitingSubtaskAndReleasesTheEscrowOnce() throws Exception {
        String marker = "4" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L);
        String sleeper = "import subprocess, time, unittest\n\nclass T(unittest.TestCase):\n    def test_sleeps(self):\n"
            + "        subprocess.Popen(['sleep', '" + marker + "'])\n        time.sleep(120)\n";
        String id = submit(job("sleepers", Map.of("test_one.py", sleeper, "test_two.py", sleeper)));
        Await.until("a sandboxed run to start its child", Duration.ofSeconds(60), () -> processesWith(marker), p -> !p.isEmpty());

        JobView cancelled = await(bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(id, ALICE), JobView.class));

        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(Await.until("the run's processes to be gone", Duration.ofSeconds(30), () -> processesWith(marker),
            List::isEmpty)).isEmpty();
        List<EntryView> escrow = awaitSettledEscrow(id);
        assertThat(escrow).extracting(EntryView::kind).containsExactly("hold", "release");
        assertThat(escrow.get(1).amountMilli()).isEqualTo(escrow.get(0).amountMilli());
        JobView after = Jobs.awaitJob(bus, id, v -> true, 5);
        assertThat(after.status()).isEqualTo("cancelled");
        assertThat(after.subtasks()).extracting(SubtaskView::status).containsOnly("cancelled");
        assertThat(after.subtasks()).extracting(SubtaskView::attempts).as("one ran, the waiting one never started")
            .containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void cancellingAFinishedJobIs409AndChangesNothing() throws Exception {
        String id = submit(job("quick", Map.of("test_ok.py", Jobs.PASSING)));
        JobView done = Jobs.awaitFinished(bus, id);
        assertThat(done.status()).isEqualTo("succeeded");

        MeshException e = failure(bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(id, ALICE), JobView.class));

        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(e.getMessage()).contains("has already ended (succeeded)");
        assertThat(Jobs.awaitJob(bus, id, v -> true, 5).status()).isEqualTo("succeeded");
    }

    @Test
    void cancelsRacingWithCompletionEitherCancelWithAFullReleaseOrLoseWithA409AndNeverPayTwice() throws Exception {
        Race race = new Race();
        nodes.get(0).eventBus().<JsonObject>consumer(CoordinatorAddresses.JOB_EVENTS,
            m -> race.seen(Json.fromJson(m.body(), JobEvent.class)));
        List<String> ids = new ArrayList<>();
        for (String when : List.of("job running", "subtask running", "subtask passed", "subtask passed")) {
            String id = submit(job("race " + when, Map.of("test_ok.py", Jobs.PASSING)));
            race.cancelOn(id, when);
            ids.add(id);
        }
        for (String id : ids) {
            JobView job = Jobs.awaitFinished(bus, id);
            List<EntryView> escrow = awaitSettledEscrow(id);
            Future<JobView> cancel = Await.until("the cancel of " + id, Duration.ofSeconds(30), () -> race.cancel(id),
                f -> f != null && f.isComplete());
            long releases = escrow.stream().filter(e -> e.kind().equals("release")).count();
            assertThat(releases).as("released at most once").isLessThanOrEqualTo(1);
            if (cancel.succeeded()) {
                assertThat(job.status()).isEqualTo("cancelled");
                assertThat(escrow).extracting(EntryView::kind).as("nothing paid").containsExactly("hold", "release");
            } else {
                assertThat(((MeshException) cancel.cause()).code()).isEqualTo(ErrorCode.CONFLICT);
                assertThat(job.status()).isEqualTo("succeeded");
                assertThat(escrow).extracting(EntryView::kind).contains("earn");
            }
        }
    }

    /** Sends one cancel per job when its chosen event is seen (also when it was seen before the job's id was known). */
    private static final class Race {
        private final Map<String, List<String>> events = new HashMap<>();
        private final Map<String, String> triggers = new HashMap<>();
        private final Map<String, Future<JobView>> cancels = new HashMap<>();

        synchronized void seen(JobEvent event) {
            events.computeIfAbsent(event.jobId(), k -> new ArrayList<>())
                .add((event.subtaskId() == null ? "job " : "subtask ") + event.status());
            fire(event.jobId());
        }

        synchronized void cancelOn(String id, String event) {
            triggers.put(id, event);
            fire(id);
        }

        synchronized Future<JobView> cancel(String id) {
            return cancels.get(id);
        }

        private void fire(String id) {
            String wanted = triggers.get(id);
            if (wanted != null && events.getOrDefault(id, List.of()).contains(wanted)) {
                cancels.computeIfAbsent(id,
                    k -> bus.request(CoordinatorAddresses.JOB_CANCEL, new JobCancelRequest(k, ALICE), JobView.class));
            }
        }
    }

    private static JobSubmitRequest job(String title, Map<String, String> tests) {
        Map<String, String> files = new LinkedHashMap<>(tests);
        files.put("calc.py", Jobs.CALC);
        return new JobSubmitRequest(title, "python", files, List.copyOf(tests.keySet()), "local-only", 120, "alice", null);
    }

    private static String submit(JobSubmitRequest job) throws Exception {
        JobSubmitReply reply = await(bus.request(CoordinatorAddresses.JOB_SUBMIT, job, JobSubmitReply.class));
        assertThat(reply.status()).isEqualTo("queued");
        return reply.id();
    }

    /** The entries of the job's escrow account once it is back to zero (hold, then payments and release). */
    private static List<EntryView> awaitSettledEscrow(String id) throws Exception {
        return Await.until("the escrow of " + id + " to be settled", Duration.ofSeconds(60), () -> escrow(id),
            entries -> entries.size() > 1 && balance("hold:" + id, entries) == 0);
    }

    private static List<EntryView> escrow(String id) throws Exception {
        return await(bus.request(EconomyAddresses.ACCOUNT_HISTORY, new AccountHistoryRequest("hold:" + id, 100, null),
            AccountHistoryReply.class)).entries();
    }

    private static long balance(String account, List<EntryView> entries) {
        return entries.stream().mapToLong(e -> e.to().equals(account) ? e.amountMilli() : -e.amountMilli()).sum();
    }

    private static MeshException failure(Future<?> f) throws Exception {
        try {
            await(f);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return (MeshException) e.getCause();
        }
    }

    /** Live processes whose command line contains {@code token}. */
    static List<Long> processesWith(String token) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                .filter(p -> cmdline(p).contains(token))
                .map(p -> Long.parseLong(p.getFileName().toString())).toList();
        }
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
