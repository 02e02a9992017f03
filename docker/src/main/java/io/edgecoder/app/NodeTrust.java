package io.edgecoder.app;

import io.edgecoder.core.NodeIdentity;
import io.edgecoder.core.Role;
import io.edgecoder.core.config.ConfigException;
import io.edgecoder.core.config.ConfigKeys;
import io.edgecoder.core.config.Settings;
import io.edgecoder.core.trust.CaDirectory;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.MeshTrust;
import io.edgecoder.core.trust.NodeCertificate;
import io.edgecoder.core.trust.NodeCredentials;
import io.edgecoder.core.trust.Ring;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a node gets the certificates that admit it to the core ring, before it joins the cluster.
 * A node that holds the deployment CA (its own {@code <data-dir>/ca}, or {@code --ca DIR}) issues
 * its own; the very first node (no CA anywhere, nothing to join) creates the CA and so approves
 * itself, which keeps {@code edgecoder up} a one-step start. Any other node must be enrolled.
 * Blocking; runs before Vert.x starts.
 */
final class NodeTrust {
    private static final Logger LOG = LoggerFactory.getLogger(NodeTrust.class);

    private final Settings settings;
    private final NodeIdentity identity;
    private final Set<Role> roles;
    private final Path dataDir;

    NodeTrust(Settings settings, NodeIdentity identity, Set<Role> roles, Path dataDir) {
        this.settings = settings;
        this.identity = identity;
        this.roles = Set.copyOf(roles);
        this.dataDir = dataDir;
    }

    Path tlsDir() {
        return dataDir.resolve("tls");
    }

    /** The CA this node may issue with, if it has one. */
    Optional<DeploymentCa> localCa() {
        Path dir = caDir();
        if (DeploymentCa.exists(dir)) {
            try {
                return Optional.of(DeploymentCa.load(dir));
            } catch (java.io.IOException | java.security.GeneralSecurityException | IllegalArgumentException e) {
                throw new ConfigException("the deployment CA in " + dir + " cannot be read: " + e.getMessage());
            }
        }
        if (settings.has(ConfigKeys.TRUST_CA_DIR) && !firstNode()) {
            throw new ConfigException("setting '" + ConfigKeys.TRUST_CA_DIR + "': no ca.key and ca.crt in " + dir);
        }
        return Optional.empty();
    }

    Path caDir() {
        return settings.has(ConfigKeys.TRUST_CA_DIR) ? Path.of(settings.string(ConfigKeys.TRUST_CA_DIR)).toAbsolutePath()
            : dataDir.resolve("ca");
    }

    /** This node's credentials: stored ones while valid for its roles, otherwise newly issued. */
    NodeCredentials credentials() {
        Optional<NodeCredentials> stored = NodeCredentials.load(tlsDir(), identity);
        Optional<DeploymentCa> ca = localCa();
        if (ca.isEmpty() && firstNode()) {
            ca = Optional.of(createCa());
        }
        if (ca.isPresent()) {
            return issueOwn(ca.get(), stored);
        }
        if (stored.isPresent() && usable(stored.get())) {
            if (settings.has(ConfigKeys.ENROLL_TOKEN)) {
                LOG.info("this node is already enrolled (certificates in {}); the enrollment token is not needed again", tlsDir());
            }
            return stored.get();
        }
        if (settings.has(ConfigKeys.ENROLL_TOKEN)) {
            return enroll();
        }
        throw new ConfigException(stored.isPresent()
            ? "this node's certificate has expired or does not allow roles " + Role.ids(roles)
                + "; enroll it again with --enroll TOKEN (docs/trust.md)"
            : "this node has no certificate from the deployment: start it with --enroll TOKEN (an owner or admin creates "
                + "the token on a node of the deployment; see docs/trust.md), or with --ca DIR if it may use the deployment CA");
    }

    private NodeCredentials enroll() {
        if (roles.contains(Role.CONTROL)) {
            throw new ConfigException("setting 'roles': the control role holds the deployment CA and is not enrolled; start this node"
                + " with --roles naming what the token allows (for example --roles worker)");
        }
        try {
            return new EnrollmentClient(settings.string(ConfigKeys.ENROLL_TOKEN), identity, roles, workerSlots(), tlsDir(),
                    java.time.Clock.systemUTC())
                .run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("stopped while waiting for approval; start again with the same command to keep waiting");
        }
    }

    private boolean firstNode() {
        return !settings.has(ConfigKeys.CLUSTER_JOIN) && !settings.has(ConfigKeys.ENROLL_TOKEN) && !settings.has(ConfigKeys.EDGE_BRIDGE)
            && !Files.exists(tlsDir().resolve(NodeCredentials.NODE_CERT));
    }

    private DeploymentCa createCa() {
        DeploymentCa ca = DeploymentCa.loadOrCreate(caDir(), "EdgeCoder " + settings.string(ConfigKeys.CLUSTER_NAME) + " CA");
        LOG.info("created the deployment CA in {} (fingerprint {}); this first node approves itself", caDir(), ca.fingerprint());
        return ca;
    }

    private boolean usable(NodeCredentials credentials) {
        NodeCertificate cert = credentials.certificate();
        return cert.roles().containsAll(roles) && cert.ring() == ring() && Instant.now().isBefore(cert.notAfter())
            && Instant.now().isBefore(credentials.tlsCertificate().notAfter());
    }

    private NodeCredentials issueOwn(DeploymentCa ca, Optional<NodeCredentials> stored) {
        String org = settings.string(ConfigKeys.ORG);
        NodeCertificate message = ca.issue(identity, org, ring(), roles, workerSlots(), certLifetime());
        NodeCertificate tls = ca.issue(identity, org, ring(), roles, workerSlots(),
            Duration.ofDays(settings.integer(ConfigKeys.TRUST_TLS_DAYS, 1, 3650)));
        MeshTrust trust = stored.map(NodeCredentials::trust).orElseGet(() -> new MeshTrust(ca.certificate()));
        trust.addAnchor(ca.certificate());
        CaDirectory.trusted(caDir(), java.time.Clock.systemUTC()).forEach(trust::addAnchor);
        NodeCredentials credentials = new NodeCredentials(identity, message, tls, trust);
        credentials.save(tlsDir());
        return credentials;
    }

    /** The ring a certificate this node issues itself is for: {@code trust.ring}, else edge for an edge worker, else core. */
    Ring ring() {
        String ring = settings.string(ConfigKeys.TRUST_RING, settings.has(ConfigKeys.EDGE_BRIDGE) ? "edge" : "core");
        try {
            return Ring.parse(ring);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting '" + ConfigKeys.TRUST_RING + "' must be core or edge, got '" + ring + "'");
        }
    }

    /** The worker capacity this node states in its certificate: its slots when it runs a worker, else 0 (none stated). */
    int workerSlots() {
        if (!roles.contains(Role.WORKER)) {
            return 0;
        }
        int slots = settings.integer(ConfigKeys.WORKER_SLOTS, 0, 1024);
        return slots == 0 ? Runtime.getRuntime().availableProcessors() : slots;
    }

    Duration certLifetime() {
        return Duration.ofHours(settings.integer(ConfigKeys.TRUST_CERT_HOURS, 1, 24 * 365));
    }
}
