package io.edgecoder.control.impl;

import io.edgecoder.core.Role;
import io.edgecoder.core.message.NodeView;
import io.edgecoder.core.trust.CaDirectory;
import io.edgecoder.core.trust.DeploymentCa;
import io.edgecoder.core.trust.NodeCertificate;
import io.edgecoder.core.trust.Pem;
import io.edgecoder.core.trust.Ring;
import io.edgecoder.core.NodeIdentity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * The control role's use of the deployment CA: issues message and TLS certificates for the key,
 * organisation, ring and roles the control role recorded for a node, off the event loop, and
 * hands out the CA certificates the deployment trusts (see {@link CaDirectory}).
 */
public final class CertificateAuthority {
    /** A node's certificates in PEM. */
    public record Issued(NodeCertificate message, NodeCertificate tls, String caPem) {
        public String messagePem() {
            return Pem.certificate(message.x509());
        }

        public String tlsPem() {
            return Pem.certificate(tls.x509());
        }
    }

    private final Vertx vertx;
    private final Path dir;
    private final DeploymentCa ca;
    private final Duration messageLifetime;
    private final Duration tlsLifetime;
    private final Clock clock;

    public CertificateAuthority(Vertx vertx, Path dir, DeploymentCa ca, Duration messageLifetime, Duration tlsLifetime, Clock clock) {
        this.vertx = vertx;
        this.dir = dir;
        this.ca = ca;
        this.messageLifetime = messageLifetime;
        this.tlsLifetime = tlsLifetime;
        this.clock = clock;
    }

    public String fingerprint() {
        return ca.fingerprint();
    }

    /** A message certificate and a TLS certificate for {@code node}. */
    public Future<Issued> issueBoth(NodeView node) {
        return vertx.executeBlocking(() -> new Issued(issue(node, messageLifetime), issue(node, tlsLifetime), caPem()));
    }

    /** A new message certificate for {@code node} (renewal). */
    public Future<Issued> issueMessage(NodeView node) {
        return vertx.executeBlocking(() -> {
            NodeCertificate message = issue(node, messageLifetime);
            return new Issued(message, message, caPem());
        });
    }

    private NodeCertificate issue(NodeView node, Duration lifetime) {
        return ca.issue(NodeIdentity.parsePublicKey(node.publicKey()), node.nodeId(), node.org(), Ring.parse(node.ring()),
            Set.copyOf(Role.parse(node.roles())), node.slots(), lifetime);
    }

    private String caPem() {
        return CaDirectory.trustedPem(dir, clock);
    }
}
