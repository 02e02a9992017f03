package io.edgecoder.core.trust;

import io.edgecoder.core.ErrorCode;
import io.edgecoder.core.MeshException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a node trusts: the deployment CA certificates (more than one while a CA is rotated) and the
 * revoked node ids. {@link #check} accepts a node certificate only if one of those CAs signed it,
 * it is within its validity and its node is not revoked. Checked certificates are cached by their
 * encoding, so a peer's certificate is parsed and its CA signature checked once; validity and
 * revocation are checked on every use, so a revocation acts on the next message. Thread-safe.
 */
public final class MeshTrust {
    private static final int CACHE_SIZE = 4096;

    private final List<X509Certificate> anchors = new CopyOnWriteArrayList<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final Map<String, NodeCertificate> cache = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, NodeCertificate> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private final Clock clock;

    public MeshTrust(List<X509Certificate> anchors, Clock clock) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("at least one CA certificate is required");
        }
        this.anchors.addAll(anchors);
        this.clock = clock;
    }

    public MeshTrust(X509Certificate anchor) {
        this(List.of(anchor), Clock.systemUTC());
    }

    public List<X509Certificate> anchors() {
        return List.copyOf(anchors);
    }

    /** Trusts another CA (the new one while the deployment CA is rotated). */
    public void addAnchor(X509Certificate ca) {
        if (!anchors.contains(ca)) {
            anchors.add(ca);
        }
        clearCache();
    }

    /** Refuses every certificate of {@code nodeId} from now on. */
    public void revoke(String nodeId) {
        revoked.add(nodeId);
    }

    /** Lifts a revocation (a node approved again). */
    public void reinstate(String nodeId) {
        revoked.remove(nodeId);
    }

    public boolean isRevoked(String nodeId) {
        return revoked.contains(nodeId);
    }

    /** Checks a base64 DER certificate as sent in a bus header. */
    public NodeCertificate check(String certBase64) {
        NodeCertificate cert;
        synchronized (cache) {
            cert = cache.get(certBase64);
        }
        if (cert == null) {
            cert = verifySignature(parse(certBase64));
            synchronized (cache) {
                cache.put(certBase64, cert);
            }
        }
        return checkCurrent(cert);
    }

    /** Checks a certificate presented on a TLS connection or read from a file. */
    public NodeCertificate check(X509Certificate x509) {
        return checkCurrent(verifySignature(parseContent(x509)));
    }

    private NodeCertificate checkCurrent(NodeCertificate cert) {
        Instant now = clock.instant();
        if (now.isAfter(cert.notAfter()) || now.isBefore(cert.x509().getNotBefore().toInstant())) {
            throw refused("certificate of node " + cert.nodeId() + " is not valid now (expires " + cert.notAfter() + ")");
        }
        if (revoked.contains(cert.nodeId())) {
            throw refused("node " + cert.nodeId() + " is revoked");
        }
        return cert;
    }

    private NodeCertificate verifySignature(NodeCertificate cert) {
        for (X509Certificate ca : anchors) {
            try {
                if (ca.getSubjectX500Principal().equals(cert.x509().getIssuerX500Principal())) {
                    cert.x509().verify(ca.getPublicKey());
                    return cert;
                }
            } catch (GeneralSecurityException e) {
                // try the next CA: during a rotation two CAs may share a name
            }
        }
        throw refused("certificate of node " + cert.nodeId() + " is not signed by this deployment's CA");
    }

    private static NodeCertificate parse(String certBase64) {
        try {
            return parseContent(Pem.x509(Base64.getDecoder().decode(certBase64)));
        } catch (IllegalArgumentException e) {
            throw refused("unreadable node certificate");
        }
    }

    private static NodeCertificate parseContent(X509Certificate x509) {
        try {
            return NodeCertificate.of(x509);
        } catch (IllegalArgumentException e) {
            throw refused("bad node certificate: " + e.getMessage());
        }
    }

    private void clearCache() {
        synchronized (cache) {
            cache.clear();
        }
    }

    private static MeshException refused(String message) {
        return new MeshException(ErrorCode.UNAUTHORIZED, message);
    }
}
