package io.edgecoder.app;

import io.edgecoder.core.trust.NodeCertificate;
import io.edgecoder.core.trust.NodeCredentials;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a node's message certificate fresh: every few minutes, when less than a third of its
 * lifetime is left, asks the issuer for a new one, switches to it and stores it. A failed renewal
 * is logged and tried again at the next check; the old certificate stays in use until it expires.
 */
final class CertificateRenewer {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateRenewer.class);
    private static final long CHECK_MS = Duration.ofMinutes(5).toMillis();

    private final Vertx vertx;
    private final NodeCredentials credentials;
    private final Path tlsDir;
    private final Function<NodeCertificate, Future<NodeCertificate>> issuer;
    private long timer = -1;

    CertificateRenewer(Vertx vertx, NodeCredentials credentials, Path tlsDir,
                       Function<NodeCertificate, Future<NodeCertificate>> issuer) {
        this.vertx = vertx;
        this.credentials = credentials;
        this.tlsDir = tlsDir;
        this.issuer = issuer;
    }

    void start() {
        timer = vertx.setPeriodic(CHECK_MS, id -> renewIfDue());
    }

    void stop() {
        vertx.cancelTimer(timer);
    }

    static boolean due(NodeCertificate cert, Instant now) {
        Duration lifetime = Duration.between(cert.x509().getNotBefore().toInstant(), cert.notAfter());
        return Duration.between(now, cert.notAfter()).compareTo(lifetime.dividedBy(3)) < 0;
    }

    Future<Void> renewIfDue() {
        NodeCertificate current = credentials.certificate();
        if (!due(current, Instant.now())) {
            return Future.succeededFuture();
        }
        return issuer.apply(current)
            .compose(renewed -> vertx.executeBlocking(() -> {
                credentials.renew(renewed);
                credentials.save(tlsDir);
                return null;
            }))
            .onSuccess(v -> LOG.info("renewed this node's certificate (now valid until {})", credentials.certificate().notAfter()))
            .onFailure(e -> LOG.warn("could not renew this node's certificate (valid until {}): {}", current.notAfter(), e.getMessage()))
            .mapEmpty();
    }
}
