package io.edgecoder.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.control.app.ControlConfig;
import io.edgecoder.control.app.ControlVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.AuditTailReply;
import io.edgecoder.core.message.AuditTailRequest;
import io.edgecoder.core.message.AuditVerifyReply;
import io.edgecoder.core.message.AuditVerifyRequest;
import io.edgecoder.core.message.BlacklistAddRequest;
import io.edgecoder.core.message.BlacklistListReply;
import io.edgecoder.core.message.BlacklistListRequest;
import io.edgecoder.core.message.BlacklistRemoveRequest;
import io.edgecoder.core.message.BlacklistView;
import io.edgecoder.core.message.ControlStatusReply;
import io.edgecoder.core.message.ControlStatusRequest;
import io.edgecoder.core.message.ModeGetRequest;
import io.edgecoder.core.message.ModeListReply;
import io.edgecoder.core.message.ModeListRequest;
import io.edgecoder.core.message.ModeSetRequest;
import io.edgecoder.core.message.ModeView;
import io.edgecoder.core.message.RolloutActionRequest;
import io.edgecoder.core.message.RolloutListReply;
import io.edgecoder.core.message.RolloutStartRequest;
import io.edgecoder.core.message.RolloutStatusRequest;
import io.edgecoder.core.message.RolloutView;
import io.edgecoder.core.policy.NetworkMode;
import io.edgecoder.core.policy.PolicyApplier;
import io.edgecoder.core.policy.RolloutSelection;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.Ring;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control role's policy on a real cluster (mutual TLS, signed messages): changes reach every
 * node's applier and come back acknowledged in the status; operator requests with bad input get
 * stable codes; a worker may not change policy; a rollout reaches the nodes its hash selects, steps
 * up when healthy, and its health gate pauses it on a regression; every change is in the audit
 * chain, which verifies.
 */
