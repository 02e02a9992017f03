package io.edgecoder.core.trust;

import io.edgecoder.core.Role;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The deployment's certificate authority: an ECDSA P-256 key (kept mode 0600 as {@code ca.key})
 * and its self-signed certificate ({@code ca.crt}). It issues node certificates for Ed25519
 * identity keys, naming node id, organisation, ring and roles (see {@link NodeCertificate}).
 * Whoever holds {@code ca.key} can admit nodes, so it lives only on the nodes that approve others.
 * Blocking (file I/O): call off the event loop.
 */
public final class DeploymentCa {
    public static final String KEY_FILE = "ca.key";
    public static final String CERT_FILE = "ca.crt";
    private static final Duration CA_LIFETIME = Duration.ofDays(3650);
    private static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final X509Certificate cert;

    private DeploymentCa(PrivateKey key, X509Certificate cert) {
        this.key = key;
        this.cert = cert;
    }

    /** True when {@code dir} holds a CA key and certificate. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(KEY_FILE)) && Files.isRegularFile(dir.resolve(CERT_FILE));
    }

    /** Loads the CA from {@code dir}, creating a new one there on first use. */
    public static DeploymentCa loadOrCreate(Path dir, String name) {
        try {
            return exists(dir) ? load(dir) : create(dir, name);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the deployment CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    public static DeploymentCa load(Path dir) throws IOException, GeneralSecurityException {
        byte[] der = Pem.decode(Files.readString(dir.resolve(KEY_FILE)), "PRIVATE KEY").get(0);
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        X509Certificate cert = Pem.certificates(Files.readString(dir.resolve(CERT_FILE))).get(0);
        return new DeploymentCa(key, cert);
    }

    /** A CA kept only in memory (tests, tools). */
    public static DeploymentCa ephemeral(String name) {
        try {
            return generate(name);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a CA: " + e.getMessage(), e);
        }
    }

    private static DeploymentCa create(Path dir, String name) throws IOException, GeneralSecurityException {
        DeploymentCa ca = generate(name);
        Files.createDirectories(dir);
        writeSecret(dir.resolve(KEY_FILE), Pem.encode("PRIVATE KEY", ca.key.getEncoded()));
        Files.writeString(dir.resolve(CERT_FILE), Pem.certificate(ca.cert));
        return ca;
    }

    private static DeploymentCa generate(String name) throws GeneralSecurityException {
        try {
            return generateUnchecked(name);
        } catch (CertIOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static DeploymentCa generateUnchecked(String name) throws GeneralSecurityException, CertIOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=" + name.replaceAll("[^A-Za-z0-9 ._-]", "") + ",O=EdgeCoder");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(now.minus(BACKDATE)),
            Date.from(now.plus(CA_LIFETIME)), subject, pair.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new DeploymentCa(pair.getPrivate(), sign(builder, pair.getPrivate()));
    }

    public X509Certificate certificate() {
        return cert;
    }

    /** SHA-256 fingerprint of the CA certificate (hex): what a joining node pins. */
    public String fingerprint() {
        return NodeCertificate.fingerprint(cert);
    }

    /** Issues a certificate for {@code identity} (convenience for a node's own or a test's). */
    public NodeCertificate issue(io.edgecoder.core.NodeIdentity identity, String org, Ring ring, Set<Role> roles, Duration lifetime) {
        return issue(identity.publicKey(), identity.nodeId(), org, ring, roles, 0, lifetime);
    }

    /** Issues a certificate for {@code identity} that also fixes its worker capacity ({@code slots}, 0 = not stated). */
    public NodeCertificate issue(io.edgecoder.core.NodeIdentity identity, String org, Ring ring, Set<Role> roles, int slots,
                                 Duration lifetime) {
        return issue(identity.publicKey(), identity.nodeId(), org, ring, roles, slots, lifetime);
    }

    /** Credentials for {@code identity} trusting only this CA (the node's own, or a test member's). */
    public NodeCredentials credentials(io.edgecoder.core.NodeIdentity identity, String org, Ring ring, Set<Role> roles,
                                       Duration lifetime) {
        return new NodeCredentials(identity, issue(identity, org, ring, roles, lifetime), new MeshTrust(cert));
    }

    /** Issues a certificate for a node's Ed25519 key, valid from a few minutes ago for {@code lifetime}. */
    public NodeCertificate issue(PublicKey nodeKey, String nodeId, String org, Ring ring, Set<Role> roles, Duration lifetime) {
        return issue(nodeKey, nodeId, org, ring, roles, 0, lifetime);
    }

    /**
     * Issues a certificate that also fixes the node's capacity: coordinators never count more than
     * {@code slots} free slots from its heartbeats (0 = not stated).
     */
    public NodeCertificate issue(PublicKey nodeKey, String nodeId, String org, Ring ring, Set<Role> roles, int slots,
                                 Duration lifetime) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(cert, serial(), Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(lifetime)), new X500Name("CN=" + nodeId), nodeKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, names(nodeId, org, ring, roles, slots));
            return NodeCertificate.of(sign(builder, key));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate for " + nodeId + ": " + e.getMessage(), e);
        }
    }

    private static GeneralNames names(String nodeId, String org, Ring ring, Set<Role> roles, int slots) {
        requireName("node id", nodeId);
        requireName("organisation", org);
        List<GeneralName> names = new ArrayList<>();
        names.add(uri("node:" + nodeId));
        names.add(uri("org:" + org));
        names.add(uri("ring:" + ring.id()));
        roles.stream().sorted().forEach(role -> names.add(uri("role:" + role.id())));
        if (slots < 0 || slots > 4096) {
            throw new IllegalArgumentException("slots must be within 0..4096");
        }
        if (slots > 0) {
            names.add(uri("slots:" + slots));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static void requireName(String what, String value) {
        if (value == null || !value.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException(what + " must be 1..64 of [A-Za-z0-9._-]");
        }
    }

    private static GeneralName uri(String suffix) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, NodeCertificate.URN + suffix);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static void writeSecret(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
