package io.edgecoder.core.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.edgecoder.core.BusClient;
import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.InferenceAddresses;
import io.edgecoder.core.address.LedgerAddresses;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.testing.TestClusters;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The core ring over a real three-member Hazelcast cluster: a ledger node, a coordinator and a
 * worker, each with its own certificate, plus members that lack one (a rogue without TLS, and one
 * whose certificate comes from another CA).
 */
class BusTrustIT {
    private static final Duration SHORT = Duration.ofSeconds(3);
    private static String cluster;
    private static Vertx ledgerNode;
    private static Vertx coordinatorNode;
    private static Vertx workerNode;
    private static final List<Vertx> all = new ArrayList<>();
    private static final List<Caller> settleCallers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestClusters.newName();
        ledgerNode = start(TestClusters.member(cluster, EnumSet.of(Role.LEDGER), "acme"));
        coordinatorNode = start(TestClusters.member(cluster, EnumSet.of(Role.COORDINATOR), "acme"));
        workerNode = start(TestClusters.member(cluster, EnumSet.of(Role.WORKER), "acme"));
        await(new BusClient(ledgerNode, SHORT).consumer(LedgerAddresses.JOB_SETTLE, HealthRequest.class, (request, caller) -> {
            settleCallers.add(caller);
            return Future.succeededFuture(new RoleHealth("ledger", "up", Map.of("caller", caller.nodeId())));
        }));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        TestClusters.closeAll(all);
    }

    private static Vertx start(Future<Vertx> member) throws Exception {
        Vertx vertx = await(member);
        all.add(vertx);
        return vertx;
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private static Throwable failure(Future<?> future) throws Exception {
        try {
            await(future);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static Future<RoleHealth> settle(Vertx from) {
        return new BusClient(from, SHORT).request(LedgerAddresses.JOB_SETTLE, new HealthRequest(), RoleHealth.class);
    }

    @Test
    void aCoordinatorMaySettleAndTheLedgerKnowsWhichNodeAsked() throws Exception {
        String coordinatorId = BusAuth.of(coordinatorNode).orElseThrow().self().nodeId();

        RoleHealth reply = await(settle(coordinatorNode));

        assertThat(reply.details()).containsEntry("caller", coordinatorId);
        assertThat(settleCallers).anySatisfy(c -> {
            assertThat(c.nodeId()).isEqualTo(coordinatorId);
            assertThat(c.roles()).containsExactly(Role.COORDINATOR);
            assertThat(c.org()).isEqualTo("acme");
        });
    }

    @Test
    void aWorkerInTheClusterIsRefusedWithAReason() throws Exception {
        MeshException refused = BusClient.toMesh(failure(settle(workerNode)));

        assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refused.getMessage()).contains("may not use " + LedgerAddresses.JOB_SETTLE);
    }

    @Test
    void aLocalOnlyMessageIsDeliveredUnsignedAsFromThisNodeWhileOneThatTravelsIsSignedAndChecked() throws Exception {
        String address = "test.trust.stream." + java.util.UUID.randomUUID();
        List<io.vertx.core.MultiMap> arrived = new CopyOnWriteArrayList<>();
        List<Caller> callers = new CopyOnWriteArrayList<>();
        io.vertx.core.eventbus.MessageConsumer<JsonObject> reader = await(new BusClient(coordinatorNode, SHORT)
            .consumer(address, HealthRequest.class, (request, caller) -> {
                callers.add(caller);
                return Future.succeededFuture(new RoleHealth("test", "up", Map.of()));
            }));
        io.vertx.core.Handler<io.vertx.core.eventbus.DeliveryContext<Object>> watch = ctx -> {
            if (ctx.message().address().equals(address)) {
                arrived.add(io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(ctx.message().headers()));
            }
            ctx.next();
        };
        coordinatorNode.eventBus().addInboundInterceptor(watch);
        String coordinatorId = BusAuth.of(coordinatorNode).orElseThrow().self().nodeId();
        String workerId = BusAuth.of(workerNode).orElseThrow().self().nodeId();

        await(new BusClient(coordinatorNode, SHORT).deliverLocal(address, new HealthRequest(), SHORT));
        await(new BusClient(workerNode, SHORT).deliver(address, new HealthRequest(), SHORT));
        MeshException notHere = BusClient.toMesh(failure(new BusClient(workerNode, SHORT).deliverLocal(address, new HealthRequest(),
            SHORT)));
        await(new BusClient(coordinatorNode, SHORT).requestLocalFirst(address, new HealthRequest(), RoleHealth.class, SHORT));
        RoleHealth fromAfar = await(new BusClient(workerNode, SHORT).requestLocalFirst(address, new HealthRequest(), RoleHealth.class,
            SHORT));

        assertThat(arrived).hasSize(4);
        assertThat(arrived.get(0).contains(BusAuth.SIGNATURE)).as("local-only: not signed").isFalse();
        assertThat(arrived.get(1).contains(BusAuth.SIGNATURE)).as("from another node: signed").isTrue();
        assertThat(arrived.get(2).contains(BusAuth.SIGNATURE)).as("local first, answered here: not signed").isFalse();
        assertThat(arrived.get(3).contains(BusAuth.SIGNATURE)).as("local first, no consumer there: through the cluster, signed")
            .isTrue();
        assertThat(fromAfar.status()).isEqualTo("up");
        assertThat(callers).extracting(Caller::nodeId).containsExactly(coordinatorId, workerId, coordinatorId, workerId);
        assertThat(notHere.noHandler()).as("local-only never leaves the worker's node").isTrue();
        coordinatorNode.eventBus().removeInboundInterceptor(watch);
        await(reader.unregister());
    }

    @Test
    void aMessageFromAnotherNodeWithoutItsSignatureIsRefused() throws Exception {
        String address = "test.trust.unsigned." + java.util.UUID.randomUUID();
        List<HealthRequest> delivered = new CopyOnWriteArrayList<>();
        io.vertx.core.eventbus.MessageConsumer<JsonObject> reader = await(new BusClient(coordinatorNode, SHORT)
            .consumer(address, HealthRequest.class, request -> {
                delivered.add(request);
                return Future.succeededFuture();
            }));
        io.vertx.core.Handler<io.vertx.core.eventbus.DeliveryContext<Object>> strip = ctx -> {
            if (ctx.message().address().equals(address)) {
                ctx.message().headers().remove(BusAuth.SIGNATURE);
            }
            ctx.next();
        };
        workerNode.eventBus().addOutboundInterceptor(strip);

        Throwable refused = failure(new BusClient(workerNode, SHORT).deliver(address, new HealthRequest(), SHORT));

        workerNode.eventBus().removeOutboundInterceptor(strip);
        await(reader.unregister());
        assertThat(BusClient.toMesh(refused).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(refused.getMessage()).contains("unsigned");
        assertThat(delivered).isEmpty();
    }

    @Test
    void aForgedCallerHeaderChangesNothing() throws Exception {
        String coordinatorId = BusAuth.of(coordinatorNode).orElseThrow().self().nodeId();
        DeliveryOptions forged = new DeliveryOptions().setSendTimeout(SHORT.toMillis())
            .addHeader("ec-caller", new JsonObject().put("node", coordinatorId).put("org", "acme")
                .put("roles", new io.vertx.core.json.JsonArray().add("coordinator")).put("ring", "core").encode());

        Throwable refused = failure(workerNode.eventBus().request(LedgerAddresses.JOB_SETTLE, new JsonObject(), forged));

        assertThat(BusClient.toMesh(refused).code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void aRogueMemberWithoutCertificateCanNeitherSendNorReceive() throws Exception {
        int before = settleCallers.size();
        Vertx rogue = start(TestClusters.rogue(cluster));
        List<Object> rogueReceived = new CopyOnWriteArrayList<>();
        await(rogue.eventBus().consumer(InferenceAddresses.PLAN_CREATE, m -> rogueReceived.add(m.body())).completion());

        Throwable sendFailed = failure(rogue.eventBus().request(LedgerAddresses.JOB_SETTLE, new JsonObject(),
            new DeliveryOptions().setSendTimeout(SHORT.toMillis())));
        Throwable deliveryFailed = failure(new BusClient(coordinatorNode, SHORT)
            .request(InferenceAddresses.PLAN_CREATE, new HealthRequest(), RoleHealth.class));

        assertThat(sendFailed).isNotNull();
        assertThat(deliveryFailed).isNotNull();
        assertThat(rogueReceived).isEmpty();
        assertThat(settleCallers).hasSize(before);
    }

    @Test
    void aMemberWithACertificateFromAnotherCaCannotSend() throws Exception {
        int before = settleCallers.size();
        NodeCredentials foreign = DeploymentCa.ephemeral("other").credentials(NodeIdentity.ephemeral(), "acme", Ring.CORE,
            EnumSet.allOf(Role.class), Duration.ofHours(1));
        Vertx impostor = start(TestClusters.member(cluster, foreign));

        assertThat(failure(settle(impostor))).isNotNull();
        assertThat(settleCallers).hasSize(before);
    }

    @Test
    void aRevokedNodeIsRefusedOnItsNextMessage() throws Exception {
        Vertx doomed = start(TestClusters.member(cluster, EnumSet.of(Role.COORDINATOR), "acme"));
        await(settle(doomed));
        String doomedId = BusAuth.of(doomed).orElseThrow().self().nodeId();

        BusAuth.of(ledgerNode).orElseThrow().trust().revoke(doomedId);
        MeshException refused = BusClient.toMesh(failure(settle(doomed)));

        assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(refused.getMessage()).contains("revoked");
    }
}
