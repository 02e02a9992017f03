package io.edgecoder.app;

import io.edgecoder.coordinator.app.CoordinatorConfig;
import io.edgecoder.coordinator.app.CoordinatorVerticle;
import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.control.app.ControlConfig;
import io.edgecoder.control.app.ControlVerticle;
import io.edgecoder.core.BusClient;
import io.edgecoder.core.address.ControlAddresses;
import io.edgecoder.core.message.CertRenewReply;
import io.edgecoder.core.message.CertRenewRequest;
import io.edgecoder.core.trust.BusAuth;
import io.edgecoder.core.trust.ClusterMembers;
import io.edgecoder.core.trust.NodeCertificate;
import io.edgecoder.core.trust.Pem;
import io.edgecoder.core.trust.RevocationSync;
import io.edgecoder.core.policy.PolicyApplier;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.db.EmbeddedDatabase;
import io.edgecoder.inference.app.InferenceConfig;
import io.edgecoder.inference.app.InferenceVerticle;
import io.edgecoder.ledger.app.LedgerConfig;
import io.edgecoder.ledger.app.LedgerVerticle;
import io.edgecoder.portal.app.PortalConfig;
import io.edgecoder.portal.app.PortalVerticle;
import io.edgecoder.portal.bridge.EdgeBridge;
import io.edgecoder.portal.operator.OperatorBridge;
import io.edgecoder.worker.app.WorkerConfig;
import io.edgecoder.worker.app.WorkerVerticle;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One EdgeCoder node: identity, database (embedded or external), cluster membership, and the
 * verticles of its roles. {@link #start} blocks until every role is ready; {@link #stop}
 * undeploys them, leaves the cluster and stops the embedded database.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    static final Set<Role> DB_ROLES = EnumSet.of(Role.COORDINATOR, Role.LEDGER, Role.CONTROL, Role.PORTAL);

    private final Settings settings;
    private Vertx vertx;
    private EmbeddedDatabase embedded;
    private PortalVerticle portal;
    private EdgeBridge bridge;
    private OperatorBridge operatorBridge;
    private io.edgecoder.portal.ide.IdeEndpoints ide;
    private Path operatorEndpoint;
    private NodeIdentity identity;
    private NodeCredentials credentials;
    private CertificateRenewer renewer;
    private RevocationSync revocations;
    private PolicyApplier policy;
    /** How often a node acknowledges its policy version with its health (the rollout gate's input). */
    static final String POLICY_ACK_MS = "control.ack.ms";
    private HazelcastClusterManager clusterManager;
    private SubscriptionGuard guard;
    private MemberDepartures departures;
    private OwnStatement statement;
    private ClusterWatch watch;
    private Path adminTokenFile;

    public Node(Settings settings) {
        this.settings = settings;
    }

    /** Starts the node; blocking. Throws with a clear message on bad configuration. */
    public Node start() throws Exception {
        Set<Role> roles = check();
        boolean edge = EdgeNode.wanted(settings);
        if (edge) {
            EdgeNode.checkRoles(roles);
        }
        Path dataDir = dataDir();
        identity = NodeIdentity.loadOrCreate(dataDir.resolve("identity"));
        NodeTrust trust = new NodeTrust(settings, identity, roles, dataDir);
        credentials = trust.credentials();
        if (edge) {
            EdgeNode.checkCertificate(credentials);
        }
        if (roles.contains(Role.CONTROL) && trust.localCa().isEmpty()) {
            throw new ConfigException("setting 'roles': the control role needs the deployment CA; run it on the node that created"
                + " the CA or pass --ca DIR");
        }
        String dbUrl = database(roles, dataDir);
        String adminToken = adminToken(roles, dataDir);
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        vertx = edge ? EdgeNode.vertx(meters) : cluster(meters, dataDir);
        if (!edge) {
            BusAuth.install(vertx, credentials);
            await(ClusterMembers.announce(vertx, clusterManager.getNodeId(), credentials), "announce this node to the cluster");
            statement = new OwnStatement(vertx, clusterManager.getHazelcastInstance(), clusterManager.getNodeId(), credentials,
                OwnStatement.PERIOD);
            statement.start();
            guard = new SubscriptionGuard(vertx, clusterManager.getHazelcastInstance(), credentials.trust());
            guard.start();
        }
        Duration busTimeout = settings.millis(ConfigKeys.BUS_TIMEOUT_MS, 100, 600_000);
        BusClient bus = new BusClient(vertx, busTimeout);
        if (!edge) {
            // An edge worker has no cluster to hear revocations or renew through: the bridge checks it instead.
            revocations = await(RevocationSync.install(vertx, bus, credentials.trust()), "follow revocations");
            startRenewal(trust, bus);
            departures = new MemberDepartures(vertx, clusterManager.getHazelcastInstance(), credentials.trust(), bus);
            departures.start();
            // Before any role takes work: the policy this node missed while it was away.
            policy = await(PolicyApplier.install(vertx, bus, new PolicyApplier.Self(identity.nodeId(), credentials.certificate().org(),
                roles, PolicyApplier.agentVersion()), settings.has(POLICY_ACK_MS) ? settings.millis(POLICY_ACK_MS, 100, 600_000) : Duration.ofSeconds(5),
                PolicyApplier.PULL_EVERY), "follow the control plane's policy");
        }
        Map<Role, Deployable> verticles = new LinkedHashMap<>();
        if (roles.contains(Role.LEDGER)) {
            verticles.put(Role.LEDGER, new LedgerVerticle(LedgerConfig.from(settings, dbUrl, identity)));
        }
        if (roles.contains(Role.INFERENCE)) {
            verticles.put(Role.INFERENCE, new InferenceVerticle(InferenceConfig.from(settings, identity)));
        }
        if (roles.contains(Role.COORDINATOR)) {
            verticles.put(Role.COORDINATOR, new CoordinatorVerticle(CoordinatorConfig.from(settings, dbUrl, identity, meters)));
        }
        if (roles.contains(Role.WORKER)) {
            verticles.put(Role.WORKER, new WorkerVerticle(WorkerConfig.from(settings, identity)));
        }
        if (roles.contains(Role.CONTROL)) {
            verticles.put(Role.CONTROL, new ControlVerticle(ControlConfig.from(settings, dbUrl, identity, roles, trust.caDir(),
                trust.certLifetime(), Duration.ofDays(settings.integer(ConfigKeys.TRUST_TLS_DAYS, 1, 3650)), joinAddress())));
        }
        if (roles.contains(Role.PORTAL)) {
            portal = new PortalVerticle(PortalConfig.from(settings, adminToken, identity, meters, dbUrl, dataDir));
            verticles.put(Role.PORTAL, portal);
        }
        for (Map.Entry<Role, Deployable> e : verticles.entrySet()) {
            await(vertx.deployVerticle(e.getValue()), "start role " + e.getKey().id());
        }
        startEdge(edge, meters);
        if (policy != null && policy.policy().version() == 0) {
            policy.pull(1).onFailure(e -> LOG.debug("no policy yet: {}", e.getMessage()));
        }
        startOperatorBridge(adminToken, busTimeout, meters, dataDir);
        startIde(adminToken, busTimeout, meters);
        LOG.info("EdgeCoder node {} up: roles {}{}{}{}", identity.nodeId(), roles.stream().map(Role::id).toList(),
            portal == null ? "" : ", portal http://" + settings.string(ConfigKeys.HTTP_HOST) + ":" + portal.actualPort(),
            ide == null ? "" : ", IDE endpoint http://" + settings.string(ConfigKeys.IDE_HOST, "127.0.0.1") + ":" + ide.actualPort()
                + " (" + ide.instances() + " instances)",
            edge ? ", edge worker through the bridge " + settings.string(ConfigKeys.EDGE_BRIDGE)
                : bridge == null ? "" : ", edge bridge on port " + bridge.actualPort());
        if (adminTokenFile != null) {
            LOG.info("admin API token is in {} (send it as 'Authorization: Bearer <token>')", adminTokenFile);
        }
        return this;
    }

    /** The edge link of an edge worker, or the bridge of a portal node. */
    private void startEdge(boolean edge, PrometheusMeterRegistry meters) throws Exception {
        if (edge) {
            await(vertx.deployVerticle(EdgeNode.link(settings, credentials)), "start the edge link");
        } else if (portal != null) {
            bridge = EdgeNode.bridge(settings, meters).orElse(null);
            if (bridge != null) {
                await(vertx.deployVerticle(bridge), "start the edge bridge");
            }
        }
    }

    /** The operator bridge of a portal node ({@code edgecoder ctl}); its address goes to {@code <data-dir>/operator.endpoint}. */
    private void startOperatorBridge(String adminToken, Duration busTimeout, PrometheusMeterRegistry meters, Path dataDir)
            throws Exception {
        operatorBridge = OperatorEndpoint.bridge(settings, adminToken, busTimeout, meters, portal).orElse(null);
        if (operatorBridge != null) {
            await(vertx.deployVerticle(operatorBridge), "start the operator bridge");
            operatorEndpoint = OperatorEndpoint.write(dataDir, settings, operatorBridge.actualPort());
        }
    }

    /** The IDE endpoint of a portal node (OpenAI and Ollama APIs on 127.0.0.1:4311), unless ide.port is -1. */
    private void startIde(String adminToken, Duration busTimeout, PrometheusMeterRegistry meters) throws Exception {
        Optional<io.edgecoder.portal.ide.IdeConfig> config = IdeEndpoint.config(settings, adminToken, busTimeout,
            credentials.certificate().org(), meters, portal);
        if (config.isPresent()) {
            ide = await(io.edgecoder.portal.ide.IdeEndpoints.deploy(vertx, config.get()), "start the IDE endpoint");
        }
    }

    /** The IDE endpoint's instances, or null when this node runs none. */
    public io.edgecoder.portal.ide.IdeEndpoints ide() {
        return ide;
    }

    /** The IDE endpoint's port after start, or -1 when there is none. */
    public int idePort() {
        return ide == null ? -1 : ide.actualPort();
    }

    /** Renews this node's message certificate from its own CA; enrolled nodes renew through the control role. */
    private void startRenewal(NodeTrust trust, BusClient bus) {
        Optional<DeploymentCa> ca = trust.localCa();
        renewer = new CertificateRenewer(vertx, credentials, trust.tlsDir(), ca.isPresent()
            ? current -> vertx.executeBlocking(() ->
                ca.get().issue(identity, current.org(), current.ring(), current.roles(), current.slots(), trust.certLifetime()))
            : current -> bus.request(ControlAddresses.CERT_RENEW, new CertRenewRequest(identity.nodeId()), CertRenewReply.class)
                .map(reply -> NodeCertificate.of(Pem.certificates(reply.certificate()).get(0))));
        renewer.start();
    }

    /**
     * Checks the settings that fail fast (roles, data directory, log level, portal port) before
     * anything slow starts; {@link #start} calls it too. Returns the roles.
     */
    Set<Role> check() throws IOException {
        Set<Role> roles = roles();
        dataDir();
        Preflight.check(settings, roles);
        return roles;
    }

    /** The absolute data directory, created when missing. */
    Path dataDirectory() throws IOException {
        return dataDir();
    }

    /** Where other nodes join this one: the cluster host and the Hazelcast port it got. */
    private String joinAddress() {
        return settings.string(ConfigKeys.CLUSTER_HOST) + ":"
            + clusterManager.getHazelcastInstance().getCluster().getLocalMember().getAddress().getPort();
    }

    public NodeCredentials credentials() {
        return credentials;
    }

    public String nodeId() {
        return identity.nodeId();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The edge bridge's port, or -1 when this node runs no bridge. */
    public int bridgePort() {
        return bridge == null ? -1 : bridge.actualPort();
    }

    /** The operator bridge's port, or -1 when this node runs none. */
    public int operatorPort() {
        return operatorBridge == null ? -1 : operatorBridge.actualPort();
    }

    /** The portal's port, or -1 when this node runs no portal. */
    public int httpPort() {
        return portal == null ? -1 : portal.actualPort();
    }

    private Set<Role> roles() {
        try {
            return Role.parse(settings.list(ConfigKeys.ROLES));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting 'roles': " + e.getMessage());
        }
    }

    private Path dataDir() throws IOException {
        Path dir = Path.of(settings.string(ConfigKeys.DATA_DIR)).toAbsolutePath();
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new ConfigException("setting 'data.dir': " + dir + " is not a writable directory");
        }
        return dir;
    }

    private String database(Set<Role> roles, Path dataDir) {
        if (roles.stream().noneMatch(DB_ROLES::contains)) {
            return null;
        }
        if (settings.has(ConfigKeys.DB_URL)) {
            return settings.string(ConfigKeys.DB_URL);
        }
        LOG.info("starting embedded PostgreSQL in {}", dataDir.resolve("pg"));
        embedded = EmbeddedDatabase.start(dataDir.resolve("pg"));
        return embedded.url();
    }

    private String adminToken(Set<Role> roles, Path dataDir) throws IOException {
        if (!roles.contains(Role.PORTAL)) {
            return null;
        }
        adminTokenFile = dataDir.resolve("admin.token");
        return AdminToken.loadOrCreate(adminTokenFile);
    }

    private Vertx cluster(PrometheusMeterRegistry meters, Path dataDir) throws Exception {
        VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
        credentials.applyTo(options.getEventBusOptions().setHost(settings.string(ConfigKeys.CLUSTER_HOST)).setPort(0));
        KnownMembers known = new KnownMembers(dataDir);
        com.hazelcast.config.Config hazelcast = ClusterConfigs.from(settings, known.read());
        hazelcast.addListenerConfig(new com.hazelcast.config.ListenerConfig(known));
        clusterManager = new HazelcastClusterManager(hazelcast);
        Vertx clustered = await(Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(meters))
            .withClusterManager(clusterManager).buildClustered(), "join the cluster");
        watch = new ClusterWatch(clustered, clusterManager.getHazelcastInstance(),
            settings.has(ConfigKeys.CLUSTER_CONFIG) ? List.of() : ClusterConfigs.joinMembers(settings));
        watch.start();
        return clustered;
    }

    private static <T> T await(Future<T> future, String what) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (renewer != null) {
            renewer.stop();
        }
        if (revocations != null) {
            revocations.stop();
        }
        if (policy != null) {
            policy.stop();
        }
        if (guard != null) {
            guard.stop();
            guard = null;
        }
        if (departures != null) {
            departures.stop();
            departures = null;
        }
        if (statement != null) {
            statement.stop();
            statement = null;
        }
        if (watch != null) {
            watch.stop();
            watch = null;
        }
        OperatorEndpoint.remove(operatorEndpoint);
        if (vertx != null) {
            LOG.info("EdgeCoder node {} stopping", identity == null ? "" : identity.nodeId());
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("clean shutdown of Vert.x failed: {}", e.getMessage());
            }
            vertx = null;
        }
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
        LOG.info("EdgeCoder node stopped");
    }
}