class ControlPolicyIT {
    private static final Duration SHORT = Duration.ofSeconds(5);
    private static final String ROLLOUT = "sandbox-limits-1";
    private static final List<Vertx> NODES = new ArrayList<>();
    private static final List<PolicyApplier> APPLIERS = new ArrayList<>();
    private static String cluster;
    private static DeploymentCa ca;
    private static Path caDir;
    private static BusClient operator;
    private static BusClient workerBus;
    private static PolicyApplier selectedWorker;
    private static PolicyApplier otherWorker;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.newName();
        caDir = Files.createTempDirectory("edgecoder-control-policy-ca");
        ca = DeploymentCa.loadOrCreate(caDir, "Policy test CA");
        NodeIdentity control = NodeIdentity.ephemeral();
        Vertx controlNode = member(control, EnumSet.of(Role.CONTROL, Role.PORTAL));
        await(controlNode.deployVerticle(new ControlVerticle(new ControlConfig(TestDatabase.freshDatabase(), 4, SHORT, caDir, control,
            "acme", EnumSet.of(Role.CONTROL, Role.PORTAL), Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(7),
            "127.0.0.1:5701", "http://127.0.0.1:4310", Duration.ofMillis(200)))));
        operator = new BusClient(controlNode, SHORT);
        selectedWorker = applier(worker(true), EnumSet.of(Role.WORKER));
        otherWorker = applier(worker(false), EnumSet.of(Role.WORKER));
        workerBus = new BusClient(NODES.get(NODES.size() - 1), SHORT);
        applier(NodeIdentity.ephemeral(), EnumSet.of(Role.COORDINATOR));
    }

    @AfterAll
    static void stop() throws Exception {
        APPLIERS.forEach(PolicyApplier::stop);
        TestClusters.closeAll(NODES);
        if (caDir != null) {
            TempFiles.deleteTree(caDir);
        }
    }

    /** A worker identity the rollout at 50 % selects ({@code selected}) or not. */
    private static NodeIdentity worker(boolean selected) {
        while (true) {
            NodeIdentity id = NodeIdentity.ephemeral();
            if (RolloutSelection.selected(ROLLOUT, id.nodeId(), 50) == selected) {
                return id;
            }
        }
    }

    private static Vertx member(NodeIdentity identity, Set<Role> roles) throws Exception {
        Vertx vertx = await(TestClusters.member(cluster, ca.credentials(identity, "acme", Ring.CORE, roles, Duration.ofHours(2))));
        NODES.add(vertx);
        return vertx;
    }

    private static PolicyApplier applier(NodeIdentity identity, Set<Role> roles) throws Exception {
        Vertx vertx = member(identity, roles);
        PolicyApplier applier = await(PolicyApplier.install(vertx, new BusClient(vertx, SHORT),
            new PolicyApplier.Self(identity.nodeId(), "acme", roles, "test"), Duration.ofMillis(200), Duration.ofSeconds(30)));
        APPLIERS.add(applier);
        return applier;
    }

    @Test
    void aModeChangeReachesEveryNodeAndTheStatusListsTheirAcknowledgements() throws Exception {
        ModeView set = await(operator.request(ControlAddresses.MODE_SET, new ModeSetRequest("beta", "local-only", "ops", "audit week"),
            ModeView.class));

        for (PolicyApplier a : APPLIERS) {
            await(PolicyApplier.whenApplied(a.policy(), set.version()));
            assertThat(a.policy().mode("beta")).isEqualTo(NetworkMode.LOCAL_ONLY);
        }
        ControlStatusReply status = Await.until("every node acknowledging version " + set.version(), Duration.ofSeconds(10),
            () -> await(operator.request(ControlAddresses.STATUS, new ControlStatusRequest(), ControlStatusReply.class)),
            s -> s.nodes().stream().filter(n -> n.version() >= set.version()).count() >= APPLIERS.size());
        ModeListReply modes = await(operator.request(ControlAddresses.MODE_LIST, new ModeListRequest(), ModeListReply.class));
        ModeView beta = await(operator.request(ControlAddresses.MODE_GET, new ModeGetRequest("beta"), ModeView.class));

        assertThat(set.org()).isEqualTo("beta");
        assertThat(set.effective()).isEqualTo("local-only");
        assertThat(status.version()).isGreaterThanOrEqualTo(set.version());
        assertThat(modes.modes().get(0).org()).isNull();
        assertThat(beta.setBy()).isEqualTo("ops");
    }

    @Test
    void blacklistEntriesAreAddedListedAppliedAndRemovedOnce() throws Exception {
        String victim = NodeIdentity.ephemeral().nodeId();
        BlacklistView added = await(operator.request(ControlAddresses.BLACKLIST_ADD, new BlacklistAddRequest("node", victim,
            "sent forged results", "https://tickets.example/42", "ops", null), BlacklistView.class));
        await(PolicyApplier.whenApplied(otherWorker.policy(), added.version()));

        assertThat(otherWorker.policy().barred(victim, null, null, null)).isPresent();
        assertThat(await(operator.request(ControlAddresses.BLACKLIST_LIST, new BlacklistListRequest(null), BlacklistListReply.class))
            .entries()).extracting(BlacklistView::id).contains(added.id());

        BlacklistView removed = await(operator.request(ControlAddresses.BLACKLIST_REMOVE,
            new BlacklistRemoveRequest(added.id(), "ops", "appeal upheld"), BlacklistView.class));
        MeshException again = failure(operator.request(ControlAddresses.BLACKLIST_REMOVE,
            new BlacklistRemoveRequest(added.id(), "ops", null), BlacklistView.class));
        Await.until("the removal applied", Duration.ofSeconds(10), () -> otherWorker.policy().barred(victim, null, null, null),
            java.util.Optional::isEmpty);

        assertThat(removed.removedBy()).isEqualTo("ops");
        assertThat(again.code()).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void badInputsGetStableCodesAndWorkersMayNotChangePolicy() throws Exception {
        assertThat(code(operator.request(ControlAddresses.MODE_SET, new ModeSetRequest(null, "closed", "ops", null), ModeView.class)))
            .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(operator.request(ControlAddresses.MODE_SET, new ModeSetRequest("a b", "swarm", "ops", null), ModeView.class)))
            .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(operator.request(ControlAddresses.MODE_SET, new ModeSetRequest(null, "swarm", null, null), ModeView.class)))
            .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(operator.request(ControlAddresses.BLACKLIST_ADD, new BlacklistAddRequest("planet", "x", "r", null, "ops", null),
            BlacklistView.class))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(operator.request(ControlAddresses.BLACKLIST_ADD, new BlacklistAddRequest("node", "not-an-id", "r", null, "ops",
            null), BlacklistView.class))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(operator.request(ControlAddresses.BLACKLIST_ADD, new BlacklistAddRequest("org", "evil", "r", "javascript:x",
            "ops", null), BlacklistView.class))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(operator.request(ControlAddresses.BLACKLIST_ADD, new BlacklistAddRequest("org", "evil", "r", null, "ops",
            Instant.now().minusSeconds(5)), BlacklistView.class))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(operator.request(ControlAddresses.BLACKLIST_REMOVE, new BlacklistRemoveRequest(999_999, "ops", null),
            BlacklistView.class))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(code(operator.request(ControlAddresses.ROLLOUT_START, start("bad-steps", List.of(50, 10), 60), RolloutView.class)))
            .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(operator.request(ControlAddresses.ROLLOUT_PAUSE, new RolloutActionRequest("nope", "ops", null),
            RolloutView.class))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(code(operator.request(ControlAddresses.AUDIT_TAIL, new AuditTailRequest(null, 5000), AuditTailReply.class)))
            .isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(code(workerBus.request(ControlAddresses.MODE_SET, new ModeSetRequest(null, "local-only", "ops", null),
            ModeView.class))).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void aRolloutReachesTheNodesItsHashSelectsAndItsHealthGatePausesIt() throws Exception {
        RolloutView started = await(operator.request(ControlAddresses.ROLLOUT_START, start(ROLLOUT, List.of(50, 100), 3600),
            RolloutView.class));
        await(PolicyApplier.whenApplied(otherWorker.policy(), started.version()));
        await(PolicyApplier.whenApplied(selectedWorker.policy(), started.version()));

        assertThat(selectedWorker.policy().applied().settings()).containsEntry("sandbox.memory.mb", "256");
        assertThat(otherWorker.policy().applied().rollouts()).doesNotContain(ROLLOUT);
        assertThat(code(operator.request(ControlAddresses.ROLLOUT_START, start(ROLLOUT, List.of(10), 60), RolloutView.class)))
            .isEqualTo(ErrorCode.CONFLICT);
        RolloutView counted = Await.until("the selected worker acknowledging the rollout", Duration.ofSeconds(10),
            () -> status(ROLLOUT), r -> r.applied() == 1);
        assertThat(counted.selected()).isEqualTo(1);

        // the selected worker's runs go wrong: 3 of 4 time out
        for (String outcome : List.of("passed", "timeout", "timeout", "timeout")) {
            selectedWorker.policy().health().record(outcome, 40);
        }
        RolloutView paused = Await.until("the health gate pausing the rollout", Duration.ofSeconds(10), () -> status(ROLLOUT),
            r -> "paused".equals(r.state()));

        assertThat(paused.stateReason()).contains("health regression", "error rate of 0.75");
        assertThat(code(operator.request(ControlAddresses.ROLLOUT_PAUSE, new RolloutActionRequest(ROLLOUT, "ops", null),
            RolloutView.class))).isEqualTo(ErrorCode.CONFLICT);
        RolloutView rolledBack = await(operator.request(ControlAddresses.ROLLOUT_ROLLBACK, new RolloutActionRequest(ROLLOUT, "ops",
            "bad limits"), RolloutView.class));
        await(PolicyApplier.whenApplied(selectedWorker.policy(), rolledBack.version()));
        assertThat(selectedWorker.policy().applied().rollouts()).doesNotContain(ROLLOUT);
    }

    @Test
    void aHealthyRolloutStepsUpAndCompletesAndResumeContinuesAPausedOne() throws Exception {
        await(operator.request(ControlAddresses.ROLLOUT_START, start("steps-1", List.of(10, 100), 1), RolloutView.class));
        RolloutView done = Await.until("the rollout completing", Duration.ofSeconds(20), () -> status("steps-1"),
            r -> "completed".equals(r.state()));
        await(PolicyApplier.whenApplied(otherWorker.policy(), done.version()));

        assertThat(done.percent()).isEqualTo(100);
        assertThat(otherWorker.policy().applied().rollouts()).contains("steps-1");

        await(operator.request(ControlAddresses.ROLLOUT_START, start("steps-2", List.of(10, 100), 3600), RolloutView.class));
        await(operator.request(ControlAddresses.ROLLOUT_PAUSE, new RolloutActionRequest("steps-2", "ops", null), RolloutView.class));
        RolloutView resumed = await(operator.request(ControlAddresses.ROLLOUT_RESUME, new RolloutActionRequest("steps-2", "ops", null),
            RolloutView.class));
        assertThat(resumed.state()).isEqualTo("running");
        assertThat(code(operator.request(ControlAddresses.ROLLOUT_RESUME, new RolloutActionRequest("steps-2", "ops", null),
            RolloutView.class))).isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void everyChangeIsInTheAuditChainWhichVerifies() throws Exception {
        await(operator.request(ControlAddresses.MODE_SET, new ModeSetRequest(null, "swarm", "ops", null), ModeView.class));
        await(operator.request(ControlAddresses.MODE_SET, new ModeSetRequest(null, "public", "ops", null), ModeView.class));

        AuditTailReply tail = await(operator.request(ControlAddresses.AUDIT_TAIL, new AuditTailRequest(null, 2), AuditTailReply.class));
        AuditVerifyReply verified = await(operator.request(ControlAddresses.AUDIT_VERIFY, new AuditVerifyRequest(), AuditVerifyReply.class));

        assertThat(tail.entries()).hasSize(2).allSatisfy(e -> assertThat(e.action()).isEqualTo("mode.set"));
        assertThat(tail.entries().get(1).prevHash()).isEqualTo(tail.entries().get(0).hash());
        assertThat(verified.ok()).as(verified.problem()).isTrue();
        assertThat(verified.headHash()).isEqualTo(tail.entries().get(1).hash());
    }

    private static RolloutStartRequest start(String name, List<Integer> steps, int stepSeconds) {
        return new RolloutStartRequest(name, "config", Map.of("sandbox.memory.mb", "256"), null, steps, 0.5, null, stepSeconds, "ops",
            4, List.of("worker"));
    }

    private static RolloutView status(String name) throws Exception {
        return await(operator.request(ControlAddresses.ROLLOUT_STATUS, new RolloutStatusRequest(name), RolloutListReply.class))
            .rollouts().get(0);
    }

    private static ErrorCode code(Future<?> future) throws Exception {
        return failure(future).code();
    }

    private static MeshException failure(Future<?> future) throws Exception {
        try {
            await(future);
        } catch (ExecutionException e) {
            return BusClient.toMesh(e.getCause());
        }
        throw new AssertionError("expected a refusal");
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
