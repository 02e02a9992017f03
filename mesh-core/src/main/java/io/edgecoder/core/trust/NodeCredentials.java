package io.edgecoder.core.trust;

import io.edgecoder.core.NodeIdentity;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a node proves itself with: its identity key, its current certificate from the deployment CA,
 * and the CAs it trusts. Kept in {@code <data-dir>/tls} as {@code node.crt} and {@code ca.crt}
 * (the key stays in {@code <data-dir>/identity}). Gives the TLS options of the clustered event bus
 * (mutual TLS, only the deployment CA trusted) and of bridges. The certificate can be renewed
 * while the node runs: messages carry the newest one, while the event bus's TLS connections keep the
 * one the node started with (its membership), so TLS certificates outlive message certificates.
 */
public final class NodeCredentials {
    public static final String NODE_CERT = "node.crt";
    public static final String CA_CERTS = "ca.crt";
    public static final String TLS_CERT = "tls.crt";

    private final NodeIdentity identity;
    private final MeshTrust trust;
    private volatile NodeCertificate certificate;
    private volatile String certificateBase64;
    private final NodeCertificate tlsCertificate;

    /** Credentials whose one certificate serves both the bus messages and TLS. */
    public NodeCredentials(NodeIdentity identity, NodeCertificate certificate, MeshTrust trust) {
        this(identity, certificate, certificate, trust);
    }

    /** Credentials with a (short-lived, renewable) message certificate and a longer-lived TLS certificate. */
    public NodeCredentials(NodeIdentity identity, NodeCertificate certificate, NodeCertificate tlsCertificate, MeshTrust trust) {
        this.identity = identity;
        this.trust = trust;
        if (!tlsCertificate.nodeId().equals(identity.nodeId())) {
            throw new IllegalArgumentException("TLS certificate of " + tlsCertificate.nodeId() + " is not for node " + identity.nodeId());
        }
        this.tlsCertificate = tlsCertificate;
        renew(certificate);
    }

    /** Credentials stored in {@code tlsDir}, if a certificate for this identity is there. */
    public static Optional<NodeCredentials> load(Path tlsDir, NodeIdentity identity) {
        Path certFile = tlsDir.resolve(NODE_CERT);
        Path tlsFile = tlsDir.resolve(TLS_CERT);
        Path caFile = tlsDir.resolve(CA_CERTS);
        if (!Files.isRegularFile(certFile) || !Files.isRegularFile(caFile)) {
            return Optional.empty();
        }
        try {
            NodeCertificate cert = NodeCertificate.of(Pem.certificates(Files.readString(certFile)).get(0));
            NodeCertificate tls = Files.isRegularFile(tlsFile)
                ? NodeCertificate.of(Pem.certificates(Files.readString(tlsFile)).get(0)) : cert;
            if (!cert.nodeId().equals(identity.nodeId()) || !tls.nodeId().equals(identity.nodeId())) {
                throw new IllegalStateException("the certificates in " + tlsDir + " belong to node " + cert.nodeId()
                    + ", not to this node " + identity.nodeId());
            }
            MeshTrust trust = new MeshTrust(Pem.certificates(Files.readString(caFile)), java.time.Clock.systemUTC());
            return Optional.of(new NodeCredentials(identity, cert, tls, trust));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read node credentials in " + tlsDir + ": " + e.getMessage(), e);
        }
    }

    /** Writes the certificate and trusted CAs to {@code tlsDir}. */
    public void save(Path tlsDir) {
        try {
            Files.createDirectories(tlsDir);
            Files.writeString(tlsDir.resolve(NODE_CERT), Pem.certificate(certificate.x509()));
            Files.writeString(tlsDir.resolve(TLS_CERT), Pem.certificate(tlsCertificate.x509()));
            StringBuilder cas = new StringBuilder();
            trust.anchors().forEach(ca -> cas.append(Pem.certificate(ca)));
            Files.writeString(tlsDir.resolve(CA_CERTS), cas.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write node credentials to " + tlsDir + ": " + e.getMessage(), e);
        }
    }

    public NodeIdentity identity() {
        return identity;
    }

    public MeshTrust trust() {
        return trust;
    }

    public NodeCertificate certificate() {
        return certificate;
    }

    public NodeCertificate tlsCertificate() {
        return tlsCertificate;
    }

    String certificateBase64() {
        return certificateBase64;
    }

    /** Uses a newly issued certificate for this node's key from now on. */
    public void renew(NodeCertificate renewed) {
        if (!renewed.nodeId().equals(identity.nodeId())) {
            throw new IllegalArgumentException("certificate of " + renewed.nodeId() + " is not for node " + identity.nodeId());
        }
        trust.check(renewed.x509());
        try {
            certificateBase64 = Base64.getEncoder().encodeToString(renewed.x509().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        certificate = renewed;
    }

    /** Mutual TLS for the clustered event bus: present this node's certificate, require one from the peer. */
    public EventBusOptions applyTo(EventBusOptions options) {
        options.setSsl(true).setClientAuth(ClientAuth.REQUIRED)
            .setKeyCertOptions(keyStore()).setTrustOptions(trustOptions());
        return options;
    }

    /** A TLS server presenting this node's certificate; client certificates from the deployment CA required. */
    public NetServerOptions serverOptions(NetServerOptions options) {
        options.setSsl(true).setClientAuth(ClientAuth.REQUIRED).setKeyCertOptions(keyStore()).setTrustOptions(trustOptions());
        return options;
    }

    /** A TLS client presenting this node's certificate and trusting only the deployment CA. */
    public NetClientOptions clientOptions(NetClientOptions options) {
        options.setSsl(true).setKeyCertOptions(keyStore()).setTrustOptions(trustOptions());
        return options;
    }

    public PemTrustOptions trustOptions() {
        PemTrustOptions pem = new PemTrustOptions();
        trust.anchors().forEach(ca -> pem.addCertValue(Buffer.buffer(Pem.certificate(ca))));
        return pem;
    }

    /**
     * An in-memory PKCS#12 store of the key and certificate chain. (Vert.x's PEM key loader does
     * not read Ed25519 keys, and the event bus rebuilds its options from JSON, which keeps only
     * PEM, JKS and PKCS#12 stores.)
     */
    public PfxOptions keyStore() {
        try {
            byte[] secret = new byte[18];
            new SecureRandom().nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            List<X509Certificate> chain = new java.util.ArrayList<>();
            chain.add(tlsCertificate.x509());
            chain.addAll(trust.anchors());
            store.setKeyEntry("node", identity.privateKey(), password.toCharArray(), chain.toArray(Certificate[]::new));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password.toCharArray());
            return new PfxOptions().setValue(Buffer.buffer(out.toByteArray())).setPassword(password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS key store: " + e.getMessage(), e);
        }
    }
}
