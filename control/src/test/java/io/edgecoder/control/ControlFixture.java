package io.edgecoder.control;

import io.edgecoder.control.impl.CertificateAuthority;
import io.edgecoder.control.impl.ControlSchema;
import io.edgecoder.control.impl.PgControlStore;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.db.Migrator;
import io.edgecoder.core.message.EnrollRequest;
import io.edgecoder.core.message.EnrollStatusRequest;
import io.edgecoder.core.message.EnrollTokenRequest;
import io.edgecoder.core.message.RevocationEvent;
import io.edgecoder.core.testing.TestDatabase;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.EnrollmentToken;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import io.edgecoder.core.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The control services on a fresh database, a CA in a temporary directory and a clock the test moves. */
final class ControlFixture implements AutoCloseable {
    static final String PORTAL = "http://127.0.0.1:4310";

    final Vertx vertx = Vertx.vertx();
    final MutableClock clock = new MutableClock(Instant.now());
    final Path caDir;
    final DeploymentCa deploymentCa;
    final Pool pool;
    final PgControlStore store;
    final EnrollmentService enrollment;
    final NodeDecisions decisions;
    final List<RevocationEvent> published = new CopyOnWriteArrayList<>();

    ControlFixture() throws Exception {
        caDir = Files.createTempDirectory("edgecoder-control-ca");
        deploymentCa = DeploymentCa.loadOrCreate(caDir, "Test CA");
        pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestDatabase.freshDatabase())).using(vertx).build();
        await(new Migrator(pool).migrate(ControlSchema.COMPONENT, ControlSchema.MIGRATIONS));
        store = new PgControlStore(pool);
        CertificateAuthority ca = new CertificateAuthority(vertx, caDir, deploymentCa, Duration.ofHours(1), Duration.ofDays(30), clock);
        enrollment = new EnrollmentService(store, ca, new EnrollmentService.Policy("acme", Duration.ofDays(7), "10.0.0.1:5701"), clock);
        decisions = new NodeDecisions(store, published::add, clock);
    }

    String token(List<String> roles, String ring, int ttlMinutes) throws Exception {
        return await(enrollment.createToken(new EnrollTokenRequest(null, roles, ring, ttlMinutes, "alice", PORTAL))).token();
    }

    static EnrollRequest enrollRequest(NodeIdentity node, String token, List<String> roles) {
        return new EnrollRequest(token, node.publicKeyBase64(), roles, sign(node, EnrollmentToken.enrollProof(token)), node.nodeId());
    }

    EnrollStatusRequest statusRequest(NodeIdentity node) {
        long now = clock.millis();
        return new EnrollStatusRequest(node.nodeId(), now, sign(node, EnrollmentToken.statusProof(node.nodeId(), now)));
    }

    static String sign(NodeIdentity node, byte[] data) {
        return Base64.getEncoder().encodeToString(node.sign(data));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        await(pool.close());
        await(vertx.close());
        try (var files = Files.walk(caDir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
