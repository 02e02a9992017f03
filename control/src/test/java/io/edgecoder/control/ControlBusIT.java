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
import io.edgecoder.core.message.CertRenewReply;
import io.edgecoder.core.message.CertRenewRequest;
import io.edgecoder.core.message.EnrollReply;
import io.edgecoder.core.message.EnrollTokenReply;
import io.edgecoder.core.message.EnrollTokenRequest;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.NodeDecisionRequest;
import io.edgecoder.core.message.NodeView;
import io.edgecoder.core.message.RevocationEvent;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.testing.Await;
import io.edgecoder.core.testing.TempFiles;
import io.edgecoder.core.testing.TestClusters;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.MeshTrust;
import io.edgecoder.core.trust.NodeCertificate;
import io.edgecoder.core.trust.Pem;
import io.edgecoder.core.trust.RevocationSync;
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
 * The control role on a real cluster with mutual TLS and signed messages: a node enrolled and
 * approved over the bus renews its own certificate and nobody else's; a revocation reaches every
 * node (and a node that starts later) and refuses the revoked node's next message; a worker cannot
 * publish revocations.
 */
class ControlBusIT {
    private static final Duration SHORT = Duration.ofSeconds(5);
    private static final String PING = "edgecoder.test.control.ping";
    private static final List<Vertx> NODES = new ArrayList<>();
    private static String cluster;
    private static Path caDir;
    private static DeploymentCa ca;
    private static Vertx controlNode;
    private static Vertx coordinatorNode;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestClusters.newName();
        caDir = Files.createTempDirectory("edgecoder-control-bus-ca");
        ca = DeploymentCa.loadOrCreate(caDir, "Bus test CA");
        NodeIdentity control = NodeIdentity.ephemeral();
        controlNode = member(control, EnumSet.of(Role.CONTROL, Role.PORTAL));
        await(controlNode.deployVerticle(new ControlVerticle(new ControlConfig(TestDatabase.freshDatabase(), 4, SHORT, caDir, control,
            "acme", EnumSet.of(Role.CONTROL, Role.PORTAL), Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(7), "127.0.0.1:5701"))));
        coordinatorNode = member(NodeIdentity.ephemeral(), EnumSet.of(Role.COORDINATOR));
        await(new BusClient(coordinatorNode, SHORT).consumer(PING, HealthRequest.class,
            (q, caller) -> Future.succeededFuture(new RoleHealth("ping", "up", Map.of("caller", caller.nodeId())))));
    }

    @AfterAll
    static void stop() throws Exception {
        TestClusters.closeAll(NODES);
        if (caDir != null) {
            TempFiles.deleteTree(caDir);
        }
    }

    /** A member with its own certificate from the test CA, following revocations like every node. */
    private static Vertx member(NodeIdentity identity, Set<Role> roles) throws Exception {
        Vertx vertx = await(TestClusters.member(cluster, ca.credentials(identity, "acme", Ring.CORE, roles, Duration.ofHours(2))));
        NODES.add(vertx);
        await(RevocationSync.install(vertx, new BusClient(vertx, SHORT), trust(vertx)));
        return vertx;
    }

    private static MeshTrust trust(Vertx vertx) {
        return BusAuth.of(vertx).orElseThrow().trust();
    }

    /** A worker enrolled and approved through the control role's addresses, as the portal would do it. */
    private static NodeIdentity enrolledWorker() throws Exception {
        BusClient portal = new BusClient(controlNode, SHORT);
        String token = await(portal.request(ControlAddresses.TOKEN_CREATE, new EnrollTokenRequest(null, List.of("worker"), "core", 10,
            "admin", "http://127.0.0.1:4310"), EnrollTokenReply.class)).token();
        NodeIdentity worker = NodeIdentity.ephemeral();
        EnrollReply enrolled = await(portal.request(ControlAddresses.NODE_ENROLL, ControlFixture.enrollRequest(worker, token, null),
            EnrollReply.class));
        await(portal.request(ControlAddresses.NODE_APPROVE, new NodeDecisionRequest(enrolled.nodeId(), "admin", null), NodeView.class));
        return worker;
    }

    @Test
    void anEnrolledNodeRenewsItsOwnCertificateOverTheBusAndNoOneElses() throws Exception {
        NodeIdentity worker = enrolledWorker();
        BusClient bus = new BusClient(member(worker, EnumSet.of(Role.WORKER)), SHORT);

        CertRenewReply renewed = await(bus.request(ControlAddresses.CERT_RENEW, new CertRenewRequest(worker.nodeId()), CertRenewReply.class));
        MeshException forOther = failure(bus.request(ControlAddresses.CERT_RENEW, new CertRenewRequest(enrolledWorker().nodeId()),
            CertRenewReply.class));

        NodeCertificate cert = NodeCertificate.of(Pem.certificates(renewed.certificate()).get(0));
        assertThat(cert.nodeId()).isEqualTo(worker.nodeId());
        assertThat(cert.roles()).containsExactly(Role.WORKER);
        assertThat(forOther.code()).isEqualTo(ErrorCode.FORBIDDEN);
    }

    @Test
    void aRevocationReachesEveryNodeRefusesTheNextMessageAndReachesLateNodesToo() throws Exception {
        NodeIdentity worker = enrolledWorker();
        BusClient workerBus = new BusClient(member(worker, EnumSet.of(Role.WORKER)), SHORT);
        assertThat(await(workerBus.request(PING, new HealthRequest(), RoleHealth.class)).details()).containsEntry("caller", worker.nodeId());

        await(new BusClient(controlNode, SHORT).request(ControlAddresses.NODE_REVOKE,
            new NodeDecisionRequest(worker.nodeId(), "admin", "stolen"), NodeView.class));
        Await.until("the coordinator node learning the revocation", Duration.ofSeconds(10),
            () -> trust(coordinatorNode).isRevoked(worker.nodeId()), revoked -> revoked);
        MeshException ping = failure(workerBus.request(PING, new HealthRequest(), RoleHealth.class));
        MeshException renewal = failure(workerBus.request(ControlAddresses.CERT_RENEW, new CertRenewRequest(worker.nodeId()),
            CertRenewReply.class));
        Vertx late = member(NodeIdentity.ephemeral(), EnumSet.of(Role.LEDGER));

        assertThat(ping.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(ping.getMessage()).contains("revoked");
        assertThat(renewal.code()).isIn(ErrorCode.UNAUTHORIZED, ErrorCode.FORBIDDEN);
        Await.until("a node started later loading the revocation list", Duration.ofSeconds(10),
            () -> trust(late).isRevoked(worker.nodeId()), revoked -> revoked);
    }

    @Test
    void aWorkerCannotPublishRevocations() throws Exception {
        NodeIdentity worker = enrolledWorker();
        BusClient workerBus = new BusClient(member(worker, EnumSet.of(Role.WORKER)), SHORT);
        String victim = BusAuth.of(coordinatorNode).orElseThrow().self().nodeId();

        workerBus.publish(ControlAddresses.REVOCATION_EVENTS, new RevocationEvent(victim, true, Instant.now()));
        // a request on the same connection after the publish: once it is answered, the publish was handled
        await(workerBus.request(PING, new HealthRequest(), RoleHealth.class));

        assertThat(trust(coordinatorNode).isRevoked(victim)).isFalse();
        assertThat(await(new BusClient(coordinatorNode, SHORT).request(PING, new HealthRequest(), RoleHealth.class))).isNotNull();
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
