package io.edgecoder.control.app;

import io.edgecoder.core.HealthStatus;
import io.edgecoder.control.EnrollmentService;
import io.edgecoder.control.NodeDecisions;
import io.edgecoder.control.SecurityControls;
import io.edgecoder.control.impl.PgAuditLog;
import io.edgecoder.core.message.RevocationEvent;
import java.util.function.Consumer;
import io.edgecoder.control.impl.CertificateAuthority;
import io.edgecoder.control.impl.ControlSchema;
import io.edgecoder.control.impl.PgControlStore;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.Role;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.address.NodeAddresses;
import io.edgecoder.core.db.Migrator;
import io.edgecoder.core.message.CertRenewRequest;
import io.edgecoder.core.message.EnrollRequest;
import io.edgecoder.core.message.EnrollStatusRequest;
import io.edgecoder.core.message.EnrollTokenRequest;
import io.edgecoder.core.message.HealthRequest;
import io.edgecoder.core.message.NodeDecisionRequest;
import io.edgecoder.core.message.NodeListRequest;
import io.edgecoder.core.message.NodeView;
import io.edgecoder.core.message.RevocationListRequest;
import io.edgecoder.core.message.RoleHealth;
import io.edgecoder.core.trust.DeploymentCa;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control role: its PG pool and migrations, the deployment CA, and the consumers of
 * {@link ControlAddresses}. At start it records this node as approved (it holds the CA). Wiring only.
 */
public final class ControlVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ControlVerticle.class);

    private final ControlConfig config;
    private final Clock clock;
    private Pool pool;
    private PgControlStore store;
    private PolicyWiring policy;

    public ControlVerticle(ControlConfig config) {
        this(config, Clock.systemUTC());
    }

    public ControlVerticle(ControlConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(config.poolSize()))
            .connectingTo(PgConnectOptions.fromUri(config.dbUrl())).using(vertx).build();
        store = new PgControlStore(pool);
        return vertx.executeBlocking(this::loadCa)
            .compose(ca -> new Migrator(pool).migrate(ControlSchema.COMPONENT, ControlSchema.MIGRATIONS).map(ca))
            .compose(ca -> new PgAuditLog(pool).chainUnsealed().map(ca))
            .compose(ca -> store.recordSelf(self(), clock.instant()).map(ca))
            .compose(this::register)
            .onSuccess(v -> LOG.info("control ready (node {}, CA {})", config.identity().nodeId(), config.caDir()));
    }

    private DeploymentCa loadCa() throws Exception {
        if (!DeploymentCa.exists(config.caDir())) {
            throw new IllegalStateException("the control role needs the deployment CA (ca.key, ca.crt) in " + config.caDir()
                + "; run it on the node that created the CA, or pass --ca DIR");
        }
        return DeploymentCa.load(config.caDir());
    }

    private NodeView self() {
        return new NodeView(config.identity().nodeId(), config.identity().publicKeyBase64(), config.identity().keyFingerprint(),
            config.org(), config.roles().stream().sorted().map(Role::id).toList(), "core", "approved", null, "self", null, null,
            null, null);
    }

    private Future<?> register(DeploymentCa deploymentCa) {
        BusClient bus = new BusClient(vertx, config.busTimeout());
        CertificateAuthority ca = new CertificateAuthority(vertx, config.caDir(), deploymentCa, config.messageLifetime(),
            config.tlsLifetime(), clock);
        EnrollmentService enrollment = new EnrollmentService(store, ca,
            new EnrollmentService.Policy(config.org(), config.maxTokenTtl(), config.joinAddress()), clock);
        Consumer<RevocationEvent> revocations = event -> bus.publish(ControlAddresses.REVOCATION_EVENTS, event);
        NodeDecisions decisions = new NodeDecisions(store, revocations, clock);
        SecurityControls security = new SecurityControls(store, enrollment, revocations, config.portalUrl(), clock);
        return Future.all(List.of(
            bus.consumer(ControlAddresses.TOKEN_CREATE, EnrollTokenRequest.class, enrollment::createToken),
            bus.consumer(ControlAddresses.NODE_ENROLL, EnrollRequest.class, enrollment::enroll),
            bus.consumer(ControlAddresses.NODE_STATUS, EnrollStatusRequest.class, enrollment::status),
            bus.consumer(ControlAddresses.CERT_RENEW, CertRenewRequest.class, enrollment::renew),
            bus.consumer(ControlAddresses.NODE_LIST, NodeListRequest.class, decisions::list),
            bus.consumer(ControlAddresses.NODE_APPROVE, NodeDecisionRequest.class, decisions::approve),
            bus.consumer(ControlAddresses.NODE_REJECT, NodeDecisionRequest.class, decisions::reject),
            bus.consumer(ControlAddresses.NODE_REVOKE, NodeDecisionRequest.class, decisions::revoke),
            bus.consumer(ControlAddresses.NODE_WITHDRAW, NodeDecisionRequest.class, security::withdraw),
            bus.consumer(ControlAddresses.NODE_REENROLL, NodeDecisionRequest.class, security::reenroll),
            bus.consumer(ControlAddresses.REVOCATION_LIST, RevocationListRequest.class, q -> decisions.revoked()),
            bus.localConsumer(NodeAddresses.roleHealth(Role.CONTROL), HealthRequest.class, q -> health())))
            .compose(v -> new PolicyWiring(vertx, bus, pool, clock, config.rolloutTick()).register())
            .onSuccess(wiring -> policy = wiring);
    }

    private Future<RoleHealth> health() {
        return store.ping().map(up -> new RoleHealth(Role.CONTROL.id(), HealthStatus.of(up), Map.of("database", HealthStatus.of(up).wire())));
    }

    /** The role's store (tests read the audit through it). */
    public PgControlStore store() {
        return store;
    }

    @Override
    public Future<?> stop() {
        if (policy != null) {
            policy.stop();
        }
        return pool == null ? Future.succeededFuture() : pool.close();
    }
}
